import fc from 'fast-check';
import { protect, redact } from '../../../functions/redact';
import { outputsOf, summaryOf } from './support/corpus';
import { benignText, embedded, tokenShape } from './support/generators';

const filler = fc.string({ maxLength: 30 }).map((s) => s.replace(/[A-Za-z0-9]/g, ' '));

/** The value and its escaped forms (JSON once, twice) must not appear. */
function appears(output: string, value: string): boolean {
  const once = JSON.stringify(value).slice(1, -1);
  const twice = JSON.stringify(once).slice(1, -1);
  return [value, once, twice].some((form) => output.includes(form));
}

describe('redaction properties', () => {
  it('a value under a sensitive key (any case, separators, nesting, escaping, map rendering) never survives', () => {
    fc.assert(
      fc.property(embedded, fc.boolean(), ({ text, secret }, quoteBodies) => {
        expect(appears(protect(text, { quoteBodies }), secret)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('a token in its vendor format never survives, anywhere in a line', () => {
    fc.assert(
      fc.property(tokenShape, filler, filler, ({ text, core }, before, after) => {
        expect(appears(redact(`${before}${text}${after}`), core)).toBe(false);
        expect(appears(redact(`{"note":"${before}${text.replace(/\\/g, '\\\\')}${after}"}`), core)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('no generated secret survives building and rendering a summary in any format', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          embedded,
          tokenShape.map((t) => ({ text: t.text, secret: t.core })),
        ),
        ({ text, secret }) => {
          const line = { id: 'p', source: 'execution-log' as const, line: text, planted: [secret], message: '' };
          for (const output of Object.values(outputsOf(summaryOf([line], { quoteBodies: true })))) {
            expect(appears(output, secret)).toBe(false);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('benign evidence (ids, ARNs, timestamps, status codes, names) is left intact', () => {
    fc.assert(
      fc.property(benignText, (text) => {
        expect(protect(text)).toBe(text);
      }),
      { numRuns: 400 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          embedded.map((e) => e.text),
          tokenShape.map((t) => t.text),
          benignText,
        ),
        (text) => {
          const once = protect(text);
          expect(protect(once)).toBe(once);
        },
      ),
      { numRuns: 300 },
    );
  });
});
