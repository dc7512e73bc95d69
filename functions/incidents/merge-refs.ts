import type { DestinationName, DestinationRef } from '../types';
import type { IncidentRecord } from './records';

/**
 * Records where the incident was posted. The first message's reference is kept; a later one
 * (a re-opened ticket's new linked issue, the resolution time) is merged into it, the thread
 * root (Slack ts) never replaced.
 */
export function mergeRefs(
  current: IncidentRecord,
  refs: Partial<Record<DestinationName, DestinationRef>>,
): IncidentRecord | undefined {
  const merged: Partial<Record<DestinationName, DestinationRef>> = { ...current.refs };
  let changed = false;
  for (const [name, ref] of Object.entries(refs) as [DestinationName, DestinationRef][]) {
    const before = current.refs[name];
    const after =
      before === undefined ? ref : { ...before, ...ref, ...(before['ts'] === undefined ? {} : { ts: before['ts'] }) };
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      merged[name] = after;
      changed = true;
    }
  }
  return changed ? { ...current, refs: merged, version: current.version + 1 } : undefined;
}
