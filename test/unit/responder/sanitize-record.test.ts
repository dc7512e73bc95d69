import {
  MAX_FIELD_CHARS,
  TRUNCATED_MARKER,
  isPermanentRecordError,
  sanitizeIncident,
} from '../../../functions/responder/sanitize-record';
import { parseAlarmEvent } from '../../../functions/events/parse-event';
import { alarmMessage } from '../events/fixtures';

describe('sanitizeIncident', () => {
  it('replaces lone surrogates, keeps pairs, and cuts oversize fields with a marker', () => {
    const incident = parseAlarmEvent(alarmMessage({ api: 'orders\ud800-api😀' }));
    const long = { ...incident, reason: 'x'.repeat(5_000), alarmDescription: `😀${'y'.repeat(2_000)}` };

    const { incident: clean, changed } = sanitizeIncident(long);

    expect(clean.api.name).toBe('orders\ufffd-api😀');
    expect(clean.alarmName).toContain('orders\ufffd-api😀');
    expect(clean.reason).toHaveLength(MAX_FIELD_CHARS);
    expect(clean.reason!.endsWith(TRUNCATED_MARKER)).toBe(true);
    expect(changed).toEqual(expect.arrayContaining(['api.name', 'alarmName', 'reason', 'alarmDescription']));
    expect(JSON.stringify(clean)).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i);
  });

  it('leaves a clean incident as it is', () => {
    const incident = parseAlarmEvent(alarmMessage());
    expect(sanitizeIncident(incident)).toEqual({ incident, changed: [] });
  });

  it('tells a permanent store rejection from an outage', () => {
    const named = (name: string) => Object.assign(new Error(name), { name });
    expect(isPermanentRecordError(named('ValidationException'))).toBe(true);
    expect(isPermanentRecordError(named('ProvisionedThroughputExceededException'))).toBe(false);
    expect(isPermanentRecordError(named('ServiceUnavailable'))).toBe(false);
  });
});
