/**
 * ApiGatewayResponder: alarms on the watched API stages, an encrypted SNS topic they notify, and
 * the responder Lambda subscribed to it, with its dead-letter queue, idempotency table, operator
 * alarms and least-privilege IAM. Drop it into any CDK stack.
 */
import * as path from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Match, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IDestination } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { RUNTIME_CONFIG_ENV } from '../../functions/runtime-config';
import { ALARM_NAME_PREFIX, ALARM_NAME_SEPARATOR } from '../alarms/alarm-name';
import { ApiGatewayAlarms } from '../alarms/api-gateway-alarms';
import type { ApiGatewayResponderConfig } from '../config/config';
import { validateConfig } from '../config/validate-config';
import { reservedExecutions } from '../config/reserved-concurrency';
import { FunctionWithLogGroup } from '../function/function-with-log-group';
import { grantDiagnosis, permissionScopes, responderReads } from './diagnosis-permissions';
import { warnAboutBroadGrants } from './broad-grant-warnings';
import { OperatorAlarms, RESPONDER_METRICS } from './operator-alarms';
import { grantSecrets } from './secret-permissions';
import { buildRuntimeConfig } from './runtime-config';
import {
  allowAlarmsToPublish,
  allowAlarmsToUseKey,
  apiAlarmArnPattern,
  grantReadAlarms,
  operatorAlarmArnPattern,
} from '../trust/alarm-source';
import { allowReadRoles } from '../cross-account/assume-read-roles';
import { SlackInteractions } from './slack-interactions';
import { WildcardAcknowledgements } from './wildcard-acknowledgements';
import type { SecretUse } from '../config/secret-refs';

export type ApiGatewayResponderProps = ApiGatewayResponderConfig;

/** The handler the later issues fill; bundled with esbuild at synth time. */
export const RESPONDER_ENTRY = path.join(__dirname, '..', '..', 'functions', 'responder', 'handler.ts');

/**
 * 60 s: the diagnosis runs its probes in parallel under one deadline (timeout minus
 * notifyReserveMs, 45 s by default), long enough for CloudWatch Logs filters over a few minutes
 * of logs; a summary that arrives minutes after the alarm loses its value.
 */
export const RESPONDER_TIMEOUT = Duration.seconds(60);
/**
 * 512 MB: parallel probes hold a few thousand log lines and run the template extraction over
 * them; Lambda gives CPU in proportion to memory, and 512 MB keeps a diagnosis well under the
 * deadline at a cost of cents per month.
 */
export const RESPONDER_MEMORY_MB = 512;
/** Lambda's async retries before the event goes to the dead-letter queue. */
export const RESPONDER_RETRY_ATTEMPTS = 2;
/** A summary older than this is no help to whoever is on call; the event goes to the DLQ instead. */
export const RESPONDER_MAX_EVENT_AGE = Duration.hours(1);
/** Lambda allows 4 KB of environment in total. */
const MAX_RUNTIME_CONFIG_BYTES = 3500;

/** The Slack block's key (the one its bot token is read with) also encrypts its signing secret. */
function signingKey(uses: readonly SecretUse[], tokenSecretId: string): { signingSecretKmsKeyArn?: string } {
  const kmsKeyArn = uses.find((use) => use.secret === tokenSecretId)?.kmsKeyArn;
  return kmsKeyArn === undefined ? {} : { signingSecretKmsKeyArn: kmsKeyArn };
}

export class ApiGatewayResponder extends Construct {
  readonly key: Key;
  /** Every watched alarm notifies this topic on ALARM and OK. */
  readonly alarmTopic: Topic;
  /** The responder's own alarms notify this one. */
  readonly operatorTopic: Topic;
  readonly deadLetterQueue: Queue;
  readonly table: Table;
  readonly function: NodejsFunction;
  readonly alarms: ApiGatewayAlarms;
  readonly operatorAlarms: OperatorAlarms;
  readonly eventRule?: Rule;
  /** The Slack buttons' endpoint, when Slack is in bot mode with a signing secret. */
  readonly interactions?: SlackInteractions;

  constructor(scope: Construct, id: string, props: ApiGatewayResponderProps) {
    super(scope, id);
    const config = validateConfig(props);
    const stack = Stack.of(this);

    this.key = new Key(this, 'Key', {
      description:
        'apigw-responder: encrypts the alarm and operator topics, the dead-letter queue and the incident table',
      enableKeyRotation: true,
    });
    // CloudWatch alarms publish to the encrypted topics: exact actions, and only for this
    // account's alarms of this project (see lib/trust/alarm-source.ts).
    this.key.addToResourcePolicy(allowAlarmsToUseKey(this, [apiAlarmArnPattern(this), operatorAlarmArnPattern(this)]));

    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'apigw-responder API Gateway alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.operatorTopic = new Topic(this, 'OperatorTopic', {
      displayName: 'apigw-responder operator alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    // enforceSSL gives each topic a policy, which replaces SNS's default one: allow CloudWatch back in.
    this.alarmTopic.addToResourcePolicy(
      allowAlarmsToPublish(this, 'AllowApiAlarmsToPublish', this.alarmTopic.topicArn, apiAlarmArnPattern(this)),
    );
    this.operatorTopic.addToResourcePolicy(
      allowAlarmsToPublish(
        this,
        'AllowOperatorAlarmsToPublish',
        this.operatorTopic.topicArn,
        operatorAlarmArnPattern(this),
      ),
    );
    for (const email of config.operatorEmails) this.operatorTopic.addSubscription(new EmailSubscription(email));

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter destination of the responder Lambda; a queue behind it would never be read.',
    });

    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt',
      billingMode: BillingMode.PAY_PER_REQUEST,
      // It stores incident summaries (log examples, evidence): the stack's own key, rotated, guards them.
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Idempotency and incident records expire by TTL within days: nothing worth retaining.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const runtimeConfig = buildRuntimeConfig(config, this.table.tableName, stack);
    if (JSON.stringify(runtimeConfig).length > MAX_RUNTIME_CONFIG_BYTES) {
      throw new Error(
        `apis: the runtime configuration of ${config.apis.length} APIs (their stages, backendFunctions and accessLogGroups, which bound what each API's diagnosis may read) and ${config.crossAccountRoles.length} crossAccountRoles exceeds Lambda's 4 KB environment limit. Split the APIs (and the member accounts) over several deployments (stacks).`,
      );
    }
    const responder = new FunctionWithLogGroup(this, 'Responder', {
      entry: RESPONDER_ENTRY,
      description: 'apigw-responder: runs the 5XX runbook when an API Gateway alarm fires and posts the summary',
      memorySize: RESPONDER_MEMORY_MB,
      timeout: RESPONDER_TIMEOUT,
      reservedConcurrentExecutions: reservedExecutions(config.responder.reservedConcurrency),
      logRetention: config.responder.logRetentionDays,
      environment: {
        [RUNTIME_CONFIG_ENV]: stack.toJsonString(runtimeConfig),
        POWERTOOLS_SERVICE_NAME: RESPONDER_METRICS.service,
        POWERTOOLS_METRICS_NAMESPACE: RESPONDER_METRICS.namespace,
      },
    });
    this.function = responder.function;
    const acknowledgements = new WildcardAcknowledgements(this);

    // Failed events land in the DLQ. A hand-made destination instead of SqsDestination, whose
    // grant adds kms:GenerateDataKey* and kms:ReEncrypt*: the role gets exactly what SQS needs.
    const onFailure: IDestination = { bind: () => ({ destination: this.deadLetterQueue.queueArn }) };
    this.function.configureAsyncInvoke({
      onFailure,
      retryAttempts: RESPONDER_RETRY_ATTEMPTS,
      maxEventAge: RESPONDER_MAX_EVENT_AGE,
    });
    responder.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetterQueue.queueArn] }),
    );
    responder.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [this.key.keyArn] }),
    );

    // The table is encrypted with the stack's key: reads and writes use it through DynamoDB only.
    responder.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${stack.region}.amazonaws.com` } },
      }),
    );
    this.table.grant(
      responder.role,
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:Query',
      'dynamodb:ConditionCheckItem',
    );

    grantSecrets(this, responder.role, config.secretUses);

    if (config.destinations.opsItem?.enabled) {
      const opsItemStatements = [
        {
          actions: ['ssm:CreateOpsItem'],
          resources: ['*'],
          reason: 'ssm:CreateOpsItem supports no resource-level permissions.',
        },
        {
          actions: ['ssm:UpdateOpsItem'],
          resources: [`arn:${stack.partition}:ssm:${stack.region}:${stack.account}:opsitem/*`],
          reason: 'OpsItem ids are created at run time, one per incident.',
        },
      ];
      for (const statement of opsItemStatements) {
        responder.role.addToPrincipalPolicy(
          new PolicyStatement({ actions: statement.actions, resources: statement.resources }),
        );
        acknowledgements.add(statement.resources, statement.reason, statement.actions);
      }
    }

    // The provenance gate asks CloudWatch whether a notification is genuine (functions/provenance/).
    grantReadAlarms(this, responder.role, config.trust, acknowledgements);
    // Other accounts' APIs are diagnosed through their read roles (docs/cross-account.md).
    allowReadRoles(this, responder.role, config.crossAccountRoles);

    // The probes' reads and, where the graph is posted, GetMetricWidgetImage: the same list as a
    // member account's read role (lib/cross-account/responder-read-role.ts).
    grantDiagnosis(responder.role, permissionScopes(this, config), responderReads(config), acknowledgements);
    warnAboutBroadGrants(this, config.apis, config.probes);
    // Added by Tracing.ACTIVE.
    acknowledgements.add(['*'], 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.', [
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
    ]);
    acknowledgements.applyTo(responder.role);

    this.alarmTopic.addSubscription(new LambdaSubscription(this.function));

    const slack = config.destinations.slack;
    if (slack?.mode === 'bot' && slack.signingSecretId !== undefined) {
      this.interactions = new SlackInteractions(this, 'SlackInteractions', {
        config,
        runtimeConfig: stack.toJsonString(runtimeConfig),
        signingSecretId: slack.signingSecretId,
        ...signingKey(config.secretUses, slack.tokenSecretId),
        table: this.table,
      });
    }

    if (config.eventBridgeTrigger) {
      this.eventRule = new Rule(this, 'AlarmStateChangeRule', {
        description: "apigw-responder: state changes of this project's alarms, for org-wide or cross-account buses",
        eventPattern: {
          source: ['aws.cloudwatch'],
          detailType: ['CloudWatch Alarm State Change'],
          detail: { alarmName: Match.prefix(`${ALARM_NAME_PREFIX}${ALARM_NAME_SEPARATOR}`) },
        },
        targets: [
          new LambdaFunction(this.function, {
            retryAttempts: RESPONDER_RETRY_ATTEMPTS,
            maxEventAge: RESPONDER_MAX_EVENT_AGE,
          }),
        ],
      });
    }

    this.alarms = new ApiGatewayAlarms(this, 'Alarms', {
      apis: props.apis,
      thresholds: props.thresholds,
      runbookUrl: config.runbookUrl,
      topic: this.alarmTopic,
    });
    this.operatorAlarms = new OperatorAlarms(this, 'OperatorAlarms', {
      function: this.function,
      deadLetterQueue: this.deadLetterQueue,
      topic: this.operatorTopic,
      readRoles: config.crossAccountRoles.length > 0,
    });
  }
}
