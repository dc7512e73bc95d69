/** The naming contract the responder's event parser reads back. */
import { alarmMarkerLine, alarmName, parseAlarmMarker, parseAlarmName, type AlarmIdentity } from '../../lib';

const rest: AlarmIdentity = { kind: 'REST', api: 'orders api', stage: 'prod', signal: '5xx-rate' };
const http: AlarmIdentity = { kind: 'HTTP', api: 'a1b2c3d4e5', stage: '$default', signal: 'p99-integration-latency' };

describe('alarm names', () => {
  it.each([
    [rest, 'apigw-responder|REST|orders api|prod|5xx-rate'],
    [http, 'apigw-responder|HTTP|a1b2c3d4e5|$default|p99-integration-latency'],
  ])('names %o as %s and reads it back', (identity, name) => {
    expect(alarmName(identity)).toBe(name);
    expect(parseAlarmName(name)).toEqual(identity);
  });

  it.each([
    'other-alarm',
    'apigw-responder|SOAP|x|prod|5xx-rate',
    'apigw-responder|REST|x|prod|made-up',
    'apigw-responder|REST||prod|5xx-rate',
    'apigw-responder|REST|a|b|c|5xx-rate',
  ])('ignores %s', (name) => {
    expect(parseAlarmName(name)).toBeUndefined();
  });
});

describe('description marker', () => {
  it.each([
    [rest, 'apigw-responder:{"kind":"REST","apiName":"orders api","stage":"prod","signal":"5xx-rate"}'],
    [
      http,
      'apigw-responder:{"kind":"HTTP","apiId":"a1b2c3d4e5","stage":"$default","signal":"p99-integration-latency"}',
    ],
  ])('writes %o as one line and reads it back from a description', (identity, line) => {
    expect(alarmMarkerLine(identity)).toBe(line);
    expect(parseAlarmMarker(`Something fired.\nRunbook: https://example.com\n${line}`)).toEqual(identity);
  });

  it.each([
    'no marker here',
    'apigw-responder:{not json',
    'apigw-responder:{"kind":"REST","apiId":"x","stage":"p","signal":"5xx-rate"}',
    'apigw-responder:null',
  ])('returns undefined for %s', (description) => {
    expect(parseAlarmMarker(description)).toBeUndefined();
  });
});
