/**
 * The Slack interactions endpoint: a Lambda function URL that Slack's buttons (Acknowledge,
 * Re-run diagnosis, Mute) post to. The function verifies Slack's signature itself (the URL has no
 * IAM auth: Slack cannot sign with SigV4), answers at once, and queues the work on SQS, which
 * invokes the same function asynchronously. Outputs the URL for the Slack app manifest.
 */
import * as path from 'node:path';
import { CfnOutput, Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { FunctionUrl } from 'aws-cdk-lib/aws-lambda';
import { FunctionUrlAuthType } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SIGNING_SECRET_ENV, WORK_QUEUE_ENV } from '../../functions/interactions/env-names';
import { RUNTIME_CONFIG_ENV } from '../../functions/runtime-config';
import type { ResolvedConfig } from '../config/resolved-config';
import { FunctionWithLogGroup } from '../function/function-with-log-group';
import { grantDiagnosis, permissionScopes } from './diagnosis-permissions';
import { grantSecrets } from './secret-permissions';
import { WildcardAcknowledgements } from './wildcard-acknowledgements';
import { allowReadRoles } from '../cross-account/assume-read-roles';
import { WORK_MAX_RECEIVES } from '../../functions/interactions/work-queue';

export const INTERACTIONS_ENTRY = path.join(__dirname, '..', '..', 'functions', 'interactions', 'handler.ts');
/** A re-run diagnoses under a 40 s deadline; the endpoint itself answers in well under Slack's 3 s. */
const TIMEOUT = Duration.seconds(60);

export interface SlackInteractionsProps {
  readonly config: ResolvedConfig;
  /** RESPONDER_CONFIG, as the responder gets it. */
  readonly runtimeConfig: string;
  readonly signingSecretId: string;
  /** The Slack block's customer-managed key, which encrypts its signing secret as it does its bot token. */
  readonly signingSecretKmsKeyArn?: string;
  readonly table: Table;
}

export class SlackInteractions extends Construct {
  readonly url: FunctionUrl;
  readonly queue: Queue;

  constructor(scope: Construct, id: string, props: SlackInteractionsProps) {
    super(scope, id);
    const deadLetters = new Queue(this, 'WorkDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'WorkQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Lambda's advice: at least six times the function's timeout.
      visibilityTimeout: Duration.seconds(TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: WORK_MAX_RECEIVES },
    });
    const fn = new FunctionWithLogGroup(this, 'Handler', {
      entry: INTERACTIONS_ENTRY,
      description: 'apigw-responder: Slack buttons (acknowledge, re-run diagnosis, mute)',
      // Small: verification and a few API calls; a re-run diagnosis is the heaviest part.
      memorySize: 512,
      timeout: TIMEOUT,
      reservedConcurrentExecutions: 5,
      logRetention: props.config.responder.logRetentionDays,
      environment: {
        [RUNTIME_CONFIG_ENV]: props.runtimeConfig,
        [SIGNING_SECRET_ENV]: props.signingSecretId,
        [WORK_QUEUE_ENV]: this.queue.queueUrl,
        POWERTOOLS_SERVICE_NAME: 'apigw-responder-interactions',
        POWERTOOLS_METRICS_NAMESPACE: 'ApiGatewayResponder',
      },
    });
    this.url = fn.function.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });
    fn.function.addEventSource(new SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true }));
    this.queue.grantSendMessages(fn.role);
    props.table.grant(fn.role, 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem');
    // The same grant as the responder's (name or ARN, kms:Decrypt through Secrets Manager for a
    // customer-managed key, the cross-account check), plus the signing secret only this function reads.
    grantSecrets(this, fn.role, [
      {
        path: 'destinations.slack.signingSecret',
        secret: props.signingSecretId,
        ...(props.signingSecretKmsKeyArn === undefined ? {} : { kmsKeyArn: props.signingSecretKmsKeyArn }),
      },
      ...props.config.secretUses,
    ]);
    const acknowledgements = new WildcardAcknowledgements(this);
    // A re-run posts its diagnosis in the thread, no graph: the probes' reads only.
    grantDiagnosis(
      fn.role,
      permissionScopes(this, props.config),
      { probes: props.config.probes, graph: false },
      acknowledgements,
    );
    acknowledgements.add(['*'], 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.', [
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
    ]);
    acknowledgements.applyTo(fn.role);
    // A re-run diagnoses another account's API through its read role, as the responder does.
    allowReadRoles(this, fn.role, props.config.crossAccountRoles);
    new CfnOutput(this, 'InteractionsUrl', {
      value: this.url.url,
      description: 'Slack app: Interactivity & Shortcuts > Request URL (docs/on-call.md)',
    });
  }
}
