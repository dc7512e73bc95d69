import type { RootCauseClass } from '../types';

/** One human phrase per root-cause class, shown next to the stable identifier. */
export const CLASS_LABELS: Readonly<Record<RootCauseClass, string>> = {
  INTEGRATION_TIMEOUT: 'Integration timed out',
  LAMBDA_TIMEOUT: 'Backend Lambda timed out',
  MALFORMED_PROXY_RESPONSE: 'Malformed Lambda proxy response',
  LAMBDA_FUNCTION_ERROR: 'Backend Lambda failed',
  RESPONSE_TOO_LARGE: 'Response payload too large',
  PERMISSION_DENIED: 'Permission denied',
  THROTTLING: 'Throttling',
  MAPPING_ERROR: 'Mapping template error',
  BACKEND_UNREACHABLE: 'Backend unreachable',
  BACKEND_5XX: 'Backend answered 5XX',
  AUTHORIZER_ERROR: 'Authorizer error',
  UNKNOWN: 'Root cause not determined',
};
