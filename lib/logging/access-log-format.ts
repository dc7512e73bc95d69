/**
 * The JSON access log format the diagnosis reads. It carries the fields that tell 5XX causes
 * apart: the integration's own status and error message, the gateway error's response type, the
 * authorizer error. HTTP APIs write no execution logs, so for them this is the main evidence.
 */
import type { ApiKind } from '../../functions/types';

/** Field name -> $context variable, valid for both REST and HTTP APIs. */
const COMMON_FIELDS = {
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  requestTimeEpoch: '$context.requestTimeEpoch',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  sourceIp: '$context.identity.sourceIp',
  integrationStatus: '$context.integration.status',
  integrationLatency: '$context.integration.latency',
  integrationError: '$context.integration.error',
  integrationErrorMessage: '$context.integrationErrorMessage',
  errorMessage: '$context.error.message',
  errorResponseType: '$context.error.responseType',
  authorizerError: '$context.authorizer.error',
} as const;

export const ACCESS_LOG_FIELDS = {
  REST: {
    ...COMMON_FIELDS,
    resourcePath: '$context.resourcePath',
    stage: '$context.stage',
    xrayTraceId: '$context.xrayTraceId',
    wafResponseCode: '$context.wafResponseCode',
  },
  HTTP: {
    ...COMMON_FIELDS,
    routeKey: '$context.routeKey',
    stage: '$context.stage',
  },
} as const satisfies Record<ApiKind, Record<string, string>>;

/** One JSON object per request, as a single line. */
export function accessLogFormat(kind: ApiKind): string {
  return JSON.stringify(ACCESS_LOG_FIELDS[kind]);
}
