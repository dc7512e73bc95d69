/** The leading answer for these lines: its class and, where given, its sub-cause. */
import type { ClassifyOptions } from '../../../../functions/classifier/classify';
import { classifyLogLines } from '../../../../functions/classifier/classify';

export function expectLeading(
  lines: readonly string[],
  options: ClassifyOptions,
  cls: string,
  subCause?: string,
): void {
  const result = classifyLogLines(lines, options);
  expect(result.class).toBe(cls);
  if (subCause !== undefined) expect(result.hypotheses[0]?.subCause).toBe(subCause);
}
