/** Reusable parts for other CDK apps: the responder construct, the alarm construct and their contracts. */
export { ApiGatewayResponder, type ApiGatewayResponderProps } from './responder/api-gateway-responder';
export { ApiGatewayAlarms, type ApiGatewayAlarmsProps } from './alarms/api-gateway-alarms';
export { OperatorAlarms, RESPONDER_METRICS } from './responder/operator-alarms';
export { FunctionWithLogGroup, type FunctionWithLogGroupProps } from './function/function-with-log-group';
export { StageLogging, type StageLoggingProps } from './logging/stage-logging';
export { ACCESS_LOG_FIELDS, accessLogFormat } from './logging/access-log-format';
export { ApiGatewayResponderStack, type ApiGatewayResponderStackProps } from './app/api-gateway-responder-stack';
export { buildApp, type BuiltApp } from './app/build-app';
export { ResponderReadRole, type ResponderReadRoleProps } from './cross-account/responder-read-role';
export {
  ALARM_MARKER,
  ALARM_NAME_PREFIX,
  ALARM_SIGNALS,
  alarmName,
  alarmMarkerLine,
  parseAlarmMarker,
  parseAlarmName,
  type AlarmIdentity,
  type AlarmSignal,
} from './alarms/alarm-name';
export { API_GATEWAY_NAMESPACE, API_METRIC_NAMES } from './alarms/api-metrics';
export type * from './config/config';
export { DEFAULT_THRESHOLDS, type Thresholds, type ThresholdOverrides } from './config/thresholds';
export { ConfigError } from './config/config-error';
export { validateConfig } from './config/validate-config';
