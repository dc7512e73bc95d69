/**
 * Prefixes that log viewers and exporters put in front of the message: ISO timestamps
 * (`aws logs tail`, console exports), log stream names, API Gateway console test timestamps
 * ("Sat Sep 19 07:14:11 UTC 2020 : "), execution-log request ids ("(uuid) ") and Lambda's
 * "timestamp<TAB>request id<TAB>LEVEL<TAB>" runtime prefix, the CloudWatch console's table
 * rendering ("| timestamp | message"), an event's epoch-millisecond timestamp as the Logs API and
 * exporters print it ("1716320924709<TAB>message") and a viewer's time of day ("18:25:50 message",
 * `serverless logs`, `sam logs`).
 */
export interface StrippedLine {
  /** The message without any recognised prefix, trimmed. */
  readonly message: string;
  /** The "(uuid)" execution-log prefix when there was one. */
  readonly requestIdPrefix?: string;
  /** A console test timestamp was present: the line comes from an API Gateway execution log. */
  readonly consoleTimestamp: boolean;
  /** Lambda runtime prefix (timestamp, request id, level): the line comes from a function's log. */
  readonly lambdaRuntimePrefix: boolean;
  /** The log level the runtime prefix or a "[LEVEL]" tag named. */
  readonly level?: string;
}

const ISO = String.raw`\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?`;
const UUID = String.raw`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`;
const LEVEL = String.raw`(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|CRITICAL)`;

const LEADING_ISO = new RegExp(String.raw`^\s*\[?${ISO}\]?\s+`);
/**
 * The CloudWatch console's events pasted as a table: "|   | 2020-06-09T12:34:27.050+05:30 | message"
 * (empty expander cell, timestamp cell, message cell).
 */
const TABLE_ISO = new RegExp(String.raw`^\s*(?:\|\s*)*${ISO}\s*\|\s*`);
const LOG_STREAM = /^\d{4}\/\d{2}\/\d{2}\/\[[^\]]*\][0-9a-f]{16,}\s+/i;
const HEX_STREAM = /^[0-9a-f]{32}\s+/i;
/** Epoch milliseconds (13 digits: 2001-2286) in front of the message. */
const EPOCH_MS = /^1\d{12}\s+/;
/** A time of day alone ("18:25:50", "18:25:50.123") in front of the message. */
const TIME_OF_DAY = /^\[?(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:[.,]\d{1,6})?\]?\s+/;
const CONSOLE_TIMESTAMP = /^[A-Z][a-z]{2}\s+[A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}\s+UTC\s+\d{4}\s*:\s*/;
const EXECUTION_REQUEST_ID = new RegExp(String.raw`^\(\s*(${UUID})\s*\)\s*`, 'i');
/** Node/Java/.NET runtimes: "2020-01-15T14:05:49.904Z\t<uuid|undefined>\tERROR\tmessage". */
const LAMBDA_RUNTIME = new RegExp(String.raw`^${ISO}\s+(?:${UUID}|undefined)\s+(${LEVEL})\s+`, 'i');
/** Python runtime: "[ERROR]\t2024-11-13T06:17:07.299Z\t<uuid>\tmessage". */
const PYTHON_RUNTIME = new RegExp(String.raw`^\[(${LEVEL})\]\s+${ISO}\s+(?:${UUID}|undefined)?\s*`, 'i');

export function stripPrefixes(line: string): StrippedLine {
  let message = line.trim();
  let requestIdPrefix: string | undefined;
  let consoleTimestamp = false;
  let lambdaRuntimePrefix = false;
  let level: string | undefined;

  const runtime = LAMBDA_RUNTIME.exec(message) ?? PYTHON_RUNTIME.exec(message);
  if (runtime !== null) {
    lambdaRuntimePrefix = true;
    level = runtime[1]?.toUpperCase();
    message = message.slice(runtime[0].length);
  } else {
    // Viewer prefixes can stack: "2024-05-04T17:48:21.123Z 2024/05/04/[$LATEST]abc... message".
    for (let i = 0; i < 3; i++) {
      const before = message;
      message = message
        .replace(TABLE_ISO, '')
        .replace(LEADING_ISO, '')
        .replace(EPOCH_MS, '')
        .replace(TIME_OF_DAY, '')
        .replace(LOG_STREAM, '')
        .replace(HEX_STREAM, '');
      if (message === before) break;
    }
    const again = LAMBDA_RUNTIME.exec(message) ?? PYTHON_RUNTIME.exec(message);
    if (again !== null) {
      lambdaRuntimePrefix = true;
      level = again[1]?.toUpperCase();
      message = message.slice(again[0].length);
    }
  }
  const console = CONSOLE_TIMESTAMP.exec(message);
  if (console !== null) {
    consoleTimestamp = true;
    message = message.slice(console[0].length);
  }
  const requestId = EXECUTION_REQUEST_ID.exec(message);
  if (requestId !== null) {
    requestIdPrefix = `(${requestId[1]})`;
    message = message.slice(requestId[0].length);
  }
  return {
    message: message.trim(),
    consoleTimestamp,
    lambdaRuntimePrefix,
    ...(requestIdPrefix === undefined ? {} : { requestIdPrefix }),
    ...(level === undefined ? {} : { level }),
  };
}
