/**
 * AWS Systems Manager OpsItem: created with the incident as dedup string and the API stage and
 * alarm as related resources; later alarms update its description; OK sets it Resolved.
 * Ref: { opsItemId }.
 */
import type { SSMServiceException } from '@aws-sdk/client-ssm';
import { CreateOpsItemCommand, SSMClient, UpdateOpsItemCommand } from '@aws-sdk/client-ssm';
import type { DestinationRef, IncidentSummary, Notifier, SendContext } from '../types';
import type { OpsItemDestinationConfig } from '../runtime-config';
import { DeliveryError } from './errors';
import type { NotifierDeps, SsmSender } from './notifier-deps';
import { outlineOf } from './outline';
import { renderMarkdown } from './render-markdown';
import { truncate } from './truncate';

export const OPSITEM_SOURCE = 'apigw-responder';
/** CreateOpsItem limits: Title 1..1024, Description 1..2048 characters. */
const TITLE_MAX = 1024;
const DESCRIPTION_MAX = 2048;

/** The API stage's ARN, when the API id is known. */
export function apiStageArn(summary: IncidentSummary): string | undefined {
  const { api, region } = summary;
  if (api.id === undefined) return undefined;
  const collection = api.kind === 'REST' ? 'restapis' : 'apis';
  return `arn:aws:apigateway:${region}::/${collection}/${api.id}/stages/${api.stage}`;
}

function resourcesOf(summary: IncidentSummary): string {
  const arns = [apiStageArn(summary), summary.alarmArn].filter((a): a is string => a !== undefined && a !== '');
  return JSON.stringify(arns.map((arn) => ({ arn })));
}

const RETRYABLE = new Set(['ThrottlingException', 'TooManyUpdates', 'InternalServerError', 'ServiceUnavailable']);

function asDelivery(error: unknown, operation: string): DeliveryError {
  const e = error as Partial<SSMServiceException> & { name?: string; message?: string };
  const status = e.$metadata?.httpStatusCode;
  const retryable =
    RETRYABLE.has(e.name ?? '') || e.$retryable !== undefined || (status !== undefined && status >= 500);
  return new DeliveryError(`ssm ${operation}: ${e.name ?? 'Error'}: ${e.message ?? String(error)}`, {
    retryable,
    status,
    cause: error,
  });
}

export function createOpsItemNotifier(config: OpsItemDestinationConfig, deps: NotifierDeps): Notifier {
  let client: SsmSender | undefined = deps.ssm;
  const ssm = (): SsmSender => (client ??= new SSMClient({ region: deps.region }));

  async function run<T>(operation: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw asDelivery(error, operation);
    }
  }

  async function send(
    summary: IncidentSummary,
    ref: DestinationRef | undefined,
    signal: AbortSignal,
    context?: SendContext,
  ): Promise<DestinationRef> {
    const opsItemId = ref?.opsItemId;
    const description = truncate(renderMarkdown(summary), DESCRIPTION_MAX);
    if (opsItemId !== undefined) {
      const input =
        summary.kind === 'resolved'
          ? { OpsItemId: opsItemId, Status: 'Resolved' as const }
          : context?.outcome === 'reopen'
            ? { OpsItemId: opsItemId, Status: 'Open' as const, Description: description }
            : { OpsItemId: opsItemId, Description: description };
      await run('UpdateOpsItem', () => ssm().send(new UpdateOpsItemCommand(input), { abortSignal: signal }));
      return ref ?? { opsItemId };
    }
    // An OK with no OpsItem on record: nothing to resolve.
    if (summary.kind === 'resolved') return ref ?? {};
    const outline = outlineOf(summary);
    const created = await run('CreateOpsItem', () =>
      ssm().send(
        new CreateOpsItemCommand({
          Title: truncate(`API Gateway 5XX: ${outline.title}`, TITLE_MAX),
          Description: description,
          Source: OPSITEM_SOURCE,
          Category: config.category ?? 'Availability',
          Severity: config.severity ?? '2',
          OperationalData: {
            '/aws/dedup': { Type: 'SearchableString', Value: JSON.stringify({ dedupString: summary.incidentId }) },
            '/aws/resources': { Type: 'SearchableString', Value: resourcesOf(summary) },
          },
        }),
        { abortSignal: signal },
      ),
    );
    if (created.OpsItemId === undefined)
      throw new DeliveryError('ssm CreateOpsItem: no OpsItemId', { retryable: false });
    return { opsItemId: created.OpsItemId };
  }

  return { name: 'opsitem', send };
}
