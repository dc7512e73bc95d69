/** Every rule any hypothesis cites for these lines: whether a rule fired, winning or not. */
import type { ClassifyOptions } from '../../../../functions/classifier/classify';
import { classifyLogLines } from '../../../../functions/classifier/classify';

export function rulesCited(lines: readonly string[], options: ClassifyOptions = {}): string[] {
  return classifyLogLines(lines, options).hypotheses.flatMap((h) => h.evidence.map((e) => e.rule));
}
