/**
 * The rules added from the fourth field batch's development cases (and the targeted development
 * cases): each is tested on the development case's own lines and on the nearest line it must leave
 * alone.
 */
import { classifyLogLines } from '../../../functions/classifier/classify';
import { rulesCited } from './support/rules-cited';

const REPORT_93S =
  '18:25:50 REPORT RequestId: 3xxxxxed-9a5c-11e7-8cef-370e466251c2\tDuration: 93110.83 ms\tBilled Duration: 93200 ms Memory Size: 384 MB\tMax Memory Used: 57 MB';

describe('fourth field batch rules', () => {
  it("a REPORT line behind a log viewer's time prefix still shows the function outliving the gateway", () => {
    const result = classifyLogLines([REPORT_93S], { integration: 'lambda-proxy' });
    expect(result.class).toBe('INTEGRATION_TIMEOUT');
    expect(result.evidence.map((e) => e.rule)).toContain('integration-timeout.function-outlived-gateway');
  });

  it('the same REPORT line of a function that timed out itself is not the gateway giving up', () => {
    const result = classifyLogLines(
      [REPORT_93S, '18:25:50 2017-09-15T18:25:50.210Z 3acxxxxx Task timed out after 93.11 seconds'],
      { integration: 'lambda-proxy' },
    );
    expect(result.class).toBe('LAMBDA_TIMEOUT');
  });

  it("Envoy's upstream failure body is the backend's proxy answering 503", () => {
    const result = classifyLogLines([
      'status code: 503; body: upstream connect error or disconnect/reset before headers. reset reason: local reset',
    ]);
    expect(result.class).toBe('BACKEND_5XX');
    expect(result.evidence.map((e) => e.rule)).toContain('backend-5xx.envoy-upstream-failure');
  });

  it('a Node.js stack in /var/task points at the function even when the error line names no file', () => {
    const result = classifyLogLines([
      '2021-01-31T00:41:56.441Z\tundefined\tERROR\tError: Invalid server mode "staging" ',
      'at Object.readConfig (/var/task/node_modules/@remix-run/core/config.js:33:11) ',
      'at Object.<anonymous> (/var/task/index.js:2:19)',
    ]);
    expect(result.class).toBe('LAMBDA_FUNCTION_ERROR');
    expect(result.evidence.map((e) => e.rule)).toContain('lambda-function-error.node-stack-frame');
  });

  it("frames of Node's own internals are not the function's code", () => {
    expect(rulesCited(['    at process._tickDomainCallback (internal/process/next_tick.js:228:7)'])).not.toContain(
      'lambda-function-error.node-stack-frame',
    );
  });

  it("Python's 'module initialization error' is the function failing at import", () => {
    const result = classifyLogLines(['module initialization error: [Errno 2] No such file or directory']);
    expect(result.class).toBe('LAMBDA_FUNCTION_ERROR');
    expect(result.hypotheses[0]?.subCause).toBe('init-error');
  });

  it("API Gateway's x-amzn-errortype header on an authorizer's deny is not a function error", () => {
    const result = classifyLogLines([
      'HTTP/2 403',
      'x-amzn-errortype: AccessDeniedException',
      '{"Message":"User is not authorized to access this resource with an explicit deny"}',
    ]);
    expect(result.class).toBe('UNKNOWN');
    expect(rulesCited(['x-amzn-errortype: AccessDeniedException'])).not.toContain('lambda-function-error.error-type');
  });

  it("a function's own errorType still counts", () => {
    expect(rulesCited(['{"errorType":"TypeError","errorMessage":"x is undefined"}'])).toContain(
      'lambda-function-error.error-type',
    );
  });

  it('a mapping template that rendered an empty value is MAPPING_ERROR', () => {
    const result = classifyLogLines(['{ "Total": , "FailedRecordCount": "", "Events": [] }'], { integration: 'aws' });
    expect(result.class).toBe('MAPPING_ERROR');
    expect(result.hypotheses[0]?.subCause).toBe('template-undefined-variable');
  });

  it('the same body with its values filled in is no evidence', () => {
    expect(
      classifyLogLines(['{ "Total": 2, "FailedRecordCount": "0", "Events": [] }'], { integration: 'aws' }).class,
    ).toBe('UNKNOWN');
  });

  it("an authorizer's output API Gateway cannot read is AUTHORIZER_ERROR", () => {
    const result = classifyLogLines([
      'Execution failed due to configuration error: Invalid JSON in response: Can not deserialize instance of java.lang.String out of START_ARRAY token',
    ]);
    expect(result.class).toBe('AUTHORIZER_ERROR');
    expect(result.evidence.map((e) => e.rule)).toContain('authorizer-error.invalid-json-output');
  });

  it("Lambda unable to decrypt the function's environment is the function failing to start", () => {
    const result = classifyLogLines(
      [
        "Calling the invoke API action failed with this message: Lambda was unable to decrypt the environment variables because KMS access was denied. Please check the function's KMS key settings.",
      ],
      { integration: 'lambda-proxy' },
    );
    expect(result.class).toBe('LAMBDA_FUNCTION_ERROR');
    expect(result.hypotheses[0]?.subCause).toBe('lambda-service-error');
  });
});
