/**
 * The unread part of a window as closed millisecond ranges, newest first: the reader takes from
 * the front, and a page that covered only the older part of a range puts the newer rest back in
 * front, so reading always continues with the newest lines not yet read.
 */

export interface TimeRange {
  readonly start: number;
  readonly end: number;
}

export const span = (r: TimeRange): number => Math.max(0, r.end - r.start + 1);

/** The window's ranges in reading order: the focus (onset to end) first, then what precedes it. */
export function initialRanges(start: number, end: number, focusStart?: number): TimeRange[] {
  if (focusStart === undefined || focusStart <= start || focusStart > end) return [{ start, end }];
  return [
    { start: focusStart, end },
    { start, end: focusStart - 1 },
  ];
}

/**
 * The part of `range` to read next: all of it while the density is unknown or low, otherwise its
 * newest slice sized to about one page of lines.
 */
export function nextSlice(range: TimeRange, linesPerMs: number | undefined, pageLimit: number, minMs = 0): TimeRange {
  if (linesPerMs === undefined || linesPerMs <= 0) return range;
  const ms = Math.max(1_000, minMs, Math.floor((pageLimit * 0.8) / linesPerMs));
  return { start: Math.max(range.start, range.end - ms + 1), end: range.end };
}

/** `range` minus the slice [readStart, readEnd] read from it, newest part first. */
export function remainder(range: TimeRange, readStart: number, readEnd: number): TimeRange[] {
  const out: TimeRange[] = [];
  if (readEnd < range.end) out.push({ start: readEnd + 1, end: range.end });
  if (readStart > range.start) out.push({ start: range.start, end: readStart - 1 });
  return out;
}
