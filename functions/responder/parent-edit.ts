/**
 * The storm budget: an alarm joining an open incident edits the parent message ("also firing")
 * instead of replying. Edits of one incident are spaced by a slot reserved in the store, and
 * coalesced: an edit rendered from a read made after this event was grouped already shows it, so
 * this one sends nothing.
 */
import type { IncidentSummary } from '../types';
import type { LeasedEvent } from './event-lease';
import type { Sent } from './record-result';
import { recordResult } from './record-result';
import { updateIncident } from './incident-updates';
import type { InvocationContext } from './invocation';
import { METRICS } from './metric-names';
import type { DestinationRefs, ResponderDeps } from './ports';
import { sendContextFor } from './send-context';
import { parentFrom } from './summary-step';

export async function editParentPaced(
  deps: ResponderDeps,
  lease: LeasedEvent,
  summary: IncidentSummary,
  refs: DestinationRefs,
  ctx: InvocationContext,
): Promise<Sent> {
  const { store, settings, log } = deps;
  const record = lease.record;
  const key = record.incidentKey!;
  const incidentId = record.incidentId!;
  const now = deps.now();
  const slot = await store.reserveSlot(`edit#${incidentId}`, now, settings.parentEditIntervalMs);
  const wait = Math.min(slot - now, ctx.deadline - settings.notifyReserveMs / 2 - now);
  if (wait > 0) await deps.sleep(wait);
  // One read serves both the coalescing check and the parent's content.
  const readAtMs = deps.now();
  const current = await store.getIncident(key);
  const covered =
    current?.parentEditedAtMs !== undefined && current.parentEditedAtMs >= (record.groupedAtMs ?? Infinity);
  const found = covered ? undefined : await parentFrom(deps, current, incidentId, readAtMs);
  if (found === undefined) {
    if (covered) deps.metrics.count(METRICS.parentEditsCoalesced);
    else log.warn('the opening summary is gone: the parent message is left as it is', { incidentId });
    return recordResult(deps, lease, 'slack', [{ destination: 'slack', status: 'delivered', retries: 0 }]);
  }
  const results = await deps.deliver(summary, refs, {
    deadline: ctx.deadline,
    only: ['slack'],
    context: (d) => sendContextFor(lease, d, found.parent),
  });
  const sent = await recordResult(deps, lease, 'slack', results, refs.slack);
  if (sent.ok) {
    await updateIncident(deps, key, (incident) =>
      incident === undefined || incident.incidentId !== incidentId || (incident.parentEditedAtMs ?? 0) >= found.readAtMs
        ? { next: undefined }
        : { next: { ...incident, parentEditedAtMs: found.readAtMs, version: incident.version + 1 } },
    );
  }
  return sent;
}
