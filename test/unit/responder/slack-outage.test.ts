/**
 * Slack down for an hour, start to finish: what the responder does at each step, and how the
 * dead-letter queue replay completes the thread once Slack is back. The closing note of the
 * responder issue points at this test.
 */
import { replayDlq } from '../../../bin/commands/replay-dlq';
import { alarmMessage, snsLambdaEvent } from '../events/fixtures';
import { FakeQueue } from './fake-sqs';
import { createHarness } from './harness';

describe('Slack down for an hour', () => {
  it('Jira and the store stay exact during the outage; the replay completes the Slack thread once, in order', async () => {
    const h = createHarness();
    const slack = h.slack!;
    const jira = h.jira!;
    const dlq = new FakeQueue();
    slack.down = true;

    // 12:03 the 5XX-count alarm opens the incident. Three attempts (the invocation and Lambda's two
    // retries): each tries Slack (with the delivery layer's own retries) and fails; Jira gets its
    // issue on the first attempt only; the diagnosis runs once; the event goes to the DLQ.
    const opening = await h.invokeAsync(
      snsLambdaEvent(alarmMessage({ signal: '5xx-count', time: '2025-05-01T12:03:00.000Z' })),
    );
    expect(opening.delivered).toBe(false);
    if (!opening.delivered) dlq.add({ ...opening.dlqRecord, timestamp: '2025-05-01T12:06:10.000Z' });
    expect(h.diagnoses).toHaveLength(1);
    expect(jira.roots()).toHaveLength(1);
    expect(slack.posted).toHaveLength(0);
    const slackAttemptsForOpening = slack.attempts;
    expect(slackAttemptsForOpening).toBe(6);

    // 12:04 a second alarm of the same incident: Jira gets a comment; Slack has no thread yet, so
    // the reply is not even attempted (it would start a new thread); the event goes to the DLQ.
    const update = await h.invokeAsync(
      snsLambdaEvent(alarmMessage({ signal: 'p99-latency', time: '2025-05-01T12:04:00.000Z' })),
    );
    expect(update.delivered).toBe(false);
    if (!update.delivered) dlq.add({ ...update.dlqRecord, timestamp: '2025-05-01T12:07:10.000Z' });
    expect(jira.replies('OPS-1')).toHaveLength(1);
    expect(slack.attempts).toBe(slackAttemptsForOpening);

    // 12:40 the first alarm is OK, the other still fires: nothing to post. 12:45 the last one is OK:
    // Jira gets the resolution; Slack cannot (no thread), so that event goes to the DLQ too.
    expect(
      (
        await h.invokeAsync(
          snsLambdaEvent(alarmMessage({ signal: '5xx-count', state: 'OK', time: '2025-05-01T12:40:00.000Z' })),
        )
      ).delivered,
    ).toBe(true);
    const resolution = await h.invokeAsync(
      snsLambdaEvent(alarmMessage({ signal: 'p99-latency', state: 'OK', time: '2025-05-01T12:45:00.000Z' })),
    );
    if (!resolution.delivered) dlq.add({ ...resolution.dlqRecord, timestamp: '2025-05-01T12:48:10.000Z' });
    expect(jira.replies('OPS-1').map((m) => m.summary.kind)).toEqual(['update', 'resolved']);
    expect(dlq.size).toBe(3);

    // 13:05 Slack is back; the operator, paged by the DLQ-depth alarm, replays the queue.
    slack.down = false;
    const lines: string[] = [];
    const result = await replayDlq(
      { queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/apigw-responder-dlq', max: 100, dryRun: false },
      {
        sqs: dlq.client,
        invoke: async (_functionName, payload) => {
          const outcome = await h.invoke(payload);
          return outcome.ok ? { ok: true } : { ok: false, error: String(outcome.error) };
        },
        publish: () => Promise.reject(new Error('not used')),
        out: (line) => lines.push(line),
      },
    );

    expect(result).toEqual({ found: 3, replayed: 3, failed: 0 });
    expect(dlq.size).toBe(0);
    // One Slack thread: the opening summary built (and diagnosed) at 12:03, then the reply, then the resolution.
    expect(slack.posted.map((m) => [m.root, m.summary.kind, m.summary.alarmName.split('|')[4]])).toEqual([
      [true, 'open', '5xx-count'],
      [false, 'update', 'p99-latency'],
      [false, 'resolved', 'p99-latency'],
    ]);
    expect(new Set(slack.posted.map((m) => m.thread)).size).toBe(1);
    expect(slack.posted[0]!.summary.leading?.class).toBe('INTEGRATION_TIMEOUT');
    expect(slack.posted[2]!.summary.durationMinutes).toBe(42);
    // Jira was never sent anything twice; the diagnosis never ran again.
    expect(jira.posted).toHaveLength(3);
    expect(h.diagnoses).toHaveLength(1);
    expect(lines[lines.length - 1]).toBe('3 replayed, 0 failed, of 3 message(s)');

    // Replaying again (a second operator, or the same records re-driven) sends nothing.
    dlq.add({
      requestPayload: snsLambdaEvent(alarmMessage({ signal: '5xx-count', time: '2025-05-01T12:03:00.000Z' })),
    });
    await replayDlq(
      { queueUrl: 'q', max: 10, dryRun: false },
      {
        sqs: dlq.client,
        invoke: async (_f, p) => ((await h.invoke(p)).ok ? { ok: true } : { ok: false }),
        publish: () => Promise.resolve(),
        out: () => undefined,
      },
    );
    expect(slack.posted).toHaveLength(3);
    expect(jira.posted).toHaveLength(3);
  });
});
