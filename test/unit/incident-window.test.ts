import { incidentWindow } from '../../functions/incident-window';

const AT = '2025-05-01T12:30:20.000Z';

describe('incidentWindow', () => {
  it.each([
    ['at least 15 minutes', {}, undefined, { start: '2025-05-01T12:15:00.000Z', end: '2025-05-01T12:31:00.000Z' }],
    [
      'two periods more than the alarm evaluated',
      { periodSeconds: 300, evaluationPeriods: 3 },
      undefined,
      { start: '2025-05-01T12:05:00.000Z', end: '2025-05-01T12:31:00.000Z' },
    ],
    [
      'at most 3 hours',
      { periodSeconds: 3600, evaluationPeriods: 5 },
      undefined,
      { start: '2025-05-01T09:30:00.000Z', end: '2025-05-01T12:31:00.000Z' },
    ],
    [
      'never after the evaluation start',
      {},
      '2025-05-01T11:50:30.000Z',
      { start: '2025-05-01T11:50:00.000Z', end: '2025-05-01T12:31:00.000Z' },
    ],
    [
      'an evaluation start still bounded by 3 hours',
      {},
      '2025-04-30T12:00:00.000Z',
      { start: '2025-05-01T09:30:00.000Z', end: '2025-05-01T12:31:00.000Z' },
    ],
    [
      'an evaluation start inside the window changes nothing',
      {},
      '2025-05-01T12:25:00.000Z',
      { start: '2025-05-01T12:15:00.000Z', end: '2025-05-01T12:31:00.000Z' },
    ],
  ])('%s', (_case, metric, evaluationStart, window) => {
    expect(incidentWindow(AT, metric, evaluationStart)).toEqual(window);
  });

  it('rejects an unreadable state-change time', () => {
    expect(() => incidentWindow('yesterday')).toThrow('invalid state change time "yesterday"');
  });
});
