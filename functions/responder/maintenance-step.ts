/**
 * The suppression point: after grouping (the incident and the event are recorded, the summary is
 * built and stored) and before delivery. A maintenance window active when the incident opened
 * narrows where its messages go for the incident's whole life: quiet drops the paging
 * destinations, silent drops all of them (an OK is then not posted where its ALARM never was).
 * Mutes (functions/suppression/mutes.ts) plug in at this same point.
 */
import type { EventRecord } from '../incidents/records';
import {
  activeMaintenanceWindow,
  destinationsDuring,
  type MaintenanceWindow,
} from '../suppression/maintenance-windows';
import type { DestinationName, Incident } from '../types';
import type { ResponderDeps } from './ports';

export interface Hold {
  readonly window: MaintenanceWindow;
  /** Where this event's message may still go (none: silent). */
  readonly destinations: readonly DestinationName[];
}

export async function maintenanceHold(
  deps: ResponderDeps,
  incident: Incident,
  record: EventRecord,
): Promise<Hold | undefined> {
  const windows = deps.maintenanceWindows ?? [];
  if (windows.length === 0) return undefined;
  const current = record.incidentKey === undefined ? undefined : await deps.store.getIncident(record.incidentKey);
  const openedAt =
    current !== undefined && current.incidentId === record.incidentId ? current.openedAt : incident.stateChangeTime;
  const window = activeMaintenanceWindow(windows, incident.api, openedAt);
  if (window === undefined) return undefined;
  const destinations = destinationsDuring(window, deps.destinations);
  deps.log.info('maintenance window: posted ' + (destinations.length === 0 ? 'nowhere' : 'quietly'), {
    window: window.name,
    mode: window.mode,
    incidentId: record.incidentId,
    openedAt,
    destinations,
  });
  return { window, destinations };
}
