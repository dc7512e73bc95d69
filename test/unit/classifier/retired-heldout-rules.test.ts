/**
 * The rules added from retired held-out cases (development data since: rounds 1-2's held-out part
 * of batches 1-3, round 3's of batches 4-6, round 4's of batches 7 and 8): each is tested on that case's own lines and on the nearest
 * lines it must leave alone.
 */
import { classifyLogLines } from '../../../functions/classifier/classify';
import { rulesCited } from './support/rules-cited';

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

  it('a Go handler binary Lambda cannot start is the function failing', () => {
    const result = classifyLogLines(
      [
        'START RequestId: 3df5e64a-0863-11e8-903f-919b29535603 Version: $LATEST',
        'fork/exec /var/task/bin/ping: no such file or directory: PathError',
        'null',
      ],
      { integration: 'lambda-proxy' },
    );
    expect(result.class).toBe('LAMBDA_FUNCTION_ERROR');
    expect(result.hypotheses[0]?.subCause).toBe('handler-binary-not-startable');
  });

  it('a missing file the function itself opens is not the handler binary', () => {
    expect(rulesCited(['open /tmp/cache/data.json: no such file or directory'])).not.toContain(
      'lambda-function-error.go-handler-binary',
    );
  });

  const COOKIE_LIST = [
    'HTTP/1.1 500 Internal Server Error',
    'Apigw-Requestid: Z2Xssg2yjoEEMaw=',
    '    "message": "Internal Server Error"',
    '  successResponse: {    statusCode: 200,',
    "      'set-cookie': [Array],",
  ];

  it('Set-Cookie returned as a list to an HTTP API is a malformed payload 2.0 response', () => {
    const result = classifyLogLines(COOKIE_LIST, { integration: 'lambda-proxy' });
    expect(result.class).toBe('MALFORMED_PROXY_RESPONSE');
    expect(result.hypotheses[0]?.subCause).toBe('payload-2.0-cookies');
  });

  it('the same list on a REST API (multiValueHeaders) is no evidence', () => {
    const result = classifyLogLines(COOKIE_LIST.slice(3), { integration: 'lambda-proxy', apiKind: 'rest' });
    expect(result.class).toBe('UNKNOWN');
  });

  it("an HTTP API's capitalised default bodies tell the API kind; REST's do not", () => {
    expect(classifyLogLines(['{"message":"Internal Server Error"}']).apiKind?.kind).toBe('http');
    expect(classifyLogLines(['{"message":"Not Found"}']).apiKind?.kind).toBe('http');
    expect(classifyLogLines(['{"message": "Internal server error"}']).apiKind?.kind).toBe('rest');
  });

  it('a Java exception pasted from the CloudWatch console as a table is still read', () => {
    const result = classifyLogLines(
      [
        '2020-06-09T12:34:27.046+05:30 | START RequestId: d73e1527-0a04-4a3a-98f2-1f078c2e76b6 Version: $LATEST',
        '  | 2020-06-09T12:34:27.050+05:30 | com.amazonaws.serverless.exceptions.InvalidRequestEventException: Invalid Request: null',
      ],
      { integration: 'lambda-proxy' },
    );
    expect(result.class).toBe('LAMBDA_FUNCTION_ERROR');
  });

  it("a Ruby backtrace in the function's environment is the function's error", () => {
    const result = classifyLogLines(
      [
        'RubyError: Errno::EAFNOSUPPORT: Failed to open TCP connection to localhost:9292 (Address family not supported by protocol - socket(2) for "localhost" port 9292)',
        "/var/lang/lib/ruby/2.5.0/net/http.rb:939:in `rescue in block in connect'",
      ],
      { integration: 'lambda-proxy' },
    );
    expect(result.evidence.map((e) => e.rule)).toContain('lambda-function-error.ruby-backtrace');
  });

  it('a Ruby frame on a developer machine is not a Lambda function', () => {
    expect(rulesCited(["/Users/me/app/lib/server.rb:12:in `call'"])).not.toContain(
      'lambda-function-error.ruby-backtrace',
    );
  });

  it("Node's require() of an ES module from CommonJS is the function's failure to load", () => {
    const result = classifyLogLines(
      [
        'Error [ERR_REQUIRE_ESM]: require() of ES Module /opt/nodejs/node_modules/uuid/dist-node/index.js ',
        'from /var/task/index.js not supported.',
      ],
      { integration: 'lambda-proxy' },
    );
    expect(result.class).toBe('LAMBDA_FUNCTION_ERROR');
    expect(result.hypotheses[0]?.subCause).toBe('Runtime.ImportModuleError');
  });

  it('a Node error code that is not a module-loading failure is left alone', () => {
    expect(
      rulesCited(['Error [ERR_INVALID_ARG_TYPE]: The "path" argument must be of type string'], {
        integration: 'lambda-proxy',
      }),
    ).not.toContain('lambda-function-error.import-module');
  });

  it('a required member the service integration request left null is the mapping template', () => {
    const line =
      '{"__type":"com.amazon.coral.validate#ValidationException","message":"1 validation error detected: Value null at \'stateMachineArn\' failed to satisfy constraint: Member must not be null"}%';
    const result = classifyLogLines([line], { integration: 'aws' });
    expect(result.class).toBe('MAPPING_ERROR');
    expect(result.hypotheses[0]?.subCause).toBe('service-request-template');
    // The same validation error from a function's own SDK call is not the template's.
    expect(rulesCited([line], { integration: 'lambda-proxy' })).not.toContain(
      'mapping-error.aws-service-required-member-null',
    );
  });

  it("a Python library's qualified exception printed by the function is its error", () => {
    const lines = [
      'psycopg2.errors.UndefinedTable: relation "campaigns" does not exist',
      'psycopg2.errors.UndefinedColumn: column "completed_at" of relation "campaigns" does not exist',
    ];
    expect(classifyLogLines(lines, { integration: 'lambda-proxy' }).class).toBe('LAMBDA_FUNCTION_ERROR');
    // Behind an HTTP backend the same line is that server's error, and a module path is not an exception.
    expect(rulesCited(lines, { integration: 'http-proxy' })).not.toContain(
      'lambda-function-error.python-library-exception',
    );
    expect(rulesCited(['myapp.errors.handlers registered'], { integration: 'lambda-proxy' })).not.toContain(
      'lambda-function-error.python-library-exception',
    );
  });

  it("Lambda's one-line error summary, message then type, is the function's error", () => {
    const line = "'out' shape (4, 256, 256) does not match window shape (3, 2048, 2048): ValueError";
    const result = classifyLogLines([line], { integration: 'lambda-proxy' });
    expect(result.class).toBe('LAMBDA_FUNCTION_ERROR');
    expect(result.evidence.map((e) => e.rule)).toContain('lambda-function-error.error-summary-line');
    // The same shape behind an HTTP backend is that server's, and API Gateway's own error types
    // (its header, an execution log's timestamp with no message, a REPORT line's field) are not it.
    const nearest = [
      '< x-amzn-ErrorType: InternalServerErrorException',
      'Sat Aug 06 06:47:36 UTC 2016 : AuthorizerConfigurationException',
      'INIT_REPORT Init Duration: 316.80 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError',
      // A "type" field label in any casing.
      'Error type: ValueError',
      // Exceptions a handler answers with a 4xx: the function did not fail.
      'Order already exists: ConditionalCheckFailedException',
      'jwt expired: TokenExpiredError',
      'User not found: NotFoundException',
    ];
    expect(rulesCited([line], { integration: 'http-proxy' })).not.toContain('lambda-function-error.error-summary-line');
    for (const other of nearest) {
      expect(rulesCited([other], { integration: 'lambda-proxy' })).not.toContain(
        'lambda-function-error.error-summary-line',
      );
    }
  });
});
