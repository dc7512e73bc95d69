/**
 * A read role STS could not hand out for now, met by the diagnosis (the gate had nothing to read
 * there, e.g. a cross-account metric alarm of this account): the record fails and is retried,
 * instead of posting an incident whose whole diagnosis is "could not assume … Throttling".
 */
import { ReadRoleUnavailableError } from '../../../functions/cross-account/read-role-sessions';
import type { Incident } from '../../../functions/types';
import { alarmMessage, snsLambdaEvent } from '../events/fixtures';
import { createHarness, fakeDiagnosis } from './harness';

const ROLE = 'arn:aws:iam::111122223333:role/apigw-responder-read';

it('fails the record on a passing STS error and posts the incident with its diagnosis on the retry', async () => {
  let attempts = 0;
  const h = createHarness({
    // A lease that a failed attempt leaves behind has run out when Lambda retries (minutes later).
    settings: { leaseMs: 0 },
    diagnose: (incident: Incident) => {
      attempts += 1;
      if (attempts === 1)
        return Promise.reject(new ReadRoleUnavailableError('111122223333', ROLE, 'Throttling: Rate exceeded'));
      return Promise.resolve(fakeDiagnosis(incident));
    },
  });

  const result = await h.invokeAsync(
    snsLambdaEvent(alarmMessage({ time: new Date(Date.now() - 60_000).toISOString() })),
  );

  expect(result).toEqual(expect.objectContaining({ delivered: true, attempts: 2 }));
  expect(h.slack!.roots()).toHaveLength(1);
  expect(h.summaries).toHaveLength(1);
  expect(JSON.stringify(h.summaries[0])).not.toContain('could not assume');
  expect(h.logs).toContainEqual(
    expect.objectContaining({
      level: 'error',
      message: 'record failed on a passing error: the invocation fails so Lambda retries it',
    }),
  );
});
