/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week), as crontab(5) has
 * them: numbers, `*`, ranges `a-b`, lists `a,b`, steps `*\/n` and `a-b/n`; day-of-week 0-7 (0 and
 * 7 are Sunday) or SUN..SAT; when both day fields are restricted, a day matching either matches.
 */
import type { LocalFields } from './zoned-time';

export interface CronSchedule {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly days: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly weekdays: ReadonlySet<number>;
  readonly daysRestricted: boolean;
  readonly weekdaysRestricted: boolean;
}

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function parseField(text: string, min: number, max: number, names: readonly string[] = []): Set<number> {
  const values = new Set<number>();
  const value = (token: string): number => {
    const named = names.indexOf(token.toUpperCase());
    const n = named >= 0 ? named : /^\d+$/.test(token) ? Number(token) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`"${token}" is not a value from ${min} to ${max}`);
    return n;
  };
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`"${part}" has a bad step`);
    const [from, to] =
      range === '*'
        ? [min, max]
        : range.includes('-')
          ? range.split('-').map(value)
          : [value(range), stepText === undefined ? value(range) : max];
    if (from === undefined || to === undefined || from > to) throw new Error(`"${part}" is not a valid range`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/** Parses a cron expression; throws with the reason when it is not valid. */
export function parseCron(expression: string): CronSchedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5)
    throw new Error(`"${expression}" has ${fields.length} fields, not 5 (minute hour day month weekday)`);
  const [minute = '', hour = '', day = '', month = '', weekday = ''] = fields;
  const weekdays = parseField(weekday, 0, 7, DAY_NAMES);
  if (weekdays.has(7)) weekdays.add(0);
  return {
    minutes: parseField(minute, 0, 59),
    hours: parseField(hour, 0, 23),
    days: parseField(day, 1, 31),
    months: parseField(month, 1, 12),
    weekdays,
    daysRestricted: day !== '*',
    weekdaysRestricted: weekday !== '*',
  };
}

export function cronMatches(schedule: CronSchedule, local: LocalFields): boolean {
  if (!schedule.minutes.has(local.minute) || !schedule.hours.has(local.hour) || !schedule.months.has(local.month)) {
    return false;
  }
  const dayOk = schedule.days.has(local.day);
  const weekdayOk = schedule.weekdays.has(local.weekday);
  if (schedule.daysRestricted && schedule.weekdaysRestricted) return dayOk || weekdayOk;
  return dayOk && weekdayOk;
}
