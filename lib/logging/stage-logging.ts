/**
 * Turns on the logs the diagnosis needs for a stage defined in the same CDK app: JSON access
 * logging into a log group with retention and, for REST APIs, execution logging for every method.
 * HTTP APIs have no execution logs; their access log carries the integration error instead.
 *
 * REST execution logging also needs the account-level CloudWatch role of API Gateway (once per
 * account and region); see the README.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { CfnStage as CfnRestStage, type Stage as RestStage } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage as CfnHttpStage, type IHttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ApiKind } from '../../functions/types';
import { accessLogFormat } from './access-log-format';

export const EXECUTION_LOG_LEVELS = ['ERROR', 'INFO'] as const;
export type ExecutionLogLevel = (typeof EXECUTION_LOG_LEVELS)[number];

export interface StageLoggingProps {
  /** A REST API stage (aws-apigateway Stage, e.g. `api.deploymentStage`) or an HTTP API stage (HttpStage, e.g. `httpApi.defaultStage`). */
  readonly stage: RestStage | IHttpStage;
  /**
   * REST only. ERROR logs the failing requests' lines, which is what the classifier needs, at a
   * fraction of INFO's volume; INFO adds every request's lines. @default 'ERROR'
   */
  readonly executionLogLevel?: ExecutionLogLevel;
  /** Retention of the access log group. @default RetentionDays.ONE_MONTH */
  readonly retention?: RetentionDays;
}

export class StageLogging extends Construct {
  readonly accessLogGroup: LogGroup;
  readonly kind: ApiKind;

  constructor(scope: Construct, id: string, props: StageLoggingProps) {
    super(scope, id);
    const level = props.executionLogLevel ?? 'ERROR';
    if (!EXECUTION_LOG_LEVELS.includes(level)) {
      throw new Error(`executionLogLevel: "${String(level)}" is not supported. Use "ERROR" or "INFO".`);
    }
    this.accessLogGroup = new LogGroup(this, 'AccessLogs', {
      retention: props.retention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const cfn = props.stage.node.defaultChild;

    if (cfn instanceof CfnRestStage) {
      this.kind = 'REST';
      cfn.accessLogSetting = { destinationArn: this.accessLogGroup.logGroupArn, format: accessLogFormat('REST') };
      // Replace any earlier catch-all entry instead of adding a second one (CloudFormation refuses duplicates).
      const others = Array.isArray(cfn.methodSettings)
        ? (cfn.methodSettings as CfnRestStage.MethodSettingProperty[]).filter(
            (setting) => !(setting.httpMethod === '*' && setting.resourcePath === '/*'),
          )
        : [];
      cfn.methodSettings = [
        ...others,
        // Data tracing (full request/response bodies) stays off: bodies may hold personal data.
        { httpMethod: '*', resourcePath: '/*', loggingLevel: level, dataTraceEnabled: false },
      ];
    } else if (cfn instanceof CfnHttpStage) {
      this.kind = 'HTTP';
      cfn.accessLogSettings = { destinationArn: this.accessLogGroup.logGroupArn, format: accessLogFormat('HTTP') };
    } else {
      throw new Error('stage: expected an aws-apigateway Stage or an aws-apigatewayv2 HttpStage.');
    }
  }
}
