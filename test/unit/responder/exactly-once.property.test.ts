/**
 * Exactly once whatever the delivery order and wherever an attempt fails: the property of
 * test/support/lifecycle-property.ts over the in-memory store (its emulator variant runs in the
 * integration project), with the real notifiers against the local destination stand-ins.
 */
import fc from 'fast-check';
import { MemoryIncidentStore } from '../../../functions/incidents/memory-store';
import { createWorld } from '../../../scripts/sandbox/exactly-once-world';
import { FaultyStore } from '../../support/faulty-store';
import { runScenario, scenarioArb } from '../../support/lifecycle-property';
import { useFakeDestinations } from '../notify/support/fake';

jest.setTimeout(120_000);

const fake = useFakeDestinations();

describe('exactly once under partial failures (property)', () => {
  it('random ALARM/OK interleavings with duplicates, reorderings and faults at any step: one thread/ticket, resolved iff the last state change is OK, no message twice', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        fake().reset();
        const store = new FaultyStore(new MemoryIncidentStore());
        const world = createWorld({ store, fake: fake() });
        await runScenario(scenario, { fake: fake(), arm: (f) => store.arm(f), invoke: world.invoke }, 'orders-api');
      }),
      { numRuns: 60, seed: process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED) },
    );
  });
});
