/**
 * Structured access-log lines: JSON (whole objects or the fragment a viewer cut), tab- or
 * comma-separated values and the common log format. Field names vary with the stage's format,
 * so keys are matched loosely ("integrationErrorMessage", "integration_error", "error.message").
 */

/** The access-log fields the classifier reads, under stable names. */
export const ACCESS_FIELDS = [
  'status',
  'integrationStatus',
  'integrationError',
  'responseType',
  'errorMessage',
  'authorizerError',
  'integrationLatency',
  'route',
] as const;
export type AccessField = (typeof ACCESS_FIELDS)[number];
export type AccessFields = Partial<Record<AccessField, string>>;

const RESPONSE_TYPES =
  /\b(INTEGRATION_TIMEOUT|INTEGRATION_FAILURE|AUTHORIZER_CONFIGURATION_ERROR|AUTHORIZER_FAILURE|THROTTLED|QUOTA_EXCEEDED|API_CONFIGURATION_ERROR|DEFAULT_5XX|DEFAULT_4XX|ACCESS_DENIED|UNAUTHORIZED|MISSING_AUTHENTICATION_TOKEN|BAD_REQUEST_BODY|REQUEST_TOO_LARGE|RESOURCE_NOT_FOUND|WAF_FILTERED|EXPIRED_TOKEN|INVALID_API_KEY|INVALID_SIGNATURE)\b/;

/** Normalised key → field. Keys are lower-cased with separators removed before lookup. */
const KEY_TO_FIELD: Readonly<Record<string, AccessField>> = {
  status: 'status',
  statuscode: 'status',
  httpstatus: 'status',
  responsestatus: 'status',
  integrationstatus: 'integrationStatus',
  integrationintegrationstatus: 'integrationStatus',
  integrationresponsestatus: 'integrationStatus',
  integrationerrormessage: 'integrationError',
  integrationerror: 'integrationError',
  integrationerr: 'integrationError',
  integrationerrormsg: 'integrationError',
  errorresponsetype: 'responseType',
  responsetype: 'responseType',
  gatewayresponsetype: 'responseType',
  errormessage: 'errorMessage',
  errormessagestring: 'errorMessage',
  errmsg: 'errorMessage',
  authorizererror: 'authorizerError',
  authorizererrormessage: 'authorizerError',
  integrationlatency: 'integrationLatency',
  integrationlatencyms: 'integrationLatency',
  routekey: 'route',
  resourcepath: 'route',
  path: 'route',
};

function normaliseKey(key: string): string {
  return key
    .toLowerCase()
    .replace(/^\$?context\./, '')
    .replace(/[^a-z0-9]/g, '');
}

function put(fields: Record<string, string>, key: string, value: unknown): void {
  if (value === null || value === undefined || value === '' || value === '-') return;
  const field = KEY_TO_FIELD[normaliseKey(key)];
  if (field === undefined || fields[field] !== undefined) return;
  fields[field] = typeof value === 'string' ? value : JSON.stringify(value);
}

function flatten(value: unknown, prefix: string, fields: Record<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      flatten(inner, prefix === '' ? key : `${prefix}.${key}`, fields);
    }
    return;
  }
  put(fields, prefix, value);
}

/** Fields of a JSON access-log line or of a cut fragment of one (`"status":"504", "integrationErrorMessage":"..."`). */
export function fieldsFromJson(message: string): AccessFields | undefined {
  const trimmed = message.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (parsed !== null && typeof parsed === 'object') {
        const fields: Record<string, string> = {};
        flatten(parsed, '', fields);
        return Object.keys(fields).length > 0 ? fields : undefined;
      }
    } catch {
      // A fragment or an object a viewer cut short: fall through to key/value scanning.
    }
  }
  const fields: Record<string, string> = {};
  const pair = /"([A-Za-z0-9_.$-]{2,60})"\s*:\s*(?:"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?)|null)/g;
  for (const match of trimmed.matchAll(pair)) put(fields, match[1] ?? '', match[2] ?? match[3]);
  return Object.keys(fields).length > 0 ? fields : undefined;
}

const CLF = /"(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY)\s+(\S+)\s+HTTP\/[\d.]+"\s+([1-5]\d{2})\b/;
const METHOD = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY)$/;

/**
 * Fields of a delimited access-log line (tab, comma or the common log format). Only lines that
 * look like a record — a method or a request id plus a status code among several columns — count.
 */
export function fieldsFromDelimited(message: string): AccessFields | undefined {
  const clf = CLF.exec(message);
  if (clf?.[1] !== undefined && clf[2] !== undefined) {
    const fields: Record<string, string> = { status: clf[2], route: clf[1] };
    const responseType = RESPONSE_TYPES.exec(message)?.[1];
    if (responseType !== undefined) fields.responseType = responseType;
    return fields;
  }
  const separator = message.includes('\t') ? '\t' : message.split(',').length >= 4 ? ',' : undefined;
  if (separator === undefined) return undefined;
  const columns = message.split(separator).map((c) => c.trim().replace(/^"|"$/g, ''));
  if (columns.length < 3) return undefined;
  const statuses = columns.filter((c) => /^[1-5]\d{2}$/.test(c));
  const looksLikeRecord =
    columns.some((c) => METHOD.test(c)) ||
    columns.some((c) => /^[0-9a-f-]{36}$/i.test(c) || /^[A-Za-z0-9]{14}=$/.test(c)) ||
    columns.some((c) => RESPONSE_TYPES.test(c));
  if (statuses.length === 0 || !looksLikeRecord) return undefined;
  const fields: Record<string, string> = { status: statuses[0] ?? '' };
  if (statuses[1] !== undefined) fields.integrationStatus = statuses[1];
  const responseType = columns.map((c) => RESPONSE_TYPES.exec(c)?.[1]).find((t) => t !== undefined);
  if (responseType !== undefined) fields.responseType = responseType;
  const text = columns.find((c) => c.length > 12 && /[a-z]\s+[a-z]/i.test(c) && !/^[A-Z]+\s+\//.test(c));
  if (text !== undefined) fields.integrationError = text;
  return fields;
}
