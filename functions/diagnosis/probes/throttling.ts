/**
 * Limits that may be throttling traffic: stage and method throttles, usage plans on the stage,
 * the account's API Gateway throttle, Lambda account concurrency and reserved concurrency.
 */
import { GetAccountCommand, GetUsagePlansCommand } from '@aws-sdk/client-api-gateway';
import type { UsagePlan } from '@aws-sdk/client-api-gateway';
import { GetAccountSettingsCommand } from '@aws-sdk/client-lambda';
import type { Finding, ThrottleLimitFinding } from '../../types';
import type { ProbeContext } from '../probe';
import { couldNotCheck, reasonOf } from '../probe';

function limit(
  scope: ThrottleLimitFinding['scope'],
  summary: string,
  values: { rateLimit?: number; burstLimit?: number; concurrencyLimit?: number; name?: string },
): ThrottleLimitFinding {
  const out: ThrottleLimitFinding = { type: 'throttle-limit', probe: 'throttling', scope, summary };
  return { ...out, ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) };
}

async function usagePlans(ctx: ProbeContext): Promise<UsagePlan[]> {
  const plans: UsagePlan[] = [];
  let position: string | undefined;
  let pages = 0;
  do {
    const page = await ctx.clients.apiGateway.send(new GetUsagePlansCommand({ limit: 500, position }));
    plans.push(...(page.items ?? []));
    position = page.position;
    pages += 1;
  } while (position !== undefined && pages < 3);
  return plans;
}

export async function throttlingProbe(ctx: ProbeContext): Promise<Finding[]> {
  const model = await ctx.discovery.apiModel();
  const rest = model.kind === 'REST';
  // Reserved concurrency of the deep-dived functions only (bounded fan-out; the rest are summarised).
  const ranked = model.functions.length === 0 ? [] : (await ctx.discovery.backendRanking()).deepDive;
  const [plans, account, lambdaAccount, reserved] = await Promise.all([
    rest
      ? usagePlans(ctx).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        )
      : Promise.resolve(undefined),
    ctx.clients.apiGateway.send(new GetAccountCommand({})).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    model.functions.length === 0
      ? Promise.resolve(undefined)
      : ctx.clients.lambda.send(new GetAccountSettingsCommand({})).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        ),
    Promise.all(
      ranked.map((f) =>
        ctx.discovery.reservedConcurrency(f.name).then(
          (value) => ({ name: f.name, value }),
          (error: unknown) => ({ name: f.name, error }),
        ),
      ),
    ),
  ]);
  const findings: Finding[] = [];
  const notChecked: Finding[] = [];
  const s = model.stage;
  if (s.throttleRateLimit !== undefined || s.throttleBurstLimit !== undefined) {
    findings.push(
      limit(
        'stage',
        `stage ${s.name} throttle: ${s.throttleRateLimit ?? '-'} rps, burst ${s.throttleBurstLimit ?? '-'}`,
        {
          rateLimit: s.throttleRateLimit,
          burstLimit: s.throttleBurstLimit,
          name: s.name,
        },
      ),
    );
  }
  for (const m of s.methodThrottles) {
    findings.push(
      limit('method', `${m.key} throttle: ${m.rateLimit ?? '-'} rps, burst ${m.burstLimit ?? '-'}`, {
        rateLimit: m.rateLimit,
        burstLimit: m.burstLimit,
        name: m.key,
      }),
    );
  }
  if (plans !== undefined) {
    if ('error' in plans) notChecked.push(couldNotCheck('throttling', 'usage plans', reasonOf(plans.error)));
    else {
      for (const plan of plans.value) {
        const onStage = (plan.apiStages ?? []).some((a) => a.apiId === model.id && a.stage === s.name);
        if (!onStage) continue;
        const quota = plan.quota?.limit === undefined ? '' : `, quota ${plan.quota.limit}/${plan.quota.period ?? '?'}`;
        findings.push(
          limit(
            'usage-plan',
            `usage plan ${plan.name ?? plan.id ?? ''}: ${plan.throttle?.rateLimit ?? '-'} rps, burst ${plan.throttle?.burstLimit ?? '-'}${quota}`,
            {
              rateLimit: plan.throttle?.rateLimit,
              burstLimit: plan.throttle?.burstLimit,
              name: plan.name ?? plan.id,
            },
          ),
        );
      }
    }
  }
  if ('error' in account)
    notChecked.push(couldNotCheck('throttling', 'the account API Gateway throttle', reasonOf(account.error)));
  else {
    const t = account.value.throttleSettings;
    findings.push(
      limit(
        'account',
        `account API Gateway throttle (region): ${t?.rateLimit ?? '?'} rps, burst ${t?.burstLimit ?? '?'}`,
        {
          rateLimit: t?.rateLimit,
          burstLimit: t?.burstLimit,
        },
      ),
    );
  }
  if (lambdaAccount !== undefined) {
    if ('error' in lambdaAccount) {
      notChecked.push(couldNotCheck('throttling', 'the Lambda account concurrency', reasonOf(lambdaAccount.error)));
    } else {
      const l = lambdaAccount.value.AccountLimit;
      findings.push(
        limit(
          'lambda-account',
          `Lambda account concurrency ${l?.ConcurrentExecutions ?? '?'} (unreserved ${l?.UnreservedConcurrentExecutions ?? '?'})`,
          {
            concurrencyLimit: l?.ConcurrentExecutions,
          },
        ),
      );
    }
  }
  for (const r of reserved) {
    if ('error' in r)
      notChecked.push(couldNotCheck('throttling', `the reserved concurrency of ${r.name}`, reasonOf(r.error)));
    else if (r.value !== undefined) {
      findings.push(
        limit(
          'lambda-reserved',
          `function ${r.name} reserved concurrency ${r.value}${r.value === 0 ? ' (it cannot run at all)' : ''}`,
          {
            concurrencyLimit: r.value,
            name: r.name,
          },
        ),
      );
    }
  }
  return [...findings, ...notChecked];
}
