/**
 * The rules added in round 3 from the retired held-out cases of rounds 1-2 (development data
 * since): each is tested on that case's own line and on the nearest line it must leave alone.
 */
import { classifyLogLines } from '../../../functions/classifier/classify';

const ES_DENIED =
  '        "Message": "User: arn:aws:sts::719818754276:assumed-role/dos-azul-lambda-dev/dos-azul-lambda-dev is not authorized to perform: es:ESHttpGet on resource: dss-azul-commons"';

describe('rules from the retired held-out cases', () => {
  it('the HTTP API wording "assume the IAM role" is PERMISSION_DENIED', () => {
    const result = classifyLogLines([
      '104.129.198.74 - - [24/Jan/2023:17:52:06 +0000] "POST POST /start-step-function HTTP/1.1" 500 35 fQke_hDCDoEEMpw= API Gateway doesn’t have permissions to assume the IAM role configured on the integration. Check the permissions and try again.',
    ]);
    expect(result.class).toBe('PERMISSION_DENIED');
    expect(result.hypotheses[0]?.subCause).toBe('role-not-assumable');
  });

  it('an unmapped path variable ("Illegal character in path") is MAPPING_ERROR', () => {
    const result = classifyLogLines(['Execution failed due to configuration error: Illegal character in path']);
    expect(result.class).toBe('MAPPING_ERROR');
    expect(result.evidence.map((e) => e.rule)).toContain('mapping-error.unmapped-path-variable');
  });

  it("a Lambda integration's function denied a non-invoke action is the function's own error", () => {
    const result = classifyLogLines([ES_DENIED], { integration: 'lambda-proxy' });
    expect(result.class).toBe('LAMBDA_FUNCTION_ERROR');
    expect(result.evidence.map((e) => e.rule)).toContain('lambda-function-error.function-call-denied');
  });

  it('the same denial without a Lambda integration stays a permission problem', () => {
    expect(classifyLogLines([ES_DENIED], { integration: 'aws' }).class).toBe('PERMISSION_DENIED');
  });

  it("a denied lambda:InvokeFunction is API Gateway's own call, even with a Lambda integration", () => {
    const result = classifyLogLines(
      [
        'User: arn:aws:sts::123456789012:assumed-role/apigw-invoke/BackplaneAssumeRoleSession is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:123456789012:function:api',
      ],
      { integration: 'lambda-proxy' },
    );
    expect(result.class).toBe('PERMISSION_DENIED');
  });

  it("Chalice's pretty-printed default error body points at the function", () => {
    const result = classifyLogLines([
      'HTTP/1.1 500 Internal Server Error',
      '{',
      '    "Code": "InternalServerError",',
      '    "Message": "An internal server error occurred."',
      '}',
    ]);
    expect(result.class).toBe('LAMBDA_FUNCTION_ERROR');
  });

  it('another "Code" value in a pretty-printed body is not the framework default', () => {
    const result = classifyLogLines(['{', '    "Code": "NotFoundError",', '    "Message": "Not found"', '}']);
    expect(result.class).toBe('UNKNOWN');
  });
});
