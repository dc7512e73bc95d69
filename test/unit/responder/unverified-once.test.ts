/**
 * Review 6 #11: an alarm accepted on its claims because the member's role may not read it is
 * logged and counted once per event, not once per delivery (a duplicate, or a retry caused by
 * another record, does not inflate ReadRoleFailures).
 */
import type { ProvenanceGate } from '../../../functions/provenance/gate';
import { createResponder } from '../../../functions/responder/respond';
import { alarmMessage, snsLambdaEvent } from '../events/fixtures';
import { createHarness } from './harness';

const MEMBER = '111122223333';
const deniedGate: ProvenanceGate = {
  check: (incidents) =>
    Promise.resolve(
      incidents.map((incident) => ({
        ok: true as const,
        incident,
        verification: 'claims-only' as const,
        unverified: { kind: 'alarm-read-denied' as const, account: MEMBER, reason: 'AccessDenied' },
      })),
    ),
};

it('logs and counts an unverified alarm once, however often its event is delivered', async () => {
  const h = createHarness();
  const responder = createResponder({ ...h.deps, provenance: deniedGate });
  const event = snsLambdaEvent(alarmMessage({ time: new Date(Date.now() - 30_000).toISOString() }));

  const first = await responder.handleEvent(event, { deadline: Date.now() + 58_000 });
  const again = await responder.handleEvent(event, { deadline: Date.now() + 58_000 });

  expect([first, again].map((r) => r.map((x) => x.outcome))).toEqual([['open'], ['duplicate']]);
  // Plain and by account and kind: two data points for the one event.
  expect(h.countOf('ReadRoleFailures')).toBe(2);
  expect(
    h.logs.filter((l) => l.message === 'alarm state not verified in CloudWatch: acted on its checked claims'),
  ).toHaveLength(1);
});
