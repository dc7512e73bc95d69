/** What a mute applies to: one API stage in one account and region (REST by name, HTTP by id, as alarms name them). */
import type { ApiRef } from '../types';

export interface MuteScope {
  readonly region: string;
  readonly accountId: string;
  readonly api: ApiRef;
}

export function muteKeyOf(scope: MuteScope): string {
  const { api } = scope;
  const apiPart = api.kind === 'REST' ? (api.name ?? api.id ?? '') : (api.id ?? api.name ?? '');
  return `MUTE#${scope.region}#${scope.accountId}#${api.kind}#${apiPart}#${api.stage}`;
}
