/**
 * One destination's delivery result, kept at once: its reference on the incident (where the
 * thread or ticket is), then the destination on the event record, so a store failure later in the
 * invocation never makes a retry send it again.
 */
import type { DeliveryFailure } from '../incidents/records';
import type { DeliveryResult, DestinationName, DestinationRef } from '../types';
import type { LeasedEvent } from './event-lease';
import { recordRefs } from './incident-updates';
import { METRICS } from './metric-names';
import type { ResponderDeps } from './ports';

export type Sent = { readonly destination: DestinationName } & (
  { readonly ok: true } | { readonly ok: false; readonly failure: DeliveryFailure }
);

/** Keeps a destination's result: its reference on the incident, then the destination on the event record. */
export async function recordResult(
  deps: ResponderDeps,
  lease: LeasedEvent,
  destination: DestinationName,
  results: readonly DeliveryResult[],
  known?: DestinationRef,
): Promise<Sent> {
  const result = results.find((r) => r.destination === destination);
  if (result === undefined) {
    return {
      destination,
      ok: false,
      failure: { destination, reason: 'the delivery layer returned no result', retries: 0 },
    };
  }
  if (result.status !== 'delivered') {
    return {
      destination,
      ok: false,
      failure: { destination, reason: result.reason ?? result.status, retries: result.retries },
    };
  }
  const changed = result.ref !== undefined && JSON.stringify(result.ref) !== JSON.stringify(known);
  if (changed) await recordRefs(deps, lease.record, { [destination]: result.ref });
  await lease.save((current) => ({
    delivered: current.delivered.includes(destination) ? current.delivered : [...current.delivered, destination],
  }));
  deps.metrics.count(METRICS.notificationsDelivered, { destination });
  return { destination, ok: true };
}
