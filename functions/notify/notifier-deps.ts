import type { SSMClient } from '@aws-sdk/client-ssm';
import type { FetchLike } from './http';
import type { GraphImage } from './graph/incident-graph';
import type { SecretReader } from './secrets';

/** The one method of the SSM client the OpsItem notifier uses (a real client, or a mock). */
export type SsmSender = Pick<SSMClient, 'send'>;

/** What every notifier factory receives. */
export interface NotifierDeps {
  readonly secrets: SecretReader;
  readonly region: string;
  readonly fetch?: FetchLike;
  readonly ssm?: SsmSender;
  /** The incident graph (GetMetricWidgetImage in the API's account) or why there is none; no graph step when absent. */
  readonly graph?: GraphImage;
}
