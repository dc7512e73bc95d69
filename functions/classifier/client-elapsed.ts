/**
 * How long the client waited, when the pasted output shows it: the shell's `time` prints
 * "real    0m30.163s" after a curl. A gateway timeout can only be answered once the integration
 * timeout has passed, so this time can rule one out.
 */
import type { RuleContext } from './rule';

/** "real 0m30.163s" / "real 1m2.5s" (bash/zsh `time` output). */
const SHELL_TIME_REAL = /^real\s+(\d+)m([\d.]+)s\s*$/;

/** Every client wait shown in the lines, in milliseconds. */
export function clientElapsedMs(context: RuleContext): number[] {
  return context.lines.flatMap((l) => {
    const m = SHELL_TIME_REAL.exec(l.text.trim());
    return m === null ? [] : [(Number(m[1]) * 60 + Number(m[2])) * 1000];
  });
}
