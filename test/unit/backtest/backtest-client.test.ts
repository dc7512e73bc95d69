/**
 * `apigw-responder backtest` calls CloudWatch through the shared client factory: its requests go
 * out with the same SDK settings as the diagnosis clients' (retry mode and attempts, which the
 * SDK also states in its user agent), here against a local stand-in that answers GetMetricData
 * with no data.
 */
import { once } from 'node:events';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { run } from '../../../bin/commands/backtest';
import { createAwsClients } from '../../../functions/diagnosis/clients';

const CONFIG = join(resolve(__dirname, '..', '..', 'fixtures', 'backtest'), 'config.ts');

let server: Server;
let endpoint: string;
const seen: IncomingHttpHeaders[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request.headers);
    request.resume();
    request.on('end', () => {
      response.setHeader('content-type', 'application/x-amz-json-1.0');
      response.end(JSON.stringify({ MetricDataResults: [] }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
  delete process.env['AWS_PROFILE'];
});

afterAll(async () => {
  process.env = saved;
  server.close();
  await once(server, 'close');
});

it('sends its GetMetricData calls as the shared factory’s clients do', async () => {
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  let code: number;
  try {
    code = await run([
      '--config',
      CONFIG,
      '--days',
      '1',
      '--region',
      'eu-west-1',
      '--endpoint-url',
      endpoint,
      '--json',
    ]);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  expect(code).toBe(0);
  const byBacktest = seen.splice(0);
  expect(byBacktest.length).toBeGreaterThan(0);

  const { cloudWatch } = createAwsClients({ region: 'eu-west-1', endpoint });
  await cloudWatch.send(
    new GetMetricDataCommand({ MetricDataQueries: [], StartTime: new Date(0), EndTime: new Date(60_000) }),
  );
  cloudWatch.destroy();
  const [byFactory] = seen;

  for (const headers of byBacktest) {
    expect(headers['user-agent']).toBe(byFactory?.['user-agent']);
    expect(headers['amz-sdk-request']).toBe(byFactory?.['amz-sdk-request']);
  }
});
