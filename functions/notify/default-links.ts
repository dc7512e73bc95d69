/** Console links every summary can carry even when remediation added none. */
import type { IncidentSummary, Link } from '../types';

/** What the default links are built from: already-redacted summary fields. */
type LinkSource = Pick<IncidentSummary, 'region' | 'alarmName' | 'api'>;

function consoleBase(region: string): string {
  return `https://${region}.console.aws.amazon.com`;
}

export function alarmLink(incident: LinkSource): Link {
  const base = consoleBase(incident.region);
  return {
    label: 'Alarm',
    url: `${base}/cloudwatch/home?region=${incident.region}#alarmsV2:alarm/${encodeURIComponent(incident.alarmName)}`,
  };
}

export function apiStageLink(incident: LinkSource): Link | undefined {
  const { api, region } = incident;
  if (api.id === undefined) return undefined;
  const base = consoleBase(region);
  const url =
    api.kind === 'REST'
      ? `${base}/apigateway/main/apis/${api.id}/stages?api=${api.id}&region=${region}`
      : `${base}/apigateway/main/develop/routes?api=${api.id}&region=${region}`;
  return { label: `API stage ${api.stage}`, url };
}

/** Remediation links first, then the defaults whose URL is not already there. */
export function withDefaultLinks(incident: LinkSource, links: readonly Link[]): Link[] {
  const defaults = [alarmLink(incident), apiStageLink(incident)].filter((l): l is Link => l !== undefined);
  const seen = new Set(links.map((l) => l.url));
  return [...links, ...defaults.filter((l) => !seen.has(l.url))];
}
