import { classifyLogLines } from '../../../functions/classifier/classify';
import { PRECEDENCE } from '../../../functions/classifier/precedence';

const RID = '(0f0e0d0c-1b2a-4c3d-8e9f-a0b1c2d3e4f5)';

function classes(lines: string[], integration?: Parameters<typeof classifyLogLines>[1]): string[] {
  return classifyLogLines(lines, integration).hypotheses.map((h) => h.class);
}

describe('precedence where signals overlap', () => {
  it('names every precedence rule', () => {
    expect(PRECEDENCE.map((p) => p.name)).toEqual([
      'throttling-over-malformed',
      'authorizer-over-permission',
      'lambda-timeout-over-integration-timeout',
      'integration-timeout-when-function-outlives-gateway',
      'integration-timeout-needs-the-wait',
      'payload-over-function-error',
      'backend-5xx-only-without-gateway-failure',
      'integration-hint',
    ]);
  });

  it.each([
    ['Rate Exceeded.', `${RID} Execution failed due to configuration error: Rate Exceeded.`],
    ['TooManyRequestsException', `${RID} Lambda invocation failed: TooManyRequestsException`],
    ['status 429', `${RID} Lambda invocation failed with status: 429. Lambda request id: x`],
  ])('THROTTLING wins over MALFORMED_PROXY_RESPONSE when %s appears', (_label, throttleLine) => {
    const result = classifyLogLines([
      throttleLine,
      `${RID} Execution failed due to configuration error: Malformed Lambda proxy response`,
    ]);

    expect(result.class).toBe('THROTTLING');
    expect(result.hypotheses.map((h) => h.class)).toContain('MALFORMED_PROXY_RESPONSE');
  });

  it('AUTHORIZER_ERROR wins over PERMISSION_DENIED when the failing call is the authorizer’s, and carries its evidence', () => {
    const result = classifyLogLines([
      'Execution failed due to configuration error: Invalid permissions on Lambda function',
      'Execution failed due to configuration error: Authorizer error',
    ]);

    expect(result.class).toBe('AUTHORIZER_ERROR');
    expect(result.hypotheses[0]?.subCause).toBe('authorizer-invoke-permission');
    expect(result.evidence.map((e) => e.rule)).toEqual(
      expect.arrayContaining(['authorizer-error.authorizer-error', 'permission-denied.lambda-resource-policy']),
    );
    expect(classes(['Execution failed due to configuration error: Invalid permissions on Lambda function'])[0]).toBe(
      'PERMISSION_DENIED',
    );
  });

  it('LAMBDA_TIMEOUT wins when the function itself timed out; INTEGRATION_TIMEOUT stays ranked second', () => {
    expect(
      classes([
        `${RID} Execution failed due to a timeout error`,
        '2024-01-01T00:00:29.000Z 0f0e0d0c-1b2a-4c3d-8e9f-a0b1c2d3e4f5 Task timed out after 29.00 seconds',
      ]),
    ).toEqual(['LAMBDA_TIMEOUT', 'INTEGRATION_TIMEOUT']);
    expect(classes([`${RID} Execution failed due to a timeout error`])).toEqual(['INTEGRATION_TIMEOUT']);
  });

  it('a payload-size failure wrapped as a customer function error is RESPONSE_TOO_LARGE', () => {
    const result = classifyLogLines([
      'Lambda execution failed with status 200 due to customer function error: Response payload size exceeded maximum allowed payload size (6291556 bytes).',
    ]);

    expect(result.class).toBe('RESPONSE_TOO_LARGE');
    expect(result.hypotheses[0]?.subCause).toBe('payload-over-6mb');
  });

  it('BACKEND_5XX only when API Gateway reported no failure of its own', () => {
    expect(classes([`${RID} Received response. Status: 503, Integration latency: 20 ms`])[0]).toBe('BACKEND_5XX');
    expect(
      classes([
        `${RID} Received response. Status: 500, Integration latency: 20 ms`,
        `${RID} Execution failed due to configuration error: Unable to transform response`,
      ])[0],
    ).toBe('MAPPING_ERROR');
  });

  it("a function's own AccessDenied is a function error, API Gateway's is PERMISSION_DENIED", () => {
    const fromFunction = classifyLogLines([
      '2024-01-01T00:00:00.000Z\t0f0e0d0c-1b2a-4c3d-8e9f-a0b1c2d3e4f5\tERROR\tAccessDeniedException: not authorized to perform: s3:GetObject',
    ]);
    const fromGateway = classifyLogLines([
      `${RID} Execution failed due to configuration error: User: arn:aws:sts::123456789012:assumed-role/r/s is not authorized to perform: sqs:SendMessage`,
    ]);

    expect([fromFunction.class, fromFunction.hypotheses[0]?.subCause]).toEqual([
      'LAMBDA_FUNCTION_ERROR',
      'function-role-access-denied',
    ]);
    expect([fromGateway.class, fromGateway.hypotheses[0]?.subCause]).toEqual([
      'PERMISSION_DENIED',
      'credentials-role-policy',
    ]);
  });

  it('ranks simultaneous causes by how much of the traffic each explains', () => {
    const timeouts = Array.from(
      { length: 40 },
      (_, i) => `2024-01-01T00:00:${String(i).padStart(2, '0')}.000Z Task timed out after 6.00 seconds`,
    );
    const result = classifyLogLines([
      ...timeouts,
      'Execution failed due to configuration error: Malformed Lambda proxy response',
    ]);

    expect(result.hypotheses.map((h) => h.class).slice(0, 2)).toEqual(['LAMBDA_TIMEOUT', 'MALFORMED_PROXY_RESPONSE']);
  });

  it('the integration hint settles an ambiguous internal error toward the VPC link', () => {
    const line =
      'Execution failed due to configuration error: There was an internal error while executing your request';

    expect(classifyLogLines([line], { integration: 'vpc-link' }).confidence).toBeGreaterThan(
      classifyLogLines([line]).confidence,
    );
  });
});

describe('phrasing variants', () => {
  it.each([
    ['ENDPOINT REQUEST TIMED OUT', 'INTEGRATION_TIMEOUT'],
    ['endpoint  request timed-out', 'INTEGRATION_TIMEOUT'],
    ['Task timed out after 900.00 seconds', 'LAMBDA_TIMEOUT'],
    ['execution failed due to configuration error: malformed lambda proxy response', 'MALFORMED_PROXY_RESPONSE'],
    ["Lambda Customer Function Error: Cannot find module 'index'", 'LAMBDA_FUNCTION_ERROR'],
    ['"errorType": "Runtime.HandlerNotFound"', 'LAMBDA_FUNCTION_ERROR'],
    [
      'Execution failed due to configuration error: API Gateway does not have permission to assume the provided role arn:aws:iam::123456789012:role/x',
      'PERMISSION_DENIED',
    ],
    ['{"errorType":"TooManyRequestsException","errorMessage":"Rate Exceeded."}', 'THROTTLING'],
    ['Execution failed due to configuration error: Unable to transform request', 'MAPPING_ERROR'],
    ['Execution failed due to configuration error: General SSLEngine problem', 'BACKEND_UNREACHABLE'],
    ['Execution failed due to configuration error: Could not parse policy', 'AUTHORIZER_ERROR'],
  ])('%s → %s', (line, expected) => {
    expect(classifyLogLines([line]).class).toBe(expected);
  });
});
