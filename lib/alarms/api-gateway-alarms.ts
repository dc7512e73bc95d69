/**
 * The alarm construct: for every watched API stage, one alarm per enabled signal, each notifying
 * the given topic on ALARM and on OK (OK resolves the incident's thread/ticket). Reusable on its
 * own in any CDK app.
 */
import { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { ApiGatewayResponderConfig } from '../config/config';
import type { ResolvedApi } from '../config/resolved-config';
import { THRESHOLD_NAMES } from '../config/thresholds';
import { validateConfig } from '../config/validate-config';
import { ALARM_SIGNALS, alarmMarkerLine, alarmName, type AlarmIdentity } from './alarm-name';
import type { ApiStageRef } from './api-metrics';
import { signalSpec } from './signal-alarms';

export interface ApiGatewayAlarmsProps extends Pick<ApiGatewayResponderConfig, 'apis' | 'thresholds' | 'runbookUrl'> {
  /** Receives ALARM and OK notifications of every alarm. */
  readonly topic: ITopic;
}

function describeApi(api: ResolvedApi, stage: string): string {
  const label =
    api.kind === 'REST' ? `REST API "${api.name}"` : `HTTP API ${api.name ? `"${api.name}" (${api.id})` : api.id}`;
  return `API Gateway ${label} stage "${stage}"`;
}

function periodsText(evaluationPeriods: number, datapointsToAlarm: number, periodSeconds: number): string {
  return `in ${datapointsToAlarm} of ${evaluationPeriods} periods of ${periodSeconds / 60} min`;
}

export class ApiGatewayAlarms extends Construct {
  /** Every alarm created, in config order. */
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: ApiGatewayAlarmsProps) {
    super(scope, id);
    const config = validateConfig({ apis: props.apis, thresholds: props.thresholds, runbookUrl: props.runbookUrl });
    const action = new SnsAction(props.topic);
    const alarms: Alarm[] = [];

    for (const api of config.apis) {
      for (const stage of api.stages) {
        const ref: ApiStageRef = {
          kind: api.kind,
          api: (api.kind === 'REST' ? api.name : api.id) ?? '',
          stage: stage.name,
        };
        for (const name of THRESHOLD_NAMES) {
          const tuning = stage.thresholds[name];
          if (!tuning.enabled) continue;
          const identity: AlarmIdentity = { ...ref, signal: ALARM_SIGNALS[name] };
          const spec = signalSpec(name, ref, stage.thresholds);
          // The name is the construct id too: stable logical ids, so reordering the config never
          // replaces an alarm (a named resource cannot be replaced in place).
          const alarm = new Alarm(this, alarmName(identity).replace(/\//g, '_'), {
            alarmName: alarmName(identity),
            alarmDescription: [
              `${describeApi(api, stage.name)}: ${spec.condition} ${periodsText(tuning.evaluationPeriods, tuning.datapointsToAlarm, tuning.periodSeconds)}.`,
              `Runbook: ${config.runbookUrl}`,
              alarmMarkerLine(identity),
            ].join('\n'),
            metric: spec.metric,
            threshold: spec.rule.threshold,
            comparisonOperator: spec.comparisonOperator,
            evaluationPeriods: spec.rule.evaluationPeriods,
            datapointsToAlarm: spec.rule.datapointsToAlarm,
            // From the shared rule (semantics/alarm-rule.ts): notBreaching, an idle stage is no outage.
            treatMissingData: spec.treatMissingData,
          });
          alarm.addAlarmAction(action);
          alarm.addOkAction(action);
          alarms.push(alarm);
        }
      }
    }
    this.alarms = alarms;
  }
}
