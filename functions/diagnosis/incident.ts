/**
 * Building an Incident outside the alarm path (the CLI, tests, benches): resolve the API by id or
 * name, and compute the window. `incidentWindow` is the alarm path's window rule too.
 */
import type { ApiKind, Incident, TimeWindow } from '../types';
import type { AwsClients } from './clients';
import { resolveHttpApi, resolveRestApi } from './discovery';

const MINUTE = 60_000;

// The window rule lives beside the types so the event parser can use it without the SDK.
export { MAX_LOOKBACK_MS, MIN_LOOKBACK_MS, incidentWindow } from '../incident-window';

/** "30m", "2h", "90s", "1d" -> ms. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)$/i.exec(text.trim());
  if (m === null || m[1] === undefined || m[2] === undefined) {
    throw new Error(`invalid duration "${text}" (use e.g. 30m, 2h, 90s)`);
  }
  const unit = { s: 1000, m: MINUTE, h: 60 * MINUTE, d: 24 * 60 * MINUTE }[m[2].toLowerCase() as 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(m[1]) * unit);
}

export interface IncidentRequest {
  readonly kind: ApiKind;
  /** REST: rest-api id or name; HTTP: api id or name. */
  readonly api: string;
  readonly stage: string;
  readonly region: string;
  /** @default "unknown" */
  readonly accountId?: string;
  /** Explicit window; otherwise `since` before `now`. */
  readonly window?: TimeWindow;
  /** Lookback in ms when no window is given. @default 30 minutes */
  readonly sinceMs?: number;
  readonly now?: Date;
}

export async function buildIncident(request: IncidentRequest, clients: AwsClients): Promise<Incident> {
  const resolved =
    request.kind === 'REST' ? await resolveRestApi(clients, request.api) : await resolveHttpApi(clients, request.api);
  const now = (request.now ?? new Date()).getTime();
  const window = request.window ?? {
    start: new Date(now - (request.sinceMs ?? 30 * MINUTE)).toISOString(),
    end: new Date(now).toISOString(),
  };
  if (Date.parse(window.start) >= Date.parse(window.end)) {
    throw new Error(`the window is empty: ${window.start} is not before ${window.end}`);
  }
  const label = `${resolved.name ?? resolved.id}/${request.stage}`;
  return {
    alarmName: `cli:${label}`,
    alarmArn: '',
    state: 'ALARM',
    stateChangeTime: window.end,
    region: request.region,
    accountId: request.accountId ?? 'unknown',
    api: {
      kind: request.kind,
      id: resolved.id,
      ...(resolved.name === undefined ? {} : { name: resolved.name }),
      stage: request.stage,
    },
    metric: {},
    window,
    source: 'cli',
  };
}
