/**
 * The rules added from the ninth field batch's development cases (round 5): each is tested on the
 * development case's own lines and on the nearest lines it must leave alone.
 */
import { expectLeading } from './support/expect-leading';
import { rulesCited } from './support/rules-cited';

const LAMBDA = { integration: 'lambda-proxy' } as const;

describe('ninth field batch rules', () => {
  it("a mock integration's request template without an integer statusCode is a mapping error", () => {
    expectLeading(
      [
        'Execution failed due to configuration error: statusCode should be an integer which defined in request template',
      ],
      {},
      'MAPPING_ERROR',
      'request-template',
    );
  });

  it.each([
    [
      'a wrapper’s own key',
      'Endpoint response body before transformations: {"statusCode":200,"body":"results","ok":true}',
    ],
    [
      'an ALB statusDescription',
      'Thu Feb 21 15:41:31 UTC 2019 : Endpoint response body before transformations: {"statusCode":201,"statusDescription":"Created","multiValueHeaders":{"Content-Type":["application/json"]},"body":"{\\"value\\":\\"myval\\"}","isBase64Encoded":false}',
    ],
  ])('a proxy response with a field REST APIs do not take (%s) is malformed', (_name, line) => {
    expectLeading([line], LAMBDA, 'MALFORMED_PROXY_RESPONSE', 'unknown-response-field');
  });

  it('a proxy response with only the documented fields, or behind another integration, is not', () => {
    const valid =
      'Endpoint response body before transformations: {"statusCode":200,"headers":{"a":"b"},"multiValueHeaders":{},"body":"ok","isBase64Encoded":false}';
    const extra = 'Endpoint response body before transformations: {"statusCode":200,"body":"results","ok":true}';
    const rule = 'malformed-proxy-response.unknown-response-field';
    expect(rulesCited([valid], LAMBDA)).not.toContain(rule);
    // A non-proxy integration passes any body on; an HTTP API reads payload format 2.0.
    expect(rulesCited([extra], { integration: 'lambda' })).not.toContain(rule);
    expect(rulesCited([extra], { ...LAMBDA, apiKind: 'http' })).not.toContain(rule);
    // An error document without a statusCode is the function's error, not a response.
    expect(
      rulesCited(
        ['Endpoint response body before transformations: {"errorMessage":"boom","errorType":"Error"}'],
        LAMBDA,
      ),
    ).not.toContain(rule);
  });

  it('a custom runtime without its bootstrap executable is the function failing to start', () => {
    expectLeading(
      ["API Error Error: Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]"],
      LAMBDA,
      'LAMBDA_FUNCTION_ERROR',
      'handler-binary-not-startable',
    );
  });

  it("the Node.js runtime's Invoke Error line is the function's error, after its prefix is stripped", () => {
    const line = '2023-09-23T20:08:57.792Z\tda801d89-8960-42c2-b45e-c3f84c59da2a\tERROR\tInvoke Error \t{';
    expectLeading(['{"message":"Internal Server Error"}', line], LAMBDA, 'LAMBDA_FUNCTION_ERROR');
    expect(rulesCited(['Invoke Error handler registered for retries'], { integration: 'http-proxy' })).not.toContain(
      'lambda-function-error.node-invoke-error',
    );
    // Words in the middle of an application's message are not the runtime's marker.
    expect(rulesCited(['Retrying after an Invoke Error from the SDK'], LAMBDA)).not.toContain(
      'lambda-function-error.node-invoke-error',
    );
  });
});
