/**
 * The rules added from the sixth field batch's development cases: each is tested on the
 * development case's own lines and on the nearest line it must leave alone.
 */
import { classifyLogLines } from '../../../functions/classifier/classify';
import { rulesCited } from './support/rules-cited';

describe('sixth field batch rules', () => {
  it("a Ruby frame in a layer's gems (/opt) is the function's own stack", () => {
    const result = classifyLogLines(
      [
        "/opt/ruby/gems/2.5.0/gems/execjs-2.7.0/lib/execjs/runtimes.rb:58:in `autodetect': Could not find a JavaScript runtime. See https://github.com/rails/execjs for a list of available runtimes. (ExecJS::RuntimeUnavailable)",
      ],
      { integration: 'lambda-proxy' },
    );
    expect(result.class).toBe('LAMBDA_FUNCTION_ERROR');
  });

  it("a response the runtime cannot serialise is the function's error", () => {
    const result = classifyLogLines(
      ['Failed encoding Lambda JSON response: Malformed UTF-8 characters, possibly incorrectly encoded'],
      { integration: 'lambda-proxy' },
    );
    expect(result.class).toBe('LAMBDA_FUNCTION_ERROR');
    expect(result.hypotheses[0]?.subCause).toBe('response-not-serialisable');
  });

  it("writing outside /tmp on Lambda's read-only file system is the function's error", () => {
    const result = classifyLogLines(
      [
        'ValueError: Configuration validation failed: ',
        "- Cannot create output directory coderipple: [Errno 30] Read-only file system: 'coderipple'",
        '{"message": "Internal server error"}',
      ],
      { integration: 'lambda-proxy' },
    );
    expect(result.class).toBe('LAMBDA_FUNCTION_ERROR');
    expect(result.hypotheses[0]?.subCause).toBe('read-only-file-system');
  });

  it('other file-system errors and encodings are left alone', () => {
    expect(
      rulesCited(["[Errno 2] No such file or directory: 'config.yml'"], { integration: 'lambda-proxy' }),
    ).not.toContain('lambda-function-error.read-only-file-system');
    expect(rulesCited(['Failed encoding request body as UTF-8'], { integration: 'lambda-proxy' })).not.toContain(
      'lambda-function-error.response-not-serialisable',
    );
  });
});
