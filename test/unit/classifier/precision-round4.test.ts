/**
 * Lines round 4's rules must leave alone (found in review): each is a healthy, 4xx or non-Lambda
 * line that a new pattern read as a failure of the wrong kind.
 */
import { classifyLogLines } from '../../../functions/classifier/classify';
import { rulesCited } from './support/rules-cited';

const LAMBDA = { integration: 'lambda-proxy' } as const;
const HTTP = { integration: 'http-proxy' } as const;

describe("round 4 rules' precision", () => {
  it("a function's own SDK error for another function is not the integration's missing function", () => {
    const line =
      '2024-01-01T00:00:00.000Z\t6b1f3c2e-1111-2222-3333-444455556666\tERROR\t{"level":"error","message":"Function not found: arn:aws:lambda:us-east-1:123456789012:function:orders"}';
    expect(rulesCited([line], LAMBDA)).not.toContain('mapping-error.integration-function-not-found');
  });

  it('an application handler that is not a function is not the runtime handler missing', () => {
    expect(rulesCited(['TypeError: errorHandler is not a function'], LAMBDA)).not.toContain(
      'lambda-function-error.handler-not-found',
    );
    expect(rulesCited(['TypeError: handler is not a function'], HTTP)).not.toContain(
      'lambda-function-error.handler-not-found',
    );
  });

  it('a client reconnecting is not a failed request', () => {
    const result = classifyLogLines(
      [
        '2024-01-01T00:00:00.000Z\t6b1f3c2e-1111-2222-3333-444455556666\tINFO\tRedis connection reset, reconnecting',
        '(6b1f3c2e-1111-2222-3333-444455556666) Method completed with status: 200',
      ],
      LAMBDA,
    );
    expect(result.class).toBe('UNKNOWN');
  });

  it('a Java exception from a server behind an HTTP integration is not a Lambda function error', () => {
    const lines = [
      '(6b1f3c2e-1111-2222-3333-444455556666) Method completed with status: 500',
      '2024-01-01 10:00:00.000 ERROR 8 --- [nio-8080-exec-1] o.a.c.c.C.[.[.[/].[dispatcherServlet] : java.lang.NullPointerException: null',
    ];
    expect(rulesCited(lines, HTTP)).not.toContain('lambda-function-error.java-exception');
  });

  it('a server binary missing a shared library behind an HTTP integration is not a Lambda function', () => {
    const line = './server: error while loading shared libraries: libssl.so.1.1: cannot open shared object file';
    expect(rulesCited([line], HTTP)).not.toContain('lambda-function-error.native-library-not-loadable');
  });

  it("a proxy's real 504 body is not the Java container's caught exception", () => {
    expect(rulesCited(['HTTP/1.1 504 Gateway Timeout', '{"message":"Gateway Timeout"}'])).not.toContain(
      'backend-5xx.java-container-exception-body',
    );
  });

  it('a Python exception a handler maps to a 4xx is not a function failure', () => {
    const lines = [
      '[ERROR]\t2024-01-01T00:00:00.000Z\t6b1f3c2e-1111-2222-3333-444455556666\tjwt.exceptions.ExpiredSignatureError: Signature has expired',
      '(6b1f3c2e-1111-2222-3333-444455556666) Method completed with status: 401',
    ];
    expect(rulesCited(lines, LAMBDA)).not.toContain('lambda-function-error.python-library-exception');
    // With no integration known, the rule does not guess the function.
    expect(rulesCited(['psycopg2.errors.UndefinedTable: relation "campaigns" does not exist'])).not.toContain(
      'lambda-function-error.python-library-exception',
    );
  });
});
