/**
 * The rules added from the third field batch's development cases: each is tested on the
 * development case's own lines and on the nearest line it must leave alone.
 */
import { classifyLogLines } from '../../../functions/classifier/classify';

/** curl output of an HTTP API answering 503, then the shell's `time` line (f3-repro-httpapi-503-throttle). */
function http503(real: string): string[] {
  return [
    '< HTTP/2 503',
    '< content-type: application/json',
    '< content-length: 33',
    '< apigw-requestid: K2ZRZgLwoAMEbag=',
    '<',
    '{"message":"Service Unavailable"}',
    '',
    `real    ${real}`,
  ];
}

describe('third field batch rules', () => {
  it('an IAM authorizer refusing an unsigned request is a client error, not AUTHORIZER_ERROR', () => {
    const result = classifyLogLines([
      '"authorizerError": "The request for the IAM Authorizer doesn\'t match the format that API Gateway expects."',
    ]);
    expect(result.class).toBe('UNKNOWN');
  });

  it('a Lambda authorizer answering in the wrong format stays AUTHORIZER_ERROR', () => {
    const result = classifyLogLines([
      "The response from the Lambda Authorizer function doesn't match the format that API Gateway expects. Simple response did not include 'isAuthorized'",
    ]);
    expect(result.class).toBe('AUTHORIZER_ERROR');
  });

  it('an HTTP API 503 answered in 0.17 s is not an integration timeout', () => {
    const result = classifyLogLines(http503('0m0.173s'));
    expect(result.class).toBe('UNKNOWN');
    const timeout = result.hypotheses.find((h) => h.class === 'INTEGRATION_TIMEOUT');
    expect(timeout?.confidence ?? 0).toBeLessThan(0.35);
  });

  it('the same 503 after the 30 s HTTP API limit still reads as an integration timeout', () => {
    expect(classifyLogLines(http503('0m30.500s')).class).toBe('INTEGRATION_TIMEOUT');
  });

  it('a bare configuration error with a 502 points at the proxy response format', () => {
    const result = classifyLogLines([
      'Wed Aug 03 08:10:00 UTC 2022 : Execution failed due to configuration error:',
      'Wed Aug 03 09:10:00 UTC 2022 : Method completed with status: 502',
    ]);
    expect(result.class).toBe('MALFORMED_PROXY_RESPONSE');
    expect(result.evidence.map((e) => e.rule)).toContain('malformed-proxy-response.bare-configuration-error-502');
  });

  it('the same bare configuration error with a 500 is not a format problem', () => {
    const result = classifyLogLines([
      'Mon Oct 14 14:08:49 UTC 2019 : Execution failed due to configuration error:',
      'Mon Oct 14 14:08:49 UTC 2019 : Method completed with status: 500',
    ]);
    expect(result.hypotheses.map((h) => h.class)).not.toContain('MALFORMED_PROXY_RESPONSE');
  });
});
