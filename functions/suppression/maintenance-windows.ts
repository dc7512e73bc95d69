/**
 * Maintenance windows: times during which the responder records incidents but posts them quietly
 * (no paging destination) or not at all. A window is recurring (a cron expression in an IANA time
 * zone, lasting `durationMinutes` of real time from each start) or one-off (start and end). It
 * applies to every API, or to one API (by name or id) and optionally some of its stages.
 *
 * The responder asks with the incident's opening time, so an incident opened inside a window keeps
 * its treatment until it resolves (its OK is not posted where its ALARM never was).
 */
import type { ApiRef, DestinationName } from '../types';
import { cronMatches, parseCron } from './cron';
import { localFields } from './zoned-time';

export type MaintenanceMode = 'quiet' | 'silent';

/** Destinations that page a person: skipped in quiet mode. */
export const PAGING_DESTINATIONS: readonly DestinationName[] = ['pagerduty'];

export interface MaintenanceWindow {
  readonly name: string;
  /** IANA time zone of `cron`. */
  readonly timeZone: string;
  readonly mode: MaintenanceMode;
  /** Recurring: five-field cron of each start, local to `timeZone`, and the duration. */
  readonly cron?: string;
  readonly durationMinutes?: number;
  /** One-off: ISO instants (resolved from local times at synth). */
  readonly start?: string;
  readonly end?: string;
  /** Only this API (REST name or HTTP id / name) and, when given, these stages. */
  readonly api?: string;
  readonly stages?: readonly string[];
}

function appliesTo(window: MaintenanceWindow, api: ApiRef): boolean {
  if (window.api === undefined) return true;
  if (window.api !== api.name && window.api !== api.id) return false;
  return window.stages === undefined || window.stages.includes(api.stage);
}

function activeAt(window: MaintenanceWindow, ms: number): boolean {
  if (window.start !== undefined && window.end !== undefined) {
    return ms >= Date.parse(window.start) && ms < Date.parse(window.end);
  }
  if (window.cron === undefined || window.durationMinutes === undefined) return false;
  const schedule = parseCron(window.cron);
  const minute = Math.floor(ms / 60_000) * 60_000;
  // A start at most durationMinutes ago (in real minutes, so DST shifts do not stretch a window).
  for (let back = 0; back < window.durationMinutes; back += 1) {
    if (cronMatches(schedule, localFields(minute - back * 60_000, window.timeZone))) return true;
  }
  return false;
}

/** The first window covering this API stage at `at` (ISO or epoch ms); silent wins over quiet. */
export function activeMaintenanceWindow(
  windows: readonly MaintenanceWindow[],
  api: ApiRef,
  at: string | number,
): MaintenanceWindow | undefined {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  const active = windows.filter((w) => appliesTo(w, api) && activeAt(w, ms));
  return active.find((w) => w.mode === 'silent') ?? active[0];
}

/** The destinations a message may go to under a window. */
export function destinationsDuring(
  window: MaintenanceWindow,
  destinations: readonly DestinationName[],
): DestinationName[] {
  return window.mode === 'silent' ? [] : destinations.filter((d) => !PAGING_DESTINATIONS.includes(d));
}
