/**
 * One raw log line → its message, a guessed source and, for structured access-log lines, their
 * fields. Unknown formats keep the whole line as the message so substring rules still apply.
 */
import type { LogSource } from '../types';
import { fieldsFromDelimited, fieldsFromJson } from './access-log';
import type { AccessFields } from './access-log';
import { stripPrefixes } from './prefix';
import { requestIdOf } from './template';

export interface ParsedLogLine {
  readonly raw: string;
  /** The message without prefixes. */
  readonly message: string;
  readonly source: LogSource;
  readonly requestId?: string;
  readonly fields?: AccessFields;
  /** The HTTP status the line reports (method completed, curl status line, access-log status). */
  readonly status?: number;
}

/** Phrases only API Gateway's execution log writes. */
const EXECUTION_LOG =
  /\b(?:execution failed due to|method completed with status|endpoint request (?:uri|headers|body|timed out)|endpoint response (?:headers|body)|sending request to|received response\.|method request (?:path|query|headers|body)|starting execution for request|lambda (?:execution|invocation) failed with status|authorizer (?:result body|error|configuration)|gateway response (?:type|body|headers)|verifying usage plan|api key .* verified|successfully completed execution|could not parse policy|output mapping refers|unable to transform (?:request|response)|invalid permissions on lambda function|does not have permission to assume the provided role|network error communicating with endpoint|pkix path)/i;

/** Phrases and shapes of a Lambda function's own log. */
const LAMBDA_LOG =
  /^(?:START|END|REPORT|INIT_START|INIT_REPORT|EXTENSION|TELEMETRY|RUNTIME)\s+(?:RequestId|Runtime|Name|Init)|\bTask timed out after\b|^\{?\s*"?(?:errorType|errorMessage|stackTrace|trace)"?\s*:|^Traceback \(most recent call last\)|^\s*at\s+[\w.<>$]+\s*\(|^\s*File "\/|^\[(?:ERROR|WARNING|INFO|DEBUG|CRITICAL)\]|\bUncaught Exception\b|\bUnhandled Promise Rejection\b|\bRuntime\.[A-Z]\w+|\/var\/(?:task|runtime)\//i;

/**
 * curl -v output, raw HTTP responses, a browser console's network line ("[HTTP/3 504  29261ms]"),
 * client bodies and SDK errors.
 */
const CLIENT =
  /^(?:[<>*]\s|\[?HTTP\/[\d.]+\s+\d{3}\b)|^\{\s*"(?:message|Message|x-amzn-ErrorType)"\s*:|^x-amzn-(?:errortype|requestid)\s*:|^apigw-requestid\s*:|\b(?:curl: \(\d+\)|status code:? [1-5]\d{2}\b.*\b(?:request|response)|AxiosError|HTTPError)/i;

const STATUS_PATTERNS: readonly RegExp[] = [
  /\bmethod completed with status:?\s*([1-5]\d{2})\b/i,
  /^(?:<\s*|\[)?HTTP\/[\d.]+\s+([1-5]\d{2})\b/i,
  /\bgateway response type:.*status code:?\s*([1-5]\d{2})\b/i,
  /\bstatus(?: code)?\s*[:=]\s*"?([1-5]\d{2})\b/i,
];

function statusOf(message: string, fields: AccessFields | undefined): number | undefined {
  const fromFields = fields?.status;
  if (fromFields !== undefined && /^[1-5]\d{2}$/.test(fromFields)) return Number(fromFields);
  for (const pattern of STATUS_PATTERNS) {
    const match = pattern.exec(message);
    if (match?.[1] !== undefined) return Number(match[1]);
  }
  return undefined;
}

function looksLikeAccessLog(fields: AccessFields | undefined): boolean {
  if (fields === undefined) return false;
  const keys = Object.keys(fields);
  return keys.length >= 2 || keys.some((k) => k !== 'status' && k !== 'errorMessage');
}

export function parseLogLine(raw: string): ParsedLogLine {
  const stripped = stripPrefixes(raw);
  const { message } = stripped;
  const requestId = requestIdOf(raw);

  let source: LogSource = 'unknown';
  let fields: AccessFields | undefined;
  if (stripped.lambdaRuntimePrefix) {
    source = 'lambda-log';
  } else if (stripped.requestIdPrefix !== undefined || stripped.consoleTimestamp) {
    source = 'execution-log';
  } else if (CLIENT.test(message)) {
    source = 'client';
  } else if (EXECUTION_LOG.test(message)) {
    source = 'execution-log';
  } else if (LAMBDA_LOG.test(message)) {
    source = 'lambda-log';
  } else {
    fields = fieldsFromJson(message) ?? fieldsFromDelimited(message);
    if (looksLikeAccessLog(fields)) source = 'access-log';
    else if (/\bLambda Customer Function Error\b|\b(?:INTEGRATION_FAILURE|INTEGRATION_TIMEOUT)\b/.test(message))
      source = 'access-log';
  }
  if (source === 'client' && message.startsWith('{')) fields = fieldsFromJson(message);
  const status = statusOf(message, fields);
  return {
    raw,
    message,
    source,
    ...(requestId === undefined ? {} : { requestId }),
    ...(fields === undefined ? {} : { fields }),
    ...(status === undefined ? {} : { status }),
  };
}
