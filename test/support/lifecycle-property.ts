/**
 * The exactly-once property, shared by the in-memory run and the emulator run: random alarm
 * timelines of one API stage, delivered with duplicates, in any order, each first attempt hit by
 * a random fault (the store failing before or after a write at any call, a destination failing
 * or losing its answer), retried as Lambda retries. Whatever happens, the destinations end with at
 * most one thread/ticket/alert for the incident (exactly one when it ends firing), resolved if and
 * only if the last state change of every alarm is OK, and no message of any event twice.
 */
import fc from 'fast-check';
import type { AlarmSpec } from '../../scripts/sandbox/alarm-notification';
import { alarmMessage, snsLambdaEvent } from '../../scripts/sandbox/alarm-notification';
import type { Fault, FakeDestinations, FakeService } from '../../scripts/sandbox/fake-destinations';
import { faults } from '../../scripts/sandbox/fake-destinations';
import { destinationState } from '../../scripts/sandbox/exactly-once-world';
import type { StoreFault } from './faulty-store';

type Signal = NonNullable<AlarmSpec['signal']>;
const SIGNALS: readonly Signal[] = ['5xx-count', 'p99-latency'];
const DESTINATION_FAULTS: readonly [FakeService, () => Fault][] = [
  ['slack-api', faults.serverError],
  ['slack-api', faults.loseResponse],
  ['jira', faults.serverError],
  ['jira', faults.loseResponse],
  ['pagerduty', faults.serverError],
  ['webhook', faults.loseResponse],
];

export interface Transition {
  readonly signal: Signal;
  readonly state: 'ALARM' | 'OK';
  readonly time: string;
}

export interface Delivery {
  readonly transition: number;
  readonly storeFault: StoreFault | null;
  readonly destinationFault: number | null;
}

export interface Scenario {
  readonly transitions: readonly Transition[];
  readonly deliveries: readonly Delivery[];
}

const BASE = Date.parse('2025-05-01T12:00:00.000Z');

/** Per alarm, 1..4 alternating state changes starting with ALARM, minutes apart. */
const timelineArb = fc
  .tuple(
    ...SIGNALS.map((_, i) => fc.array(fc.integer({ min: 1, max: 5 }), { minLength: i === 0 ? 1 : 0, maxLength: 4 })),
  )
  .map((gapsPerSignal) =>
    gapsPerSignal.flatMap((gaps, s) => {
      let t = BASE + s * 7_000;
      return gaps.map((gap, i): Transition => {
        t += gap * 60_000;
        return { signal: SIGNALS[s]!, state: i % 2 === 0 ? 'ALARM' : 'OK', time: new Date(t).toISOString() };
      });
    }),
  );

const faultArb = fc.record({
  storeFault: fc.option(fc.record({ failAt: fc.integer({ min: 1, max: 30 }), afterWrite: fc.boolean() }), {
    freq: 2,
  }),
  destinationFault: fc.option(fc.integer({ min: 0, max: DESTINATION_FAULTS.length - 1 }), { freq: 3 }),
});

export const scenarioArb: fc.Arbitrary<Scenario> = timelineArb.chain((transitions) =>
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: transitions.length - 1 }), faultArb), {
      minLength: transitions.length,
      maxLength: transitions.length * 2,
    })
    .chain((extra) =>
      // Every transition delivered at least once, some twice, in a random order.
      fc.shuffledSubarray(
        [
          ...transitions.map((_, i) => ({ transition: i, storeFault: null, destinationFault: null })),
          ...extra.map(([transition, f]) => ({ transition, ...f })),
        ],
        { minLength: transitions.length + extra.length },
      ),
    )
    .map((deliveries) => ({ transitions, deliveries })),
);

export interface PropertyWorld {
  readonly fake: FakeDestinations;
  readonly arm: (fault: StoreFault | undefined) => void;
  readonly invoke: (event: unknown) => Promise<{ ok: boolean; error?: Error }>;
}

/** Runs one scenario against a fresh world and checks the destinations' end state. */
export async function runScenario(scenario: Scenario, world: PropertyWorld, api: string): Promise<void> {
  const { fake } = world;
  for (const delivery of scenario.deliveries) {
    const t = scenario.transitions[delivery.transition]!;
    const event = snsLambdaEvent(alarmMessage({ api, signal: t.signal, state: t.state, time: t.time }));
    world.arm(delivery.storeFault ?? undefined);
    if (delivery.destinationFault !== null) {
      const [service, fault] = DESTINATION_FAULTS[delivery.destinationFault]!;
      fake.failNext(service, fault());
    }
    let done = false;
    const errors: string[] = [];
    for (let attempt = 0; attempt < 6 && !done; attempt++) {
      const result = await world.invoke(event);
      world.arm(undefined);
      done = result.ok;
      if (!result.ok) errors.push(`${result.error?.name}: ${result.error?.message}`);
    }
    if (!done) throw new Error(`delivery of ${t.state} ${t.signal} @ ${t.time} never succeeded: ${errors.join(' | ')}`);
    // A fault not consumed (the request never went to that destination) must not leak into the next delivery.
    fake.clearFaults();
  }
  checkEndState(scenario, fake);
}

export function expectedFiring(transitions: readonly Transition[]): boolean {
  return SIGNALS.some((signal) => {
    const own = transitions.filter((t) => t.signal === signal);
    return own.length > 0 && own[own.length - 1]!.state === 'ALARM';
  });
}

function checkEndState(scenario: Scenario, fake: FakeDestinations): void {
  const state = destinationState(fake);
  const firing = expectedFiring(scenario.transitions);
  const problems: string[] = [];
  if (state.parents.length > 1) problems.push(`${state.parents.length} Slack threads`);
  if (firing && state.parents.length !== 1) problems.push(`ends firing but ${state.parents.length} Slack threads`);
  const parent = state.parents[0];
  if (parent !== undefined && /RESOLVED/.test(parent.text) === firing) {
    problems.push(`Slack parent reads "${parent.text}" but the incident ends ${firing ? 'firing' : 'resolved'}`);
  }
  if (state.issues.length !== state.parents.length) problems.push(`${state.issues.length} Jira issues`);
  const open = state.issues.filter((i) => i.status !== 'Done');
  if (firing ? open.length !== 1 : open.length !== 0) problems.push(`${open.length} open Jira issues`);
  if (state.pdStatus.size > 1) problems.push(`${state.pdStatus.size} PagerDuty dedup keys`);
  for (const [key, action] of state.pdStatus) {
    if ((action === 'trigger') !== firing) problems.push(`PagerDuty ${key} ends ${action}`);
  }
  if (firing && state.pdStatus.size !== 1) problems.push('ends firing but no PagerDuty alert');
  const dupes = (keys: readonly string[]) => keys.filter((k, i) => keys.indexOf(k) !== i);
  if (dupes(state.metadataKeys).length > 0)
    problems.push(`Slack messages posted twice: ${dupes(state.metadataKeys).join(', ')}`);
  if (dupes(state.jiraMarkers).length > 0)
    problems.push(`Jira comments made twice: ${dupes(state.jiraMarkers).join(', ')}`);
  for (const [key, events] of state.webhookBodies) {
    if (events.size > 1) problems.push(`webhook idempotency key ${key} used for ${[...events].join(', ')}`);
  }
  if (problems.length > 0) {
    const slack = state.slack.map((m) => `${m.thread_ts === undefined ? 'PARENT' : '  reply'} ${m.text.slice(0, 80)}`);
    throw new Error(`${problems.join('; ')}\nSlack:\n${slack.join('\n')}`);
  }
}
