/**
 * The responder classifies findings, not CLI lines: the integration the diagnosis read must reach
 * the rules that depend on it, as the CLI's --integration does.
 */
import { classifyFindings } from '../../../functions/classifier/classify';
import { integrationHintOf } from '../../../functions/classifier/integration-hint';
import { groupLogLines } from '../../../functions/logs/group';
import type { IntegrationFinding } from '../../../functions/types';

const LAMBDA_URI =
  'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders/invocations';

function integration(over: Partial<IntegrationFinding> = {}): IntegrationFinding {
  return {
    type: 'integration',
    probe: 'api-config',
    summary: 'GET /orders',
    route: 'GET /orders',
    integrationType: 'AWS_PROXY',
    uri: LAMBDA_URI,
    timeoutMs: 29_000,
    ...over,
  };
}

describe('the integration hint from the diagnosed integrations', () => {
  it.each([
    [integration(), 'lambda-proxy'],
    [integration({ integrationType: 'AWS' }), 'lambda'],
    [integration({ integrationType: 'AWS', uri: 'arn:aws:apigateway:eu-west-1:states:action/StartExecution' }), 'aws'],
    [integration({ integrationType: 'HTTP_PROXY', uri: 'https://backend.example.com/{proxy}' }), 'http-proxy'],
    [integration({ integrationType: 'HTTP', uri: 'https://backend.example.com/' }), 'http'],
    [
      integration({ integrationType: 'HTTP_PROXY', connectionType: 'VPC_LINK', uri: 'http://nlb.internal/' }),
      'vpc-link',
    ],
    [integration({ integrationType: 'MOCK', uri: undefined }), undefined],
  ])('%# reads as %s', (finding, hint) => {
    expect(integrationHintOf([finding])).toBe(hint);
  });

  it('gives no hint when the routes disagree or none was read', () => {
    expect(integrationHintOf([integration(), integration({ integrationType: 'HTTP_PROXY', uri: 'https://b/' })])).toBe(
      undefined,
    );
    expect(integrationHintOf([])).toBeUndefined();
  });

  it('a connection failure behind the diagnosed Lambda integration is the function dependency, as in the CLI', () => {
    const logs = groupLogLines([
      'MongoServerSelectionError: getaddrinfo ENOTFOUND cluster0-shard-00-00.abcde.mongodb.net',
    ]);
    const result = classifyFindings([integration(), ...logs]);
    expect(result.class).toBe('LAMBDA_FUNCTION_ERROR');
    expect(result.hypotheses[0]?.subCause).toBe('downstream-unreachable');
    // Behind an HTTP integration the same line is the backend being unreachable.
    const behindHttp = classifyFindings([integration({ integrationType: 'HTTP_PROXY', uri: 'https://b/' }), ...logs]);
    expect(behindHttp.class).toBe('BACKEND_UNREACHABLE');
  });
});
