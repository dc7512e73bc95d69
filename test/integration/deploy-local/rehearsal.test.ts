/**
 * The deploy rehearsal of `npm run deploy:local` on the integration project's emulator: the real
 * cdk bootstrap + deploy of the example config and of a maximal one (every destination,
 * EventBridge trigger, 4XX alarm, pinned env, no reserved concurrency), every resource read back
 * with no mismatch, the smoke run of the deployed bundle, and a tampered alarm that verification
 * must catch.
 */
import { join } from 'node:path';
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import type { PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';
import { requireSandboxEndpoint } from '../../../scripts/sandbox/env';
import { PROJECT_ROOT } from '../../../scripts/sandbox/moto';
import type { Deployment } from '../../../scripts/deploy-local/rehearsal';
import { bootstrap, deploy } from '../../../scripts/deploy-local/rehearsal';
import { runSmoke } from '../../../scripts/deploy-local/smoke';
import { summaryLine, verifyStack } from '../../../scripts/deploy-local/verify-stack';

const progress: string[] = [];
const log = (line: string): void => {
  progress.push(line);
};
let endpoint: string;

beforeAll(async () => {
  endpoint = requireSandboxEndpoint();
  await bootstrap({ endpoint, log });
}, 180_000);

async function rehearse(
  configFile: string | undefined,
  check: (deployment: Deployment) => Promise<void>,
): Promise<void> {
  const deployment = await deploy({ endpoint, log, ...(configFile === undefined ? {} : { configFile }) });
  try {
    expect(deployment.completion.missing).toEqual([]);
    const report = await verifyStack(deployment.state);
    expect([...report.mismatches, ...report.notVerified]).toEqual([]);
    expect(summaryLine(report)).toMatch(/^\d+ resources, 0 mismatches$/);
    expect(report.resources).toBeGreaterThan(20);
    await check(deployment);
    const smoke = await runSmoke(deployment.state, deployment.outdir, log);
    expect(smoke.lines.filter((line) => line.includes('failed:'))).toEqual([]);
    expect(smoke.ok).toBe(true);
  } finally {
    await deployment.destroy();
  }
}

it('deploys the example config with no mismatch, catches a tampered alarm threshold, and passes the smoke run', async () => {
  await rehearse(undefined, async (deployment) => {
    const cloudwatch = new CloudWatchClient(deployment.state.context.clientConfig);
    const alarmId = deployment.state
      .resources()
      .find(
        ({ type, logicalId }) =>
          type === 'AWS::CloudWatch::Alarm' &&
          String(deployment.state.properties(logicalId)['AlarmName']).includes('5xx-count'),
      );
    const name = deployment.state.ids.get(alarmId?.logicalId ?? '') ?? '';
    const { MetricAlarms = [] } = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
    const deployed = MetricAlarms[0];
    expect(deployed).toBeDefined();
    // Someone raises the threshold by hand in the console.
    await cloudwatch.send(
      new PutMetricAlarmCommand({
        ...(deployed as PutMetricAlarmCommandInput),
        Threshold: (deployed?.Threshold ?? 0) + 100,
      }),
    );
    const tampered = await verifyStack(await deployment.refresh());
    expect(tampered.mismatches).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${alarmId?.logicalId ?? '-'} \\(AWS::CloudWatch::Alarm\\) Threshold: template \\d+, deployed \\d+$`,
        ),
      ),
    ]);
    expect(summaryLine(tampered)).toMatch(/ 1 mismatches$/);
    await cloudwatch.send(new PutMetricAlarmCommand(deployed as PutMetricAlarmCommandInput));
  });
}, 300_000);

it('deploys a maximal config (every destination, EventBridge trigger, 4XX alarm, pinned env) with no mismatch', async () => {
  await rehearse(join(PROJECT_ROOT, 'test', 'fixtures', 'deploy-local', 'maximal.config.ts'), (deployment) => {
    const types = new Set(deployment.state.resources().map(({ type }) => type));
    expect(types).toContain('AWS::Events::Rule');
    const alarmNames = deployment.state
      .resources()
      .map(({ logicalId }) => deployment.state.properties(logicalId)['AlarmName'])
      .filter((name): name is string => typeof name === 'string');
    expect(alarmNames.some((name) => name.endsWith('|4xx-rate'))).toBe(true);
    return Promise.resolve();
  });
}, 300_000);
