/**
 * A read role STS could not hand out for now, met by the diagnosis (the gate had nothing to read
 * there, e.g. a cross-account metric alarm of this account). The first attempt fails and is
 * retried; from the retry on (or for a notification past the wait horizon) the opening is posted
 * with its diagnosis marked as not run, so an STS disruption never keeps an incident unposted.
 */
import { ReadRoleUnavailableError } from '../../../functions/cross-account/read-role-sessions';
import { STS_WAIT_HORIZON_MS } from '../../../functions/cross-account/sts-wait';
import type { Incident } from '../../../functions/types';
import { alarmMessage, snsLambdaEvent } from '../events/fixtures';
import { createHarness, fakeDiagnosis } from './harness';

const ROLE = 'arn:aws:iam::111122223333:role/apigw-responder-read';
const throttled = (): ReadRoleUnavailableError =>
  new ReadRoleUnavailableError('111122223333', ROLE, 'Throttling: Rate exceeded');
const secondsAgo = (s: number): string => new Date(Date.now() - s * 1000).toISOString();

it('fails the first attempt on a passing STS error, posting nothing, and posts with its diagnosis on the retry', async () => {
  let calls = 0;
  const h = createHarness({
    // A lease that a failed attempt leaves behind has run out when Lambda retries (minutes later).
    settings: { leaseMs: 0 },
    diagnose: (incident: Incident) => {
      calls += 1;
      return calls === 1 ? Promise.reject(throttled()) : Promise.resolve(fakeDiagnosis(incident));
    },
  });
  const event = snsLambdaEvent(alarmMessage({ time: secondsAgo(30) }));

  const first = await h.invoke(event);
  expect(first.ok).toBe(false);
  expect(h.slack!.posted).toHaveLength(0);
  expect(h.summaries).toHaveLength(0);

  const second = await h.invoke(event);
  expect(second.ok).toBe(true);
  expect(h.slack!.roots()).toHaveLength(1);
  expect(JSON.stringify(h.slack!.posted[0]!.summary)).not.toContain('read role unavailable');
});

it('posts on the retry with the diagnosis marked as not run when STS stays unavailable; absorbed siblings are named', async () => {
  const h = createHarness({ settings: { leaseMs: 0 }, diagnose: () => Promise.reject(throttled()) });
  const opener = snsLambdaEvent(alarmMessage({ signal: '5xx-count', time: secondsAgo(30) }));

  expect((await h.invoke(opener)).ok).toBe(false);
  // A sibling alarm of the same stage arrives meanwhile: it is folded into the opener, nothing sent.
  const sibling = await h.invoke(snsLambdaEvent(alarmMessage({ signal: '5xx-rate', time: secondsAgo(20) })));
  expect(sibling).toEqual(
    expect.objectContaining({ ok: true, reports: [expect.objectContaining({ outcome: 'absorbed' })] }),
  );
  expect(h.slack!.posted).toHaveLength(0);

  const retry = await h.invoke(opener);

  expect(retry.ok).toBe(true);
  expect(h.slack!.roots()).toHaveLength(1);
  const summary = h.slack!.posted[0]!.summary;
  expect(summary.alsoFiring).toEqual(['5xx-rate']);
  expect(JSON.stringify(summary)).toContain(
    'diagnosis not run: read role unavailable, use Re-run diagnosis once STS answers (STS: Throttling: Rate exceeded)',
  );
  expect(h.logs).toContainEqual(
    expect.objectContaining({
      level: 'warn',
      message: 'read role still unavailable: the opening goes out with its diagnosis marked as not run',
    }),
  );
});

it('posts at once, diagnosis not run, a notification already past the wait horizon (a late retry or a DLQ replay)', async () => {
  const h = createHarness({ diagnose: () => Promise.reject(throttled()) });

  const result = await h.invoke(snsLambdaEvent(alarmMessage({ time: secondsAgo(STS_WAIT_HORIZON_MS / 1000 + 30) })));

  expect(result.ok).toBe(true);
  expect(h.slack!.roots()).toHaveLength(1);
  expect(JSON.stringify(h.slack!.posted[0]!.summary)).toContain('diagnosis not run: read role unavailable');
});
