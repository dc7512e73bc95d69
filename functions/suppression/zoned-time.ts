/**
 * Wall-clock time in an IANA time zone without a time-zone library: Intl does the zone rules
 * (DST included), these helpers turn instants into local fields and local times into instants.
 */

export interface LocalFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** 0 = Sunday .. 6 = Saturday */
  readonly weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone (an IANA name such as Europe/Berlin, or UTC). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function localFields(ms: number, timeZone: string): LocalFields {
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    weekday: WEEKDAYS.indexOf(get('weekday')),
  };
}

/**
 * The instant of a local wall-clock time. In a DST gap (a time that does not exist) the instant
 * after the gap is taken; in a DST overlap (a time that exists twice), the first.
 */
export function instantOf(
  local: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): number {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const offsetAt = (ms: number) => {
    const f = localFields(ms, timeZone);
    return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute) - Math.floor(ms / 60_000) * 60_000;
  };
  // Try both offsets around the time; keep the earliest candidate that shows the wanted wall time.
  const candidates = [asUtc - offsetAt(asUtc - 86_400_000), asUtc - offsetAt(asUtc + 86_400_000)].sort((a, b) => a - b);
  for (const candidate of candidates) {
    const f = localFields(candidate, timeZone);
    if (Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute) === asUtc) return candidate;
  }
  // In a gap: the wall time does not exist; the later candidate lands just after the gap.
  return candidates[candidates.length - 1]!;
}
