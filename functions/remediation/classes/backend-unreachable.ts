import type { Hypothesis, RemediationStep } from '../../types';
import type { RemediationContext } from '../context';
import { isHttpApi, regionFlag, step } from '../commands';

function hostOf(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined) return undefined;
  try {
    return new URL(endpoint).host;
  } catch {
    return undefined;
  }
}

export function backendUnreachableSteps(h: Hypothesis, ctx: RemediationContext): RemediationStep[] {
  const host = hostOf(ctx.endpoint);
  const hostCtx = { ...ctx, ...(host === undefined ? {} : { endpoint: host }) };
  const steps: RemediationStep[] = [];
  if (h.subCause === 'tls-certificate') {
    steps.push(
      step(
        hostCtx,
        "Inspect the backend's certificate chain",
        'API Gateway only trusts certificates from public CAs, with the full chain and a subject/SAN matching the host it calls. Self-signed, expired, incomplete-chain or mismatched certificates fail with PKIX errors.',
        ['endpoint'],
        () =>
          `openssl s_client -connect ${host?.includes(':') === true ? host : `${host}:443`} -servername ${host?.split(':')[0]} -showcerts </dev/null | openssl x509 -noout -subject -issuer -dates -ext subjectAltName`,
      ),
      {
        title: 'Serve a publicly trusted certificate that matches the host',
        detail:
          'Install a certificate from a public CA (full chain) for the exact host name in the integration URI; for private backends behind a VPC link, the NLB/TLS listener certificate must match the integration URI host. As a last resort REST HTTP integrations can set tlsConfig.insecureSkipVerification.',
      },
    );
  }
  if (h.subCause === 'vpc-link' || h.subCause === 'nlb-unhealthy-targets' || ctx.vpcLinkId !== undefined) {
    steps.push(
      step(
        ctx,
        'Check the VPC link status',
        'The VPC link must be AVAILABLE; a FAILED link names its reason in statusMessage.',
        ['vpcLinkId'],
        () =>
          isHttpApi(ctx)
            ? `aws apigatewayv2 get-vpc-link --vpc-link-id ${ctx.vpcLinkId}${regionFlag(ctx)}`
            : `aws apigateway get-vpc-link --vpc-link-id ${ctx.vpcLinkId}${regionFlag(ctx)}`,
      ),
      step(
        ctx,
        'Check the load balancer target health',
        'Unhealthy or missing targets, a listener on the wrong port, or security groups that do not admit the NLB/VPC link cause these failures.',
        ['targetGroupArn'],
        () => `aws elbv2 describe-target-health --target-group-arn ${ctx.targetGroupArn}${regionFlag(ctx)}`,
      ),
    );
  }
  steps.push(
    step(
      hostCtx,
      'Check the backend answers at the integration URI',
      'Is the service running and listening on that host and port, does DNS resolve, do security groups/NACLs/firewalls admit API Gateway (public endpoints) or the VPC link (private)?',
      ['endpoint'],
      () => `curl -sv --max-time 10 ${ctx.endpoint} -o /dev/null`,
    ),
    step(ctx, 'Review the failing integration', undefined, ['apiId', 'stage'], () =>
      isHttpApi(ctx)
        ? `aws apigatewayv2 get-integrations --api-id ${ctx.apiId} --query "Items[].[IntegrationId,IntegrationUri,ConnectionType,ConnectionId]"${regionFlag(ctx)}`
        : `aws apigateway get-export --rest-api-id ${ctx.apiId} --stage-name ${ctx.stage} --export-type oas30 --parameters extensions=apigateway${regionFlag(ctx)} /tmp/${ctx.apiId}-${ctx.stage}.json`,
    ),
  );
  return steps;
}
