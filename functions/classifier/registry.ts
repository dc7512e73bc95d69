/** Every class rule, one line each. Adding a class is a rule file plus a line here. */
import type { ClassRule } from './rule';
import { authorizerErrorRule } from './rules/authorizer-error';
import { backend5xxRule } from './rules/backend-5xx';
import { backendUnreachableRule } from './rules/backend-unreachable';
import { integrationTimeoutRule } from './rules/integration-timeout';
import { lambdaFunctionErrorRule } from './rules/lambda-function-error';
import { lambdaTimeoutRule } from './rules/lambda-timeout';
import { malformedProxyResponseRule } from './rules/malformed-proxy-response';
import { mappingErrorRule } from './rules/mapping-error';
import { permissionDeniedRule } from './rules/permission-denied';
import { responseTooLargeRule } from './rules/response-too-large';
import { throttlingRule } from './rules/throttling';

export const CLASS_RULES: readonly ClassRule[] = [
  integrationTimeoutRule,
  lambdaTimeoutRule,
  malformedProxyResponseRule,
  lambdaFunctionErrorRule,
  responseTooLargeRule,
  permissionDeniedRule,
  throttlingRule,
  mappingErrorRule,
  backendUnreachableRule,
  backend5xxRule,
  authorizerErrorRule,
];
