/**
 * The integration behind the failing routes, from the diagnosed API's integration findings, as the
 * hint the rules read (the CLI's --integration). Several rules depend on it: a connection failure
 * is the function's dependency behind a Lambda integration and the backend behind an HTTP one; a
 * null body is malformed only behind a Lambda proxy integration; a service's error body is a
 * mapping-template fault only behind an AWS service integration. When the routes disagree (or
 * nothing was read) there is no hint, and the rules read the lines as if the integration were
 * unknown.
 */
import { lambdaFunctionOf } from '../lambda-function-name';
import type { IntegrationFinding, IntegrationHint } from '../types';

/** The function the diagnosis resolved, or a Lambda function in the integration's URI. */
function invokesLambda(i: IntegrationFinding): boolean {
  return i.lambdaFunction !== undefined || lambdaFunctionOf(i.uri) !== undefined;
}

function hintOf(i: IntegrationFinding): IntegrationHint | undefined {
  const type = i.integrationType.toUpperCase();
  if (type === 'AWS_PROXY') return invokesLambda(i) ? 'lambda-proxy' : 'aws';
  if (type === 'AWS') return invokesLambda(i) ? 'lambda' : 'aws';
  if (type === 'HTTP' || type === 'HTTP_PROXY') {
    if (i.connectionType?.toUpperCase() === 'VPC_LINK') return 'vpc-link';
    return type === 'HTTP' ? 'http' : 'http-proxy';
  }
  return undefined;
}

export function integrationHintOf(integrations: readonly IntegrationFinding[]): IntegrationHint | undefined {
  const hints = new Set(integrations.map(hintOf));
  if (hints.size !== 1) return undefined;
  return [...hints][0];
}
