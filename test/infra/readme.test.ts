/** The README's copy-paste values must be the ones the code uses. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { accessLogFormat, alarmMarkerLine, alarmName } from '../../lib';
import { errorRateExpression } from '../../lib/alarms/signal-alarms';

const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

it.each([
  ['the REST access log format', accessLogFormat('REST')],
  ['the HTTP API access log format', accessLogFormat('HTTP')],
  ['the error rate expression', errorRateExpression(0).replace('>= 0', '>= minRequests')],
  ['an alarm marker line', alarmMarkerLine({ kind: 'REST', api: 'orders-api', stage: 'prod', signal: '5xx-rate' })],
  [
    'the alarm name scheme',
    alarmName({ kind: 'REST', api: 'X', stage: 'Y', signal: '5xx-count' }).replace('REST|X|Y|5xx-count', ''),
  ],
  ['the demo command', '```sh\nnpm ci && npm run demo\n```'],
  ['the test command', '```sh\nnpm test\n```'],
])('shows %s', (_what, text) => {
  expect(readme).toContain(text);
});
