/**
 * Round 4 breadth rules: evidence families real API Gateway incidents show that no rule knew, each
 * from a real case in field-dev-targeted.jsonl (f7-tg-*). Each is tested on its case's own lines
 * and on the nearest line it must leave alone.
 */
import { expectLeading } from './support/expect-leading';
import { rulesCited } from './support/rules-cited';

const LAMBDA = { integration: 'lambda-proxy' } as const;

/** f7-tg-ddb-notfound-serverless-examples-93: the function's DynamoDB call failed, logged by console.error. */
const SDK_ERROR_LINES = [
  '2017-07-31 23:31:46.120 (+01:00)\t090b9d20-7640-11e7-b677-cdbdc5a645f1\t{ ResourceNotFoundException: Requested resource not found',
  '    at Request.extractError (/var/runtime/node_modules/aws-sdk/lib/protocol/json.js:48:27)',
  '    at Request.callListeners (/var/runtime/node_modules/aws-sdk/lib/sequential_executor.js:105:20)',
  "  code: 'ResourceNotFoundException',",
];

describe('round 4 breadth rules', () => {
  it("a binary the dynamic loader refuses (glibc too old) is the function's failure to start", () => {
    expectLeading(
      ["/var/task/bootstrap: /lib64/libc.so.6: version `GLIBC_2.28' not found (required by /var/task/bootstrap)"],
      LAMBDA,
      'LAMBDA_FUNCTION_ERROR',
      'native-library-mismatch',
    );
  });

  it('a glibc version that is only reported is left alone', () => {
    expect(rulesCited(['ldd (GNU libc) 2.26'], LAMBDA)).not.toContain(
      'lambda-function-error.native-library-not-loadable',
    );
  });

  it("an AWS SDK error whose name contains 'NotFound' is no network failure", () => {
    expect(rulesCited([SDK_ERROR_LINES[0] ?? ''], LAMBDA)).not.toContain('backend-unreachable.connection-failed');
    // The errno name itself still is one.
    expect(rulesCited(['Error: getaddrinfo ENOTFOUND api.example.com'], { integration: 'http-proxy' })).toContain(
      'backend-unreachable.connection-failed',
    );
  });

  it("frames of the runtime's bundled AWS SDK are the function's error", () => {
    expectLeading(SDK_ERROR_LINES, LAMBDA, 'LAMBDA_FUNCTION_ERROR');
    expect(rulesCited(SDK_ERROR_LINES, LAMBDA)).toContain('lambda-function-error.node-runtime-frame');
  });

  it('the same frames give way to the statusCode 500 the handler returned after catching the error', () => {
    // f4-be-wildrydes-31-proxy-500: the handler caught DynamoDB's ValidationException and answered 500.
    expectLeading(
      [
        '{',
        '  "statusCode": 500,',
        '2017-06-16T00:42:08.242Z       a05123a5-522c-11e7-86dd-9bc16202cf58  { ValidationException: One or more parameter values were invalid: Missing the key RideID in the item',
        '    at Request.extractError (/var/runtime/node_modules/aws-sdk/lib/protocol/json.js:48:27)',
        '    at Request.callListeners (/var/runtime/node_modules/aws-sdk/lib/sequential_executor.js:105:20)',
      ],
      LAMBDA,
      'BACKEND_5XX',
    );
  });

  it("an ES module's frame in the package (file:///var/task) is the function's own code", () => {
    expect(rulesCited(['    at Runtime.handler (file:///var/task/index.mjs:10:11)'], LAMBDA)).toContain(
      'lambda-function-error.node-stack-frame',
    );
  });

  it("frames outside the function's environment are left alone", () => {
    const cited = rulesCited(['    at Object.<anonymous> (/opt/app/server.js:12:5)'], { integration: 'http-proxy' });
    expect(cited).not.toContain('lambda-function-error.node-runtime-frame');
    expect(cited).not.toContain('lambda-function-error.node-stack-frame');
  });

  it('an integration naming a function alias that does not exist is the integration configuration', () => {
    // f7-tg-fn-not-found-azul-7883: the access log's integration error while a deployment updated the alias.
    expectLeading(
      [
        '            "error_responseType": "INTEGRATION_FAILURE",',
        '            "integration_error": "Execution failed due to configuration error: Function not found: arn:aws:lambda:us-east-1:289950828509:function:azul-service-anvildev:active",',
        '            "integrationStatus": "404",',
      ],
      LAMBDA,
      'MAPPING_ERROR',
      'integration-uri',
    );
  });

  it('a deploy tool reporting a missing function is left alone', () => {
    expect(
      rulesCited([
        'Serverless:   POST - resource/graphql: Function not found: arn:aws:lambda:eu-west-1:051458180940:function:serverlessnjl5ll-blog-resource-graphql:development  ',
      ]),
    ).not.toContain('mapping-error.integration-function-not-found');
  });

  it("the Java proxy container's 'Gateway timeout' body is the application's exception, not a timeout", () => {
    // f5-ec-micronaut-22-exc-502-gwtimeout: every exception the app threw came back as this 502.
    expectLeading(
      [
        'curl -i https://3kf8ik2za4.execute-api.ap-southeast-2.amazonaws.com/dev/test/exception',
        'HTTP/2 502 ',
        '{"message":"Gateway timeout"}',
      ],
      LAMBDA,
      'BACKEND_5XX',
      'framework-caught-exception',
    );
    expect(rulesCited(['{"message":"Gateway timeout"}'], LAMBDA)).not.toContain('integration-timeout.gateway-timeout');
  });

  it("a 504 status line's reason phrase is left to the timeout rules", () => {
    const cited = rulesCited(['< HTTP/1.1 504 Gateway Timeout']);
    expect(cited).not.toContain('backend-5xx.java-container-exception-body');
    expect(cited).toContain('integration-timeout.gateway-timeout');
  });

  it("Lambda's own message that it could not set the function up (ENI limit) is a Lambda service error", () => {
    // f7-tg-eni-limit-zappa-305: API Gateway's log showed only the message, not the exception name.
    expectLeading(
      [
        'Lambda was not able to create an ENI in the VPC of the Lambda function because the limit for Network Interfaces has been reached.',
      ],
      {},
      'LAMBDA_FUNCTION_ERROR',
      'lambda-service-error',
    );
  });

  it('a sentence saying Lambda managed is left alone', () => {
    expect(rulesCited(['Lambda was able to create the network interface'])).not.toContain(
      'lambda-function-error.lambda-service-error',
    );
  });

  it("behind a Lambda integration a connection failure the function prints is the function's error", () => {
    // f7-tg-mongo-enotfound-sls-graphql-305: the function could not resolve its MongoDB host; the API answered 502.
    const mongo =
      'MongoDB connection error. Please make sure MongoDb is running. { MongoError: failed to connect to server [undefined:27017] on first connect [MongoError: getaddrinfo ENOTFOUND undefined undefined:27017]';
    expectLeading([mongo], LAMBDA, 'LAMBDA_FUNCTION_ERROR', 'downstream-unreachable');
    expect(rulesCited([mongo], LAMBDA)).not.toContain('backend-unreachable.connection-failed');
  });

  it('behind an HTTP integration, or with no integration known, the same failure is the backend not reached', () => {
    const refused = 'Error: connect ECONNREFUSED 10.0.0.1:8080';
    expectLeading([refused], { integration: 'http-proxy' }, 'BACKEND_UNREACHABLE');
    expectLeading([refused], {}, 'BACKEND_UNREACHABLE');
    expect(rulesCited([refused], { integration: 'http-proxy' })).not.toContain(
      'lambda-function-error.downstream-unreachable',
    );
  });
});
