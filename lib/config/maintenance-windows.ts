/**
 * `maintenanceWindows`: when incidents are recorded but posted quietly (no paging destination) or
 * not at all. Validated field by field at synth; one-off local times are resolved to instants in
 * their time zone here, so the Lambda only compares instants and evaluates cron expressions.
 */
import { parseCron } from '../../functions/suppression/cron';
import type { MaintenanceWindow } from '../../functions/suppression/maintenance-windows';
import { instantOf, isTimeZone } from '../../functions/suppression/zoned-time';
import { describe, isRecord, type Issues } from './issues';

/** One maintenance window as users write it. */
export interface MaintenanceWindowConfig {
  /** Shown in logs and reports, e.g. "Sunday patching". */
  readonly name: string;
  /** Recurring: five-field cron (minute hour day-of-month month day-of-week) of each start, in `timeZone`. */
  readonly cron?: string;
  /** With `cron`: how long each window lasts, in minutes of real time (1..10080). */
  readonly durationMinutes?: number;
  /** One-off: local date-time in `timeZone` ("2026-12-24T22:00") or an instant with offset ("...Z"). */
  readonly start?: string;
  /** One-off: end (exclusive), same forms as `start`. */
  readonly end?: string;
  /** IANA time zone of `cron` and of local `start`/`end`. @default "UTC" */
  readonly timeZone?: string;
  /** quiet: posted to chat and ticket destinations but not to PagerDuty; silent: recorded, posted nowhere. @default "quiet" */
  readonly mode?: 'quiet' | 'silent';
  /** Only this API (REST name, HTTP id or name). @default every API */
  readonly api?: string;
  /** With `api`: only these stages. @default every stage of the API */
  readonly stages?: readonly string[];
}

const KEYS = ['name', 'cron', 'durationMinutes', 'start', 'end', 'timeZone', 'mode', 'api', 'stages'];
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_DURATION_MINUTES = 7 * 24 * 60;

function instant(issues: Issues, path: string, value: unknown, timeZone: string): number | undefined {
  if (typeof value === 'string' && INSTANT.test(value) && Number.isFinite(Date.parse(value))) return Date.parse(value);
  const local = typeof value === 'string' ? LOCAL.exec(value) : null;
  if (local === null) {
    issues.add(
      path,
      `${describe(value)} is not a date-time`,
      'Use a local time "2026-12-24T22:00" (in timeZone) or an instant "2026-12-24T21:00Z".',
    );
    return undefined;
  }
  const [, year, month, day, hour, minute] = local.map(Number);
  return instantOf({ year: year!, month: month!, day: day!, hour: hour!, minute: minute! }, timeZone);
}

function resolveWindow(issues: Issues, path: string, input: unknown): MaintenanceWindow | undefined {
  if (!isRecord(input)) {
    issues.add(
      path,
      `${describe(input)} is not an object`,
      'Use { name, cron, durationMinutes, timeZone } or { name, start, end, timeZone }.',
    );
    return undefined;
  }
  issues.unknownKeys(path, input, KEYS);
  const ok = issues.text(`${path}.name`, input.name, /^[^\n\r]{1,100}$/, 'a short name, e.g. "Sunday patching"');
  const timeZone = input.timeZone ?? 'UTC';
  if (typeof timeZone !== 'string' || !isTimeZone(timeZone)) {
    issues.add(
      `${path}.timeZone`,
      `${describe(timeZone)} is not a time zone`,
      'Use an IANA time zone name, e.g. "Europe/Berlin" or "UTC".',
    );
    return undefined;
  }
  const mode = input.mode ?? 'quiet';
  if (mode !== 'quiet' && mode !== 'silent') {
    issues.add(
      `${path}.mode`,
      `${describe(mode)} is not a mode`,
      'Use "quiet" (no paging destination) or "silent" (posted nowhere).',
    );
    return undefined;
  }
  const scope: { api?: string; stages?: readonly string[] } = {};
  if (input.api !== undefined && issues.text(`${path}.api`, input.api, /^[^|\n\r]{1,1024}$/, 'the API name or id'))
    scope.api = input.api;
  if (input.stages !== undefined) {
    if (input.api === undefined)
      issues.add(`${path}.stages`, 'stages without api', 'Name the API the stages belong to in api.');
    else if (!Array.isArray(input.stages) || input.stages.some((s) => typeof s !== 'string' || s === '')) {
      issues.add(`${path}.stages`, `${describe(input.stages)} is not a list of stage names`, 'Use e.g. ["prod"].');
    } else scope.stages = input.stages as string[];
  }
  const base = { name: input.name as string, timeZone, mode, ...scope } as const;
  const recurring = input.cron !== undefined;
  const oneOff = input.start !== undefined || input.end !== undefined;
  if (recurring === oneOff) {
    issues.add(
      path,
      recurring ? 'has both cron and start/end' : 'has neither cron nor start/end',
      'Give cron with durationMinutes (recurring) or start with end (one-off).',
    );
    return undefined;
  }
  if (recurring) {
    try {
      parseCron(String(input.cron));
    } catch (error) {
      issues.add(
        `${path}.cron`,
        error instanceof Error ? error.message : String(error),
        'Use five fields: minute hour day-of-month month day-of-week, e.g. "0 2 * * SUN".',
      );
      return undefined;
    }
    if (!issues.integer(`${path}.durationMinutes`, input.durationMinutes, 1, MAX_DURATION_MINUTES)) return undefined;
    return ok ? { ...base, cron: String(input.cron), durationMinutes: input.durationMinutes } : undefined;
  }
  const start = instant(issues, `${path}.start`, input.start, timeZone);
  const end = instant(issues, `${path}.end`, input.end, timeZone);
  if (start === undefined || end === undefined) return undefined;
  if (end <= start) {
    issues.add(`${path}.end`, 'is not after start', 'Give an end later than start.');
    return undefined;
  }
  return ok ? { ...base, start: new Date(start).toISOString(), end: new Date(end).toISOString() } : undefined;
}

export function validateMaintenanceWindows(issues: Issues, path: string, value: unknown): MaintenanceWindow[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    issues.add(
      path,
      `${describe(value)} is not a list`,
      'Use a list of windows: [{ name, cron, durationMinutes, timeZone }].',
    );
    return [];
  }
  return (value as readonly unknown[])
    .map((window, index) => resolveWindow(issues, `${path}[${index}]`, window))
    .filter((w): w is MaintenanceWindow => w !== undefined);
}
