/**
 * API Gateway's own character rules for the names and ids a notification carries. A stage or API
 * name is used to build log-group names and ARNs (`API-Gateway-Execution-Logs_{id}/{stage}`,
 * `/restapis/{id}`): one that API Gateway itself could never have produced is a forged or broken
 * notification, refused before it reaches any of them. The config validator uses the same rules.
 */

/** REST and HTTP API ids: 10 lower-case letters and digits. */
export const API_ID = /^[a-z0-9]{10}$/;
/**
 * REST API names (the ApiName dimension): free text to API Gateway, but never a line break or
 * control character, never "|" (the separator of this project's alarm names), and never a lone
 * surrogate (AWS names are valid UTF-8; such a name cannot even be sent to DescribeAlarms, whose
 * query encoding throws on it and would fail every notification of the batch).
 */
export const API_NAME = /^[^|\p{Cc}\p{Cs}]{1,1024}$/u;
/** REST stage names: letters, digits, "-" and "_", at most 128. */
export const REST_STAGE = /^[A-Za-z0-9_-]{1,128}$/;
/** HTTP API stage names: the same, or "$default". */
export const HTTP_STAGE = /^(\$default|[A-Za-z0-9_-]{1,128})$/;

export function isValidStage(kind: 'REST' | 'HTTP', stage: string): boolean {
  return (kind === 'HTTP' ? HTTP_STAGE : REST_STAGE).test(stage);
}
