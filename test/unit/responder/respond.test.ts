import { DeliveryIncompleteError } from '../../../functions/responder/errors';
import { eventKeyOf } from '../../../functions/incidents/grouping';
import { parseAlarmEvent } from '../../../functions/events/parse-event';
import { MAX_MESSAGE_BYTES } from '../../../functions/events/parse-event';
import { alarmMessage, readCorpus, snsLambdaEvent } from '../events/fixtures';
import type { AlarmSpec } from '../events/fixtures';
import { CLASSIFICATION, PROBES, createHarness, fakeDiagnosis, isIncomplete } from './harness';

function alarm(spec: AlarmSpec = {}, messageId?: string) {
  return snsLambdaEvent(alarmMessage(spec), messageId === undefined ? {} : { messageId });
}

describe('an ALARM', () => {
  it('opens an incident: one diagnosis, one classified summary per destination, refs recorded', async () => {
    const h = createHarness();

    const result = await h.invoke(alarm());

    expect(result).toEqual({
      ok: true,
      reports: [
        {
          alarmName: 'apigw-responder|REST|orders-api|prod|5xx-count',
          state: 'ALARM',
          outcome: 'open',
          incidentId: expect.stringMatching(/^orders-api-prod-20250501t1203-[0-9a-f]{6}$/),
          delivered: ['slack', 'jira'],
          failed: [],
        },
      ],
    });
    expect(h.diagnoses).toHaveLength(1);
    expect(h.slack!.posted).toHaveLength(1);
    expect(h.jira!.posted).toHaveLength(1);
    const summary = h.slack!.posted[0]!.summary;
    expect(summary).toEqual(
      expect.objectContaining({
        kind: 'open',
        state: 'ALARM',
        api: { kind: 'REST', name: 'orders-api', stage: 'prod' },
        leading: CLASSIFICATION.hypotheses[0],
        alsoFiring: [],
        unfinishedChecks: [],
        diagnosisMs: 480,
      }),
    );
    const incident = [...h.store.incidents.values()][0]!;
    expect(incident).toEqual(
      expect.objectContaining({
        status: 'open',
        phase: 'announced',
        refs: { slack: { channel: 'C0INCIDENTS', ts: h.slack!.posted[0]!.thread }, jira: { key: 'OPS-1' } },
      }),
    );
    expect(h.countOf('IncidentsOpened')).toBe(1);
    expect(h.counts).toContainEqual({ name: 'IncidentsByClass', dimensions: { class: 'INTEGRATION_TIMEOUT' } });
    expect(h.durations).toEqual([{ name: 'DiagnosisDuration', value: 480 }]);
  });

  it('gives the diagnosis the remaining time minus the notify reserve', async () => {
    const h = createHarness({ settings: { notifyReserveMs: 15_000 } });
    const before = Date.now();

    await h.invoke(alarm(), 60_000);

    const { deadline } = h.diagnoses[0]!;
    // Invocation deadline = start + 60 s - 2 s kept to record; the diagnosis ends 15 s before it.
    expect(deadline).toBeGreaterThanOrEqual(before + 60_000 - 2_000 - 15_000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 60_000 - 2_000 - 15_000);
  });

  it('says which checks did not finish when the diagnosis was cut short', async () => {
    const h = createHarness({
      diagnose: (incident) =>
        Promise.resolve(
          fakeDiagnosis(incident, {
            cutShort: true,
            probes: [
              { probe: 'metrics', status: 'ok', durationMs: 300, awsCalls: ['CloudWatch.GetMetricData'] },
              { probe: 'execution-logs', status: 'timed-out', durationMs: 9_000, awsCalls: [] },
              { probe: 'traces', status: 'timed-out', durationMs: 9_000, awsCalls: [] },
            ],
          }),
        ),
    });

    await h.invoke(alarm());

    expect(h.slack!.posted[0]!.summary.unfinishedChecks).toEqual(['execution-logs', 'traces']);
    expect(h.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'diagnosis cut short by the deadline' }),
    );
  });

  it('does not wait for a diagnosis that overruns its deadline: the summary goes out naming every check unfinished', async () => {
    const h = createHarness({
      settings: { notifyReserveMs: 1_000, diagnosisGraceMs: 50 },
      diagnose: () => new Promise(() => undefined),
    });
    const started = Date.now();

    const result = await h.invoke(alarm(), 4_000);

    expect(result.ok).toBe(true);
    // Deadline: 4 s budget - 2 s record reserve - 1 s notify reserve = 1 s, plus the grace.
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(h.slack!.posted[0]!.summary).toEqual(
      expect.objectContaining({
        kind: 'open',
        impact: expect.objectContaining({ errors5xx: null }),
        unfinishedChecks: [...PROBES],
      }),
    );
  });

  it('still posts a summary when the diagnosis throws', async () => {
    const h = createHarness({ diagnose: () => Promise.reject(new Error('engine exploded')) });

    await h.invoke(alarm());

    expect(h.slack!.posted).toHaveLength(1);
    expect(h.slack!.posted[0]!.summary.leading).toBeNull();
    expect(h.logs).toContainEqual(
      expect.objectContaining({ level: 'error', message: expect.stringContaining('diagnosis failed') }),
    );
  });
});

describe('exactly once per destination', () => {
  it('the same SNS message delivered three times → one summary', async () => {
    const h = createHarness();
    const event = alarm({}, 'd04e9195-5bbc-5fda-ba74-cd1486943a58');

    const results = [await h.invoke(event), await h.invoke(event), await h.invoke(event)];

    expect(results.map((r) => (r.ok ? r.reports[0]!.outcome : 'error'))).toEqual(['open', 'duplicate', 'duplicate']);
    expect(h.slack!.posted).toHaveLength(1);
    expect(h.jira!.posted).toHaveLength(1);
    expect(h.diagnoses).toHaveLength(1);
    expect(h.countOf('DuplicateEvents')).toBe(2);
  });

  it('the same alarm state change published twice (two SNS messages) → one summary', async () => {
    const h = createHarness();

    await h.invoke(alarm({}, 'message-1'));
    await h.invoke(alarm({}, 'message-2'));

    expect(h.slack!.posted).toHaveLength(1);
  });

  it('three concurrent deliveries of the same message → one summary; the busy ones fail so Lambda retries them', async () => {
    const h = createHarness({ diagnosisDelayMs: 50 });
    const event = alarm();

    const results = await Promise.all([h.invoke(event), h.invoke(event), h.invoke(event)]);

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r as { error: Error }).error.name)).toEqual([
      'EventBusyError',
      'EventBusyError',
    ]);
    // Lambda's retry of a busy one finds the event done.
    expect(await h.invoke(event)).toEqual({ ok: true, reports: [expect.objectContaining({ outcome: 'duplicate' })] });
    expect(h.slack!.posted).toHaveLength(1);
    expect(h.jira!.posted).toHaveLength(1);
    expect(h.diagnoses).toHaveLength(1);
  });

  it('Slack fails twice then succeeds (inside one invocation) → one summary, Jira not duplicated', async () => {
    const h = createHarness({ maxAttempts: 4 });
    h.slack!.failNext = 2;

    const result = await h.invoke(alarm());

    expect(result.ok).toBe(true);
    expect(h.slack!.attempts).toBe(3);
    expect(h.slack!.posted).toHaveLength(1);
    expect(h.jira!.posted).toHaveLength(1);
  });

  it('Slack fails on two invocations then succeeds on the Lambda retry → one summary, Jira not duplicated, no second diagnosis', async () => {
    const h = createHarness({ maxAttempts: 2 });
    h.slack!.failNext = 4;
    const event = alarm();

    const first = await h.invoke(event);
    const second = await h.invoke(event);
    const third = await h.invoke(event);

    expect([isIncomplete(first), isIncomplete(second), third.ok]).toEqual([true, true, true]);
    expect(h.slack!.posted).toHaveLength(1);
    expect(h.jira!.posted).toHaveLength(1);
    expect(h.diagnoses).toHaveLength(1);
    // The retry re-sent the summary built on the first attempt.
    expect(h.slack!.posted[0]!.summary).toEqual(h.jira!.posted[0]!.summary);
    const [record] = [...h.store.events.values()];
    expect(record).toEqual(
      expect.objectContaining({ status: 'done', attempts: 3, delivered: ['jira', 'slack'], failures: [] }),
    );
  });

  it('a destination the delivery layer returns no result for is a failure, counted like any other', async () => {
    const h = createHarness({ noResultFor: 'jira' });

    const outcome = await h.invokeAsync(alarm());

    expect(outcome.delivered).toBe(false);
    const [record] = [...h.store.events.values()];
    expect(record).toEqual(
      expect.objectContaining({
        status: 'failed',
        failures: [{ destination: 'jira', reason: 'the delivery layer returned no result', retries: 0 }],
      }),
    );
    expect(h.counts.filter((c) => c.name === 'DestinationFailures')).toEqual([
      { name: 'DestinationFailures', dimensions: { destination: 'jira' } },
      { name: 'DestinationFailures', dimensions: { destination: 'jira' } },
      { name: 'DestinationFailures', dimensions: { destination: 'jira' } },
    ]);
  });

  it('Jira down for good → Slack delivered once, the failure recorded, the invocation fails for retry, then the DLQ', async () => {
    const h = createHarness();
    h.jira!.down = true;

    const outcome = await h.invokeAsync(alarm());

    expect(outcome.delivered).toBe(false);
    expect(outcome).toEqual(
      expect.objectContaining({
        attempts: 3,
        dlqRecord: expect.objectContaining({
          requestContext: expect.objectContaining({ condition: 'RetriesExhausted' }),
          requestPayload: alarm().Records ? expect.objectContaining({ Records: expect.any(Array) }) : undefined,
        }),
      }),
    );
    expect(!outcome.delivered && outcome.error).toBeInstanceOf(DeliveryIncompleteError);
    expect(h.slack!.posted).toHaveLength(1);
    expect(h.jira!.posted).toHaveLength(0);
    const [record] = [...h.store.events.values()];
    expect(record).toEqual(
      expect.objectContaining({
        status: 'failed',
        delivered: ['slack'],
        failures: [{ destination: 'jira', reason: expect.stringContaining('jira is down'), retries: 1 }],
        attempts: 3,
      }),
    );
    expect(h.counts.filter((c) => c.name === 'DestinationFailures')).toEqual([
      { name: 'DestinationFailures', dimensions: { destination: 'jira' } },
      { name: 'DestinationFailures', dimensions: { destination: 'jira' } },
      { name: 'DestinationFailures', dimensions: { destination: 'jira' } },
    ]);
    expect(h.logs).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: expect.stringContaining('some destinations did not get the message'),
      }),
    );
  });
});

describe('incidents, not alarms', () => {
  it('three alarms of one incident within a minute → one thread; the later two join it (parent edits, not replies)', async () => {
    const h = createHarness();

    const reports = [
      await h.invoke(alarm({ signal: '5xx-count', time: '2025-05-01T12:03:00.000Z' })),
      await h.invoke(alarm({ signal: '5xx-rate', time: '2025-05-01T12:03:20.000Z' })),
      await h.invoke(alarm({ signal: 'p99-integration-latency', time: '2025-05-01T12:03:40.000Z' })),
    ].flatMap((r) => (r.ok ? r.reports.map((x) => x.outcome) : ['failed']));

    expect(reports).toEqual(['open', 'join', 'join']);
    const [root] = h.slack!.roots();
    expect(h.slack!.roots()).toHaveLength(1);
    // The fake destination records every send (the real Slack notifier turns a join into chat.update);
    // an edit rendered after a later alarm joined already shows it, so that one may be coalesced away.
    const joins = h.slack!.replies(root!.thread).map((m) => m.summary.alarmName);
    expect(joins[0]).toBe('apigw-responder|REST|orders-api|prod|5xx-rate');
    expect(joins.length + h.countOf('ParentEditsCoalesced')).toBe(2);
    expect(h.jira!.roots()).toHaveLength(1);
    expect(h.diagnoses).toHaveLength(1);
    expect(new Set(h.slack!.posted.map((m) => m.summary.incidentId)).size).toBe(1);
  });

  it('alarms that arrive while the first is being diagnosed are folded into its message ("also firing")', async () => {
    const h = createHarness({ diagnosisDelayMs: 100 });

    await Promise.all([
      h.invoke(alarm({ signal: '5xx-count' })),
      new Promise((r) => setTimeout(r, 20)).then(() => h.invoke(alarm({ signal: '5xx-rate' }))),
      new Promise((r) => setTimeout(r, 30)).then(() => h.invoke(alarm({ signal: 'p99-latency' }))),
    ]);

    expect(h.slack!.posted).toHaveLength(1);
    expect([...h.slack!.posted[0]!.summary.alsoFiring].sort()).toEqual(['5xx-rate', 'p99-latency']);
    expect(h.countOf('AlarmsGrouped')).toBe(2);
  });

  it('other API stages are other incidents', async () => {
    const h = createHarness();

    await h.invoke(alarm({ api: 'orders-api', stage: 'prod' }));
    await h.invoke(alarm({ api: 'orders-api', stage: 'beta' }));
    await h.invoke(alarm({ kind: 'HTTP', api: 'a1b2c3d4e5', stage: 'prod' }));

    expect(h.slack!.roots()).toHaveLength(3);
    expect(h.diagnoses).toHaveLength(3);
  });

  it('a storm of 50 alarms across 10 APIs within a minute → one message per API stage, Slack posts paced', async () => {
    const interval = 40;
    const h = createHarness({ diagnosisDelayMs: 150, settings: { slackIntervalMs: interval } });
    const signals = ['5xx-count', '5xx-rate', 'p99-latency', 'p99-integration-latency', '4xx-rate'] as const;
    const events = Array.from({ length: 10 }, (_, api) =>
      signals.map((signal, i) =>
        alarm({ api: `api-${api}`, signal, time: `2025-05-01T12:03:${String(api * 5 + i).padStart(2, '0')}.000Z` }),
      ),
    ).flat();

    const results = await Promise.all(
      events.map((event, i) => new Promise((r) => setTimeout(r, i)).then(() => h.invoke(event))),
    );

    expect(results.every((r) => r.ok)).toBe(true);
    expect(h.slack!.posted).toHaveLength(10);
    expect(h.slack!.roots()).toHaveLength(10);
    expect(new Set(h.slack!.posted.map((m) => m.summary.api.name)).size).toBe(10);
    expect(h.diagnoses).toHaveLength(10);
    for (const message of h.slack!.posted) expect(message.summary.alsoFiring).toHaveLength(4);
    const times = h.slack!.posted.map((m) => m.at).sort((a, b) => a - b);
    // The i-th post waits for its slot, i intervals after the first one (the first may itself run a little late).
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[0]!).toBeGreaterThanOrEqual(i * interval - 25);
  });
});

describe('states', () => {
  it('OK resolves the open incident in its thread everywhere it was posted, with its duration', async () => {
    const h = createHarness();

    await h.invoke(alarm({ time: '2025-05-01T12:03:00.000Z' }));
    const result = await h.invoke(alarm({ state: 'OK', time: '2025-05-01T12:10:00.000Z' }));

    expect(result.ok && result.reports[0]!.outcome).toBe('resolved');
    for (const destination of [h.slack!, h.jira!]) {
      const [root] = destination.roots();
      expect(
        destination.replies(root!.thread).map((m) => [m.summary.kind, m.summary.state, m.summary.durationMinutes]),
      ).toEqual([['resolved', 'OK', 7]]);
    }
    expect([...h.store.incidents.values()][0]).toEqual(
      expect.objectContaining({ status: 'resolved', resolvedAt: '2025-05-01T12:10:00.000Z' }),
    );
    expect(h.countOf('IncidentsResolved')).toBe(1);
  });

  it('resolves only when the last firing alarm of the incident is OK', async () => {
    const h = createHarness();

    await h.invoke(alarm({ signal: '5xx-count', time: '2025-05-01T12:03:00.000Z' }));
    await h.invoke(alarm({ signal: 'p99-latency', time: '2025-05-01T12:04:00.000Z' }));
    await h.invoke(alarm({ signal: '5xx-count', state: 'OK', time: '2025-05-01T12:08:00.000Z' }));
    expect(h.slack!.posted.map((m) => m.summary.kind)).toEqual(['open', 'update']);

    await h.invoke(alarm({ signal: 'p99-latency', state: 'OK', time: '2025-05-01T12:12:00.000Z' }));

    expect(h.slack!.posted.map((m) => [m.summary.kind, m.summary.durationMinutes])).toEqual([
      ['open', undefined],
      ['update', undefined],
      ['resolved', 9],
    ]);
    expect(h.logs).toContainEqual(
      expect.objectContaining({
        message: expect.stringContaining('OK with nothing to resolve'),
        extra: expect.objectContaining({ why: 'still firing: p99-latency' }),
      }),
    );
  });

  it('an OK with no open incident is logged and ignored', async () => {
    const h = createHarness();

    const result = await h.invoke(alarm({ state: 'OK' }));

    expect(result).toEqual({ ok: true, reports: [expect.objectContaining({ outcome: 'ignored' })] });
    expect(h.slack!.posted).toHaveLength(0);
    expect(h.logs).toContainEqual(
      expect.objectContaining({
        level: 'info',
        extra: expect.objectContaining({ why: 'no incident for this API stage: kept as a tombstone' }),
      }),
    );
  });

  it('INSUFFICIENT_DATA is logged, nothing posted, nothing stored', async () => {
    const h = createHarness();

    const result = await h.invoke(alarm({ state: 'INSUFFICIENT_DATA' }));

    expect(result).toEqual({
      ok: true,
      reports: [expect.objectContaining({ outcome: 'ignored', state: 'INSUFFICIENT_DATA' })],
    });
    expect(h.slack!.posted).toHaveLength(0);
    expect(h.store.events.size).toBe(0);
    expect(h.logs).toContainEqual(expect.objectContaining({ message: 'INSUFFICIENT_DATA: logged, nothing posted' }));
  });

  it('an ALARM soon after the resolution re-opens the same thread instead of a new incident', async () => {
    const h = createHarness();

    await h.invoke(alarm({ time: '2025-05-01T12:03:00.000Z' }));
    await h.invoke(alarm({ state: 'OK', time: '2025-05-01T12:10:00.000Z' }));
    await h.invoke(alarm({ time: '2025-05-01T12:15:00.000Z' }));

    expect(h.slack!.roots()).toHaveLength(1);
    expect(h.slack!.posted.map((m) => m.summary.kind)).toEqual(['open', 'resolved', 'update']);
  });

  it('an ALARM after the grouping window opens a new incident', async () => {
    const h = createHarness({ settings: { groupingWindowMs: 30 * 60_000 } });

    await h.invoke(alarm({ time: '2025-05-01T12:03:00.000Z' }));
    await h.invoke(alarm({ state: 'OK', time: '2025-05-01T12:10:00.000Z' }));
    await h.invoke(alarm({ time: '2025-05-01T13:15:00.000Z' }));

    expect(h.slack!.roots()).toHaveLength(2);
    expect(h.diagnoses).toHaveLength(2);
  });
});

describe('malformed events', () => {
  it.each([
    ['an empty body', ''],
    ['a non-JSON body', 'hello'],
    ['JSON of another service', { Records: [{ eventSource: 'aws:s3', s3: {} }] }],
    ['an alarm with no API dimensions', readCorpus('02-sns-lambda-event-metric-lambda-errors-ok-seoul.json')],
    ['a huge message', snsLambdaEvent('{"AlarmName":"' + 'x'.repeat(MAX_MESSAGE_BYTES) + '"}')],
  ])('%s → a clear log entry, the MalformedEvents metric, no crash, nothing posted', async (_what, event) => {
    const h = createHarness();

    const result = await h.invoke(event);

    expect(result).toEqual({ ok: true, reports: [expect.objectContaining({ outcome: 'rejected' })] });
    expect(h.slack!.posted).toHaveLength(0);
    expect(h.jira!.posted).toHaveLength(0);
    expect(h.countOf('MalformedEvents')).toBe(1);
    expect(h.logs).toEqual([
      {
        level: 'warn',
        message: 'event rejected: not an API Gateway alarm notification the responder can act on',
        extra: expect.objectContaining({ reason: expect.any(String), detail: expect.any(String) }),
      },
    ]);
  });
});

describe('a retried reply whose incident is gone', () => {
  it('is acknowledged instead of failing until the DLQ', async () => {
    const h = createHarness({ destinations: ['slack'] });
    await h.invoke(alarm({ signal: '5xx-count' }));
    h.slack!.down = true;
    const update = alarm({ signal: 'p99-latency', time: '2025-05-01T12:04:00.000Z' });
    expect(isIncomplete(await h.invoke(update))).toBe(true);
    // Meanwhile the incident was resolved and a newer one replaced it.
    const incident = [...h.store.incidents.values()][0]!;
    h.store.incidents.set(incident.key, {
      ...incident,
      incidentId: 'orders-api-prod-20250501t1300-ffffff',
      version: incident.version + 1,
    });
    h.slack!.down = false;

    const retry = await h.invoke(update);

    expect(retry).toEqual({ ok: true, reports: [expect.objectContaining({ outcome: 'ignored' })] });
    expect(h.slack!.posted).toHaveLength(1);
  });
});

describe('a dead opener', () => {
  it('a collecting incident whose opener never claimed it is taken over by the next alarm', async () => {
    const h = createHarness({ settings: { collectingStaleMs: 0 } });
    const first = parseAlarmEvent(alarmMessage({ signal: '5xx-count' }));
    // The opener wrote the incident, then died before its summary.
    await h.responder.handleIncident(first, { deadline: Date.now() - 1 }).catch(() => undefined);
    h.slack!.posted.length = 0;
    const key = eventKeyOf(first);
    const record = h.store.events.get(key)!;
    h.store.events.set(key, {
      ...record,
      status: 'in-progress',
      leaseUntil: Date.now() + 600_000,
      summary: undefined,
      delivered: [],
    });
    const incident = [...h.store.incidents.values()][0]!;
    h.store.incidents.set(incident.key, { ...incident, phase: 'collecting', refs: {}, claimedAtMs: 0 });

    await h.invoke(alarm({ signal: 'p99-latency', time: '2025-05-01T12:05:00.000Z' }));

    expect(h.slack!.posted.map((m) => [m.root, m.summary.kind, m.summary.alarmName])).toEqual([
      [true, 'open', 'apigw-responder|REST|orders-api|prod|p99-latency'],
    ]);
  });
});

describe('per-record isolation', () => {
  it('a record the store rejects for good is reported with its reason and counted; the records beside it are handled', async () => {
    const h = createHarness();
    const putEvent = h.store.putEvent.bind(h.store);
    h.store.putEvent = (record) =>
      record.alarmName.includes('broken-api')
        ? Promise.reject(
            Object.assign(new Error('Item size has exceeded the maximum allowed size'), {
              name: 'ValidationException',
            }),
          )
        : putEvent(record);
    const event = {
      Records: [alarm({ api: 'broken-api' }).Records[0], alarm({ api: 'orders-api' }).Records[0]],
    };

    const result = await h.invoke(event);

    expect(result).toEqual({
      ok: true,
      reports: [
        expect.objectContaining({ outcome: 'rejected', reason: 'store-rejected: ValidationException' }),
        expect.objectContaining({ outcome: 'open' }),
      ],
    });
    expect(h.counts).toContainEqual({ name: 'RejectedRecords', dimensions: { reason: 'ValidationException' } });
    expect(h.slack!.roots()).toHaveLength(1);
  });

  it('a passing store error fails the invocation after the other records are handled', async () => {
    const h = createHarness();
    const getIncident = h.store.getIncident.bind(h.store);
    h.store.getIncident = (key) =>
      key.includes('flaky-api')
        ? Promise.reject(Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' }))
        : getIncident(key);
    const event = { Records: [alarm({ api: 'flaky-api' }).Records[0], alarm({ api: 'orders-api' }).Records[0]] };

    const result = await h.invoke(event);

    expect(result.ok).toBe(false);
    expect(h.slack!.roots()).toHaveLength(1);
  });
});
