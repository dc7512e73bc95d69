/**
 * The Slack buttons end to end on the emulator: a real incident posted by the responder (through
 * SNS), then Acknowledge, Mute until OK, the muted stage's next ALARM, Unmute and Re-run diagnosis
 * pressed through the real signed-request path: the interactions handler behind a local function
 * URL, its work queue on the emulator's SQS, its state in the emulator's DynamoDB, and the Slack
 * stand-in receiving the thread replies and the parent's updates.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseAlarmEvent } from '../../../functions/events/parse-event';
import { DynamoIncidentStore } from '../../../functions/incidents/dynamo-store';
import { eventKeyOf } from '../../../functions/incidents/grouping';
import { ACTION_IDS } from '../../../functions/notify/render-slack-parent';
import { signedHeaders } from '../../../functions/interactions/verify-signature';
import type { AlarmSpec } from '../../../scripts/sandbox/alarm-notification';
import { alarmMessage } from '../../../scripts/sandbox/alarm-notification';
import {
  SANDBOX_ACCOUNT,
  SANDBOX_REGION,
  requireSandboxEndpoint,
  sandboxClientConfig,
} from '../../../scripts/sandbox/env';
import { blockActionsBody, pressButton } from '../../../scripts/sandbox/press-button';
import type { ResponderSandbox } from '../../../scripts/sandbox/responder-sandbox';
import { SANDBOX_SIGNING_SECRET, startResponderSandbox } from '../../../scripts/sandbox/responder-sandbox';
import { seedScenario } from '../../../scripts/sandbox/seed';

jest.setTimeout(240_000);

let sandbox: ResponderSandbox;
let store: DynamoIncidentStore;

beforeAll(async () => {
  const endpoint = requireSandboxEndpoint();
  sandbox = await startResponderSandbox({ endpoint, webhook: false, interactive: true });
  store = new DynamoIncidentStore({
    tableName: sandbox.tableName,
    client: new DynamoDBClient(sandboxClientConfig(endpoint)),
  });
});

afterAll(async () => {
  await sandbox?.stop();
});

const parent = () => sandbox.destinations.slackMessages()[0]!;
const replies = () => sandbox.destinations.slackMessages().filter((m) => m.thread_ts === parent().ts);

async function press(actionId: string): Promise<number> {
  const pressed = await pressButton({
    url: sandbox.interactions!.url,
    signingSecret: SANDBOX_SIGNING_SECRET,
    message: parent(),
    actionId,
    userId: 'U0ONCALL1',
  });
  await sandbox.interactions!.drain();
  return pressed.status;
}

it('acknowledge, mute until OK (the next ALARM recorded, not posted), unmute and re-run, all through signed requests', async () => {
  // Started five minutes ago: the muted stage's next ALARM below (two minutes after this one) is
  // then not in the future. The provenance gate acts only on a change CloudWatch has made, and the
  // emulator stamps each alarm's state at the moment it is set (now): a notification claiming a
  // later time is refused as STALE_STATE, as a forged one would be.
  const seeded = await seedScenario(requireSandboxEndpoint(), 'integration-timeout', {
    now: new Date(Date.now() - 5 * 60_000),
  });
  const spec: AlarmSpec = {
    api: seeded.apiName,
    stage: seeded.stage,
    time: seeded.stateChangeTime,
    signal: '5xx-count',
  };
  await sandbox.publishAlarm(spec);
  await sandbox.adapter.settled(1);
  expect(JSON.stringify(parent().blocks)).toContain(ACTION_IDS.acknowledge);
  const before = sandbox.destinations.requests('slack-api').length;

  // A forged request (wrong secret) changes nothing.
  const forgedBody = blockActionsBody({
    actionId: ACTION_IDS.muteUntilOk,
    value: '{"i":"x","k":"y"}',
    userId: 'U0EVIL',
    channel: parent().channel,
    messageTs: parent().ts,
  });
  const forged = await fetch(sandbox.interactions!.url, {
    method: 'POST',
    headers: signedHeaders('wrong-secret', forgedBody, Date.now()),
    body: forgedBody,
  });
  expect(forged.status).toBe(401);
  expect(await sandbox.interactions!.drain()).toBe(0);
  expect(sandbox.destinations.requests('slack-api')).toHaveLength(before);

  // Acknowledge: the parent says who, the thread says so.
  expect(await press(ACTION_IDS.acknowledge)).toBe(200);
  expect(JSON.stringify(parent().blocks)).toContain('Acknowledged by <@U0ONCALL1>');
  expect(JSON.stringify(parent().blocks)).not.toContain(ACTION_IDS.acknowledge);
  expect(replies().at(-1)?.text).toContain('Acknowledged by <@U0ONCALL1>');

  // Mute until OK: visible in the thread and on the parent; the next ALARM is recorded and not posted.
  expect(await press(ACTION_IDS.muteUntilOk)).toBe(200);
  expect(replies().at(-1)?.text).toContain('Muted by <@U0ONCALL1> until the alarm is OK');
  expect(JSON.stringify(parent().blocks)).toContain(ACTION_IDS.unmute);
  const posted = sandbox.destinations.slackMessages().length;
  const next: AlarmSpec = {
    ...spec,
    signal: 'p99-latency',
    time: new Date(Date.parse(spec.time!) + 120_000).toISOString(),
  };
  await sandbox.publishAlarm(next);
  await sandbox.adapter.settled(2);
  expect(sandbox.adapter.invocations[1]!.result).toEqual([expect.objectContaining({ outcome: 'muted' })]);
  expect(sandbox.destinations.slackMessages()).toHaveLength(posted);
  const event = await store.getEvent(
    eventKeyOf(parseAlarmEvent(alarmMessage({ region: SANDBOX_REGION, account: SANDBOX_ACCOUNT, ...next }))),
  );
  expect(event).toEqual(
    expect.objectContaining({ outcome: 'muted', suppressedBecause: expect.stringContaining('muted by U0ONCALL1') }),
  );

  // Unmute: undone, and said in the thread.
  expect(await press(ACTION_IDS.unmute)).toBe(200);
  expect(replies().at(-1)?.text).toContain('Unmuted by <@U0ONCALL1>');
  expect(JSON.stringify(parent().blocks)).toContain(ACTION_IDS.muteUntilOk);

  // Re-run: a fresh diagnosis in the thread.
  expect(await press(ACTION_IDS.rerun)).toBe(200);
  const rerun = replies().at(-1)!;
  expect(JSON.stringify(rerun.blocks)).toContain('Fresh diagnosis requested by <@U0ONCALL1>');
  expect(rerun.text).toContain(seeded.apiName);
});
