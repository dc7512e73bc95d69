/**
 * Maintenance windows: recurring windows across midnight and across both DST changes of a
 * non-UTC zone (Europe/Berlin: 2026-03-29 02:00 CET -> 03:00 CEST, 2026-10-25 03:00 CEST -> 02:00
 * CET), one-off windows in local time, and the config's field-named errors.
 */
import { ConfigError } from '../../../lib/config/config-error';
import { validateConfig } from '../../../lib/config/validate-config';
import type { MaintenanceWindowConfig } from '../../../lib/config/maintenance-windows';
import { activeMaintenanceWindow, type MaintenanceWindow } from '../../../functions/suppression/maintenance-windows';

const PROD = { kind: 'REST' as const, name: 'orders-api', stage: 'prod' };

function resolve(windows: readonly MaintenanceWindowConfig[]): readonly MaintenanceWindow[] {
  return validateConfig({
    apis: [{ kind: 'REST', name: 'orders-api', stages: ['prod', 'staging'] }],
    maintenanceWindows: windows,
  }).maintenanceWindows;
}

const active = (windows: readonly MaintenanceWindow[], iso: string, api = PROD) =>
  activeMaintenanceWindow(windows, api, iso)?.name;

describe('recurring maintenance windows', () => {
  it('span midnight in their own time zone', () => {
    // 23:30 Berlin (CET, UTC+1) every day for 90 minutes: 22:30Z to 00:00Z.
    const w = resolve([{ name: 'nightly', cron: '30 23 * * *', durationMinutes: 90, timeZone: 'Europe/Berlin' }]);
    expect(active(w, '2026-01-14T22:29:00Z')).toBeUndefined();
    expect(active(w, '2026-01-14T22:30:00Z')).toBe('nightly');
    expect(active(w, '2026-01-14T23:30:00Z')).toBe('nightly'); // 00:30 local, the next day
    expect(active(w, '2026-01-14T23:59:00Z')).toBe('nightly');
    expect(active(w, '2026-01-15T00:00:00Z')).toBeUndefined();
  });

  it('last their duration in real minutes across the spring-forward change', () => {
    // 01:00 CET on 2026-03-29 is 00:00Z; 120 real minutes end at 02:00Z = 04:00 CEST, not 03:00.
    const w = resolve([{ name: 'sunday', cron: '0 1 * * SUN', durationMinutes: 120, timeZone: 'Europe/Berlin' }]);
    expect(active(w, '2026-03-28T23:59:00Z')).toBeUndefined();
    expect(active(w, '2026-03-29T00:00:00Z')).toBe('sunday');
    expect(active(w, '2026-03-29T01:30:00Z')).toBe('sunday'); // 03:30 CEST
    expect(active(w, '2026-03-29T02:00:00Z')).toBeUndefined();
    // A week later the same local 01:00 is 23:00Z the evening before (CEST, UTC+2).
    expect(active(w, '2026-04-04T23:00:00Z')).toBe('sunday');
  });

  it('never start at a local time the spring-forward change skips, and start twice in the fall-back hour', () => {
    const w = resolve([{ name: 'at-0230', cron: '30 2 * * *', durationMinutes: 20, timeZone: 'Europe/Berlin' }]);
    // 2026-03-29: 02:30 local does not exist (02:00 -> 03:00 at 01:00Z).
    expect(active(w, '2026-03-29T00:40:00Z')).toBeUndefined();
    expect(active(w, '2026-03-29T01:40:00Z')).toBeUndefined();
    // 2026-10-25: 02:30 local happens at 00:30Z (CEST) and again at 01:30Z (CET).
    expect(active(w, '2026-10-25T00:40:00Z')).toBe('at-0230');
    expect(active(w, '2026-10-25T01:10:00Z')).toBeUndefined();
    expect(active(w, '2026-10-25T01:40:00Z')).toBe('at-0230');
    // An ordinary day: once, at 00:30Z (CEST) in summer.
    expect(active(w, '2026-07-01T00:40:00Z')).toBe('at-0230');
  });

  it('apply only to the API and stages they name', () => {
    const w = resolve([
      { name: 'staging-deploys', cron: '* * * * *', durationMinutes: 1, api: 'orders-api', stages: ['staging'] },
    ]);
    expect(active(w, '2026-01-01T00:00:00Z')).toBeUndefined();
    expect(active(w, '2026-01-01T00:00:00Z', { ...PROD, stage: 'staging' })).toBe('staging-deploys');
    expect(active(w, '2026-01-01T00:00:00Z', { kind: 'REST', name: 'other-api', stage: 'staging' })).toBeUndefined();
  });
});

describe('one-off maintenance windows', () => {
  it('read local times in their zone, DST included', () => {
    // New York is UTC-4 in July and UTC-5 in December.
    const w = resolve([
      {
        name: 'summer',
        start: '2026-07-04T22:00',
        end: '2026-07-05T01:00',
        timeZone: 'America/New_York',
        mode: 'silent',
      },
      { name: 'winter', start: '2026-12-24T22:00', end: '2026-12-25T01:00', timeZone: 'America/New_York' },
    ]);
    expect(w.map((x) => [x.start, x.end])).toEqual([
      ['2026-07-05T02:00:00.000Z', '2026-07-05T05:00:00.000Z'],
      ['2026-12-25T03:00:00.000Z', '2026-12-25T06:00:00.000Z'],
    ]);
    expect(active(w, '2026-07-05T04:59:00Z')).toBe('summer');
    expect(active(w, '2026-07-05T05:00:00Z')).toBeUndefined();
    expect(w[0]?.mode).toBe('silent');
    expect(w[1]?.mode).toBe('quiet');
  });
});

describe('maintenanceWindows in the config', () => {
  const problems = (windows: unknown) => {
    try {
      resolve(windows as MaintenanceWindowConfig[]);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.join('\n');
      throw error;
    }
    return '';
  };

  it('names each bad field', () => {
    expect(problems([{ name: 'x', cron: '0 2 * *', durationMinutes: 60 }])).toMatch(
      /^maintenanceWindows\[0\]\.cron: .*4 fields/,
    );
    expect(problems([{ name: 'x', cron: '0 25 * * *', durationMinutes: 60 }])).toMatch(
      /maintenanceWindows\[0\]\.cron: "25" is not a value from 0 to 23/,
    );
    expect(problems([{ name: 'x', cron: '0 2 * * *', durationMinutes: 60, timeZone: 'Mars/Olympus' }])).toMatch(
      /maintenanceWindows\[0\]\.timeZone/,
    );
    expect(problems([{ name: 'x', cron: '0 2 * * *' }])).toMatch(/maintenanceWindows\[0\]\.durationMinutes/);
    expect(problems([{ name: 'x', start: '2026-01-02T00:00', end: '2026-01-01T00:00' }])).toMatch(
      /maintenanceWindows\[0\]\.end: is not after start/,
    );
    expect(
      problems([
        { name: 'x', cron: '0 2 * * *', durationMinutes: 5, start: '2026-01-01T00:00', end: '2026-01-02T00:00' },
      ]),
    ).toMatch(/has both cron and start\/end/);
    expect(problems([{ name: 'x', cron: '0 2 * * *', durationMinutes: 5, mode: 'loud' }])).toMatch(
      /maintenanceWindows\[0\]\.mode/,
    );
    expect(problems([{ name: 'x', cron: '0 2 * * *', durationMinutes: 5, stages: ['prod'] }])).toMatch(
      /maintenanceWindows\[0\]\.stages: stages without api/,
    );
  });
});
