/** Graceful shortening: never cut a surrogate pair, always say what was left out. */
export const ELLIPSIS = '…';

/** At most `max` UTF-16 units, ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}${ELLIPSIS}`;
}

export function moreLine(hidden: number, noun: string): string {
  return `${ELLIPSIS}and ${hidden} more ${noun}`;
}

/** The first `max` items and how many were left out. */
export function takeWithMore<T>(items: readonly T[], max: number): { shown: readonly T[]; hidden: number } {
  return { shown: items.slice(0, Math.max(0, max)), hidden: Math.max(0, items.length - Math.max(0, max)) };
}

/**
 * Join lines until `max` would be exceeded; the rest become "…and N more <noun>". The result is
 * always within `max` (a single over-long line is truncated).
 */
export function joinWithin(lines: readonly string[], max: number, noun: string, separator = '\n'): string {
  const kept: string[] = [];
  let length = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const hiddenAfter = lines.length - i - 1;
    const tail = hiddenAfter > 0 ? separator.length + moreLine(hiddenAfter, noun).length : 0;
    const cost = (kept.length > 0 ? separator.length : 0) + line.length;
    if (length + cost + tail <= max) {
      kept.push(line);
      length += cost;
      continue;
    }
    const hidden = lines.length - i;
    const more = moreLine(hidden, noun);
    if (kept.length === 0) {
      const room = max - (hidden > 1 ? separator.length + moreLine(hidden - 1, noun).length : 0);
      return hidden > 1 ? `${truncate(line, room)}${separator}${moreLine(hidden - 1, noun)}` : truncate(line, max);
    }
    return `${kept.join(separator)}${separator}${more}`;
  }
  return kept.join(separator);
}
