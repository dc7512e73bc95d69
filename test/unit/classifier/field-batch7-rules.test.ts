/**
 * The rules added from the seventh field batch's development cases (round 4): each is tested on
 * the development case's own lines and on the nearest line it must leave alone.
 */
import { integrationOf } from '../../../functions/classifier/accuracy';
import { expectLeading } from './support/expect-leading';
import { rulesCited } from './support/rules-cited';

const LAMBDA = { integration: 'lambda-proxy' } as const;
const AWS_SERVICE = { integration: 'aws' } as const;

describe('seventh field batch rules', () => {
  it('a null body behind a Lambda proxy integration is a malformed proxy response', () => {
    const line = 'Endpoint response body before transformations: null';
    expectLeading([line], LAMBDA, 'MALFORMED_PROXY_RESPONSE', 'null-response');
    // Behind a non-proxy Lambda integration, null is a valid body.
    expect(rulesCited([line], { integration: 'lambda' })).not.toContain('malformed-proxy-response.null-proxy-response');
  });

  it("an AWS service's error saying the request's format is wrong is the mapping template's", () => {
    const snsError = [
      '    "Error": {',
      '        "Code": "MalformedInput",',
      '        "Message": "Start of list found where not expected",',
      '        "Type": "Sender"',
      '    }',
    ];
    expectLeading(snsError, AWS_SERVICE, 'MAPPING_ERROR', 'service-request-template');
    // The same body logged by a Lambda function is its SDK call's error, not a template's.
    expect(rulesCited(snsError, LAMBDA)).not.toContain('mapping-error.aws-service-error-body');
    // A wrong value (an ARN the client sent) may be a 4xx answered correctly: not this rule.
    const clientArn = [
      '{',
      '  "__type": "com.amazonaws.swf.service.v2.model#InvalidArn",',
      '  "message": "Invalid Arn: \'Invalid ARN prefix: abcdef\'"',
      '}',
    ];
    expect(rulesCited(clientArn, AWS_SERVICE)).not.toContain('mapping-error.aws-service-error-body');
  });

  it('the corpus name of an AWS service integration is classify\'s "aws" hint', () => {
    expect(integrationOf('aws-service')).toBe('aws');
    expect(integrationOf('mock')).toBeUndefined();
  });

  it('"handler is not a function" is the handler not found', () => {
    expectLeading(
      [
        '{"message": "Internal server error"}',
        '2023-04-26T09:42:44.776+07:00CopyTypeError: handler is not a function | TypeError: handler is not a function',
      ],
      LAMBDA,
      'LAMBDA_FUNCTION_ERROR',
      'Runtime.HandlerNotFound',
    );
    expect(rulesCited(['TypeError: items.map is not a function'], LAMBDA)).not.toContain(
      'lambda-function-error.handler-not-found',
    );
  });

  it("a crashed extension (Extension.Crash) is the function's failure", () => {
    expectLeading(['Error: signal: terminated Extension.Crash'], LAMBDA, 'LAMBDA_FUNCTION_ERROR', 'extension-crash');
    expect(
      rulesCited(['EXTENSION\tName: datadog-agent\tState: Ready\tEvents: [INVOKE,SHUTDOWN]'], LAMBDA),
    ).not.toContain('lambda-function-error.extension-crash');
  });

  it("a Java exception as a logging framework's message is the function's error", () => {
    const line =
      "2021-12-21 11:33:49.936 ERROR 8 --- [           main] o.s.c.f.adapter.aws.FunctionInvoker      : java.lang.IllegalStateException: Failed to establish route, since neither were provided: 'spring.cloud.function.definition' as Message header or as application property or 'spring.cloud.function.routing-expression' as application property.";
    expectLeading([line], LAMBDA, 'LAMBDA_FUNCTION_ERROR');
    expect(
      rulesCited(
        [
          '2021-12-21 11:33:47.101  INFO 8 --- [           main] o.s.c.f.adapter.aws.FunctionInvoker      : Located function: uppercase',
        ],
        LAMBDA,
      ),
    ).not.toContain('lambda-function-error.java-exception');
  });

  it("Node frames quoted in Lambda's error JSON count like printed frames", () => {
    expectLeading(
      [
        '"TypeError: Cannot convert undefined or null to object",',
        '        "    at Function.entries (<anonymous>)",',
        '        "    at Transaction.addRequestParameters (/opt/nodejs/node_modules/newrelic/lib/transaction/index.js:1455:37)",',
        '        "    at setWebRequest (/opt/nodejs/node_modules/newrelic/lib/serverless/aws-lambda.js:426:15)",',
        '        "    at Runtime.wrappedHandler (/opt/nodejs/node_modules/newrelic/lib/serverless/aws-lambda.js:256:9)",',
      ],
      LAMBDA,
      'LAMBDA_FUNCTION_ERROR',
    );
    expect(rulesCited(['        "    at main (/Users/me/app/index.js:12:3)",'], LAMBDA)).not.toContain(
      'lambda-function-error.node-runtime-frame',
    );
  });

  it("a native Node module built for another platform is the function's failure to start", () => {
    expectLeading(
      [
        '2020-02-03T22:49:13.498Z\tundefined\tERROR\t',
        'Something went wrong installing the "sharp" module',
        'Module did not self-register.',
        '- Remove the "node_modules/sharp" directory, run "npm install" and look for errors',
      ],
      LAMBDA,
      'LAMBDA_FUNCTION_ERROR',
      'native-library-mismatch',
    );
    expect(rulesCited(['Module registered: sharp'], LAMBDA)).not.toContain(
      'lambda-function-error.native-library-not-loadable',
    );
  });

  it('a client that waited the integration timeout for its 504 saw the gateway give up', () => {
    expectLeading(
      [
        'XHRGET',
        'https://d27wci13phvwty.cloudfront.net/api/v1/cross-encoders/models',
        '[HTTP/3 504  29261ms]',
        'XHRGET',
        'https://d27wci13phvwty.cloudfront.net/api/v1/rag/engines',
        '[HTTP/3 504  29370ms]',
      ],
      LAMBDA,
      'INTEGRATION_TIMEOUT',
    );
    // A 504 that came back at once is some other gateway's or proxy's, not the integration timeout.
    expect(rulesCited(['[HTTP/3 504  812ms]'], LAMBDA)).not.toContain('integration-timeout.client-waited-the-limit');
  });
});
