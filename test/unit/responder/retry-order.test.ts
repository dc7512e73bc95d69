/**
 * Review 6 #12: when the gate retries one record of an event, the later records of the same API
 * stage wait for that retry too, so an ALARM and its OK delivered in one batch keep their order
 * (handling the OK first would leave a tombstone and make the retried ALARM stale: no thread).
 */
import type { ProvenanceGate, ProvenanceVerdict } from '../../../functions/provenance/gate';
import { createResponder } from '../../../functions/responder/respond';
import { alarmMessage, snsLambdaEvent } from '../events/fixtures';
import { createHarness } from './harness';

it('retries an OK behind its ALARM of the same batch, and the incident opens and resolves in order', async () => {
  const h = createHarness({ settings: { leaseMs: 0 } });
  let calls = 0;
  const gate: ProvenanceGate = {
    check: (incidents) => {
      calls += 1;
      return Promise.resolve(
        incidents.map((incident): ProvenanceVerdict => {
          // The ALARM's history read is throttled on the first attempt only.
          if (calls === 1 && incident.state === 'ALARM')
            return { ok: 'retry', incident, error: Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }) };
          return { ok: true, incident, verification: 'cloudwatch-current' };
        }),
      );
    },
  };
  const responder = createResponder({ ...h.deps, provenance: gate });
  const at = (s: number) => new Date(Date.now() - s * 1000).toISOString();
  const batch = {
    Records: [
      ...snsLambdaEvent(alarmMessage({ state: 'ALARM', time: at(120) }), { messageId: 'm1' }).Records,
      ...snsLambdaEvent(alarmMessage({ state: 'OK', time: at(30) }), { messageId: 'm2' }).Records,
    ],
  };
  const ctx = () => ({ deadline: Date.now() + 58_000 });

  await expect(responder.handleEvent(batch, ctx())).rejects.toThrow('Rate exceeded');
  expect(h.slack!.posted).toHaveLength(0);
  const retried = await responder.handleEvent(batch, ctx());

  expect(retried.map((r) => r.outcome)).toEqual(['open', 'resolved']);
  expect(h.slack!.roots()).toHaveLength(1);
});
