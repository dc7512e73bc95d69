/**
 * The responder during a maintenance window: after grouping and before delivery, an ALARM whose
 * incident opened inside a window is posted quietly (no paging destination) or not at all, and the
 * incident's OK follows the same choice.
 */
import type { MaintenanceWindow } from '../../../functions/suppression/maintenance-windows';
import { alarmMessage, snsLambdaEvent } from '../events/fixtures';
import type { AlarmSpec } from '../events/fixtures';
import { createHarness } from './harness';

const alarm = (spec: AlarmSpec = {}) => snsLambdaEvent(alarmMessage(spec));

// The fixture alarm fires at 2025-05-01T12:03Z = 14:03 in Berlin (CEST).
const window = (mode: MaintenanceWindow['mode'], cron = '0 14 * * *'): MaintenanceWindow => ({
  name: 'release train',
  timeZone: 'Europe/Berlin',
  mode,
  cron,
  durationMinutes: 30,
});

describe('an ALARM inside a maintenance window', () => {
  it('quiet: is recorded and posted to chat and tickets, not to PagerDuty; its OK likewise', async () => {
    const h = createHarness({ destinations: ['slack', 'jira', 'pagerduty'], maintenanceWindows: [window('quiet')] });
    const opened = await h.invoke(alarm());
    expect(opened).toMatchObject({
      ok: true,
      reports: [{ outcome: 'open', delivered: ['slack', 'jira'], failed: [] }],
    });
    expect(h.slack!.posted).toHaveLength(1);
    expect(h.notifiers.get('pagerduty')!.posted).toHaveLength(0);
    // The OK arrives after the window ended: the incident opened inside it, so PagerDuty stays out.
    const resolved = await h.invoke(alarm({ state: 'OK', time: '2025-05-01T12:40:00.000Z' }));
    expect(resolved).toMatchObject({ ok: true, reports: [{ outcome: 'resolved', delivered: ['slack', 'jira'] }] });
    expect(h.notifiers.get('pagerduty')!.posted).toHaveLength(0);
  });

  it('silent: is recorded (diagnosed, summary kept) and posted nowhere; the OK is not posted either', async () => {
    const h = createHarness({ destinations: ['slack', 'pagerduty'], maintenanceWindows: [window('silent')] });
    const opened = await h.invoke(alarm());
    expect(opened).toMatchObject({
      ok: true,
      reports: [
        { outcome: 'open', delivered: [], reason: 'maintenance window "release train" (silent): recorded, not posted' },
      ],
    });
    expect(h.diagnoses).toHaveLength(1);
    expect(h.summaries).toHaveLength(1);
    expect(h.slack!.posted).toHaveLength(0);
    const resolved = await h.invoke(alarm({ state: 'OK', time: '2025-05-01T12:40:00.000Z' }));
    expect(resolved).toMatchObject({ ok: true, reports: [{ outcome: 'resolved', delivered: [] }] });
    expect(h.slack!.posted).toHaveLength(0);
  });

  it('outside the window: posts everywhere as usual', async () => {
    const h = createHarness({
      destinations: ['slack', 'pagerduty'],
      maintenanceWindows: [window('silent', '0 15 * * *')],
    });
    const opened = await h.invoke(alarm());
    expect(opened).toMatchObject({ ok: true, reports: [{ outcome: 'open', delivered: ['slack', 'pagerduty'] }] });
  });
});
