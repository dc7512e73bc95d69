/**
 * The rules added from the fifth field batch's development cases: each is tested on the
 * development case's own lines and on the nearest line it must leave alone.
 */
import { classifyLogLines } from '../../../functions/classifier/classify';

function leading(lines: string[]): { class: string; subCause: string | undefined } {
  const result = classifyLogLines(lines, { integration: 'lambda-proxy' });
  return { class: result.class, subCause: result.hypotheses[0]?.subCause };
}

describe('fifth field batch rules', () => {
  it('the Runtime API refusing an oversized result (413) is RESPONSE_TOO_LARGE', () => {
    expect(leading(['LAMBDA_RUNTIME Failed to post handler success response. Http response code: 413.'])).toEqual({
      class: 'RESPONSE_TOO_LARGE',
      subCause: 'payload-over-6mb',
    });
  });

  it('the Runtime API refusing a result for another reason is not a size problem', () => {
    expect(
      leading(['LAMBDA_RUNTIME Failed to post handler success response. Http response code: 500.']).class,
    ).not.toBe('RESPONSE_TOO_LARGE');
  });

  it("a runtime library that cannot decode the event is the function's error", () => {
    expect(
      leading([
        '2020-08-05T21:34:40.259+12:00 Error: Error("data did not match any variant of untagged enum LambdaRequest", line: 0, column: 0)',
      ]),
    ).toEqual({ class: 'LAMBDA_FUNCTION_ERROR', subCause: 'event-format-mismatch' });
  });

  it("the Swift runtime's handler error is the function's error", () => {
    expect(
      leading([
        '2022-04-25T15:40:54+0000 warning Lambda : lifecycleIteration=1 lambda handler returned an error: requestDecoding(Swift.DecodingError.keyNotFound(CodingKeys(stringValue: "version", intValue: nil)',
      ]).class,
    ).toBe('LAMBDA_FUNCTION_ERROR');
  });

  it("the ASP.NET Core bridge's own 500 is the application behind it failing", () => {
    expect(
      leading([
        'fail: Amazon.Lambda.AspNetCoreServer.AbstractAspNetCoreFunction[0]',
        'Unknown error responding to request: AmazonServiceException:',
      ]),
    ).toEqual({ class: 'BACKEND_5XX', subCause: 'framework-caught-exception' });
  });

  it('an integration URI with nothing to call is a configuration (MAPPING_ERROR) failure', () => {
    const result = classifyLogLines(
      ['Execution failed due to configuration error: Invalid endpoint address', 'Method completed with status: 500'],
      { integration: 'http-proxy' },
    );
    expect(result.class).toBe('MAPPING_ERROR');
    expect(result.hypotheses[0]?.subCause).toBe('integration-uri');
  });

  it("API Gateway's own MissingAuthenticationTokenException is a 4xx, not a function's errorType", () => {
    const result = classifyLogLines([
      '"message": "Missing Authentication Token"',
      '"errorType": "MissingAuthenticationTokenException"',
    ]);
    expect(result.class).toBe('UNKNOWN');
  });
});
