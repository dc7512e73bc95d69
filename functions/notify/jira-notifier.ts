/**
 * Jira Cloud (REST v3). One issue per API/stage incident, found again by its dedupe label with a
 * JQL search (/rest/api/3/search/jql: the old /rest/api/3/search is gone); later alarms comment;
 * OK comments and, when configured, applies the named transition. Ref: { issueKey }.
 */
import type { DestinationRef, IncidentSummary, Notifier } from '../types';
import type { JiraDestinationConfig } from '../runtime-config';
import type { AdfDoc } from './adf';
import { DeliveryError, DestinationConfigError } from './errors';
import { httpRequest } from './http';
import type { NotifierDeps } from './notifier-deps';
import { jiraIssueSummary, renderJira, renderJiraResolvedComment } from './render-jira';
import { secretObject } from './secrets';
import { createStepLog } from './step-log';

/** Labels every issue carries: the product label and one per incident. Labels cannot contain spaces. */
export const JIRA_PRODUCT_LABEL = 'apigw-responder';

export function jiraDedupeLabel(incidentId: string): string {
  return `apigw-responder-${incidentId.replace(/[^A-Za-z0-9_.-]+/g, '-')}`.slice(0, 255);
}

/** Open issues of the project with this incident's label, newest first. */
export function jiraDedupeJql(projectKey: string, incidentId: string): string {
  return `project = "${projectKey}" AND labels = "${jiraDedupeLabel(incidentId)}" AND statusCategory != Done ORDER BY created DESC`;
}

export function jiraAuthorization(raw: string, secretId: string): string {
  const secret = secretObject(raw, secretId);
  if (secret.bearerToken !== undefined) return `Bearer ${secret.bearerToken}`;
  if (secret.email !== undefined && secret.apiToken !== undefined) {
    return `Basic ${Buffer.from(`${secret.email}:${secret.apiToken}`).toString('base64')}`;
  }
  throw new DestinationConfigError(`secret ${secretId} needs {"email","apiToken"} or {"bearerToken"}`);
}

interface Transition {
  readonly id: string;
  readonly name: string;
  readonly to?: { readonly name?: string };
}

function record(value: unknown): Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

export function createJiraNotifier(config: JiraDestinationConfig, deps: NotifierDeps): Notifier {
  const site = config.site.replace(/\/+$/, '');
  const steps = createStepLog();

  async function api(path: string, signal: AbortSignal, body?: unknown): Promise<unknown> {
    const authorization = jiraAuthorization(await deps.secrets(config.secretId), config.secretId);
    const response = await httpRequest({
      url: `${site}${path}`,
      headers: { authorization, accept: 'application/json' },
      body,
      signal,
      fetch: deps.fetch,
    });
    return response.json;
  }

  async function findOpenIssue(summary: IncidentSummary, signal: AbortSignal): Promise<string | undefined> {
    const query = new URLSearchParams({
      jql: jiraDedupeJql(config.projectKey, summary.incidentId),
      maxResults: '1',
      fields: 'status',
    });
    const result = record(await api(`/rest/api/3/search/jql?${query.toString()}`, signal));
    const issues = Array.isArray(result.issues) ? result.issues : [];
    const key = record(issues[0]).key;
    return typeof key === 'string' ? key : undefined;
  }

  async function createIssue(summary: IncidentSummary, signal: AbortSignal): Promise<string> {
    const created = record(
      await api('/rest/api/3/issue', signal, {
        fields: {
          project: { key: config.projectKey },
          issuetype: { name: config.issueType === '' ? 'Bug' : config.issueType },
          summary: jiraIssueSummary(summary),
          description: renderJira(summary),
          labels: [JIRA_PRODUCT_LABEL, jiraDedupeLabel(summary.incidentId)],
        },
      }),
    );
    if (typeof created.key !== 'string')
      throw new DeliveryError('jira create issue: no key in the response', { retryable: false });
    return created.key;
  }

  async function comment(issueKey: string, body: AdfDoc, signal: AbortSignal): Promise<void> {
    await api(`/rest/api/3/issue/${encodeURIComponent(issueKey)}/comment`, signal, { body });
  }

  async function transition(issueKey: string, name: string, signal: AbortSignal): Promise<void> {
    const path = `/rest/api/3/issue/${encodeURIComponent(issueKey)}/transitions`;
    const listed = record(await api(path, signal));
    const transitions = (Array.isArray(listed.transitions) ? listed.transitions : []) as Transition[];
    const wanted = name.toLowerCase();
    const match =
      transitions.find((t) => t.name.toLowerCase() === wanted) ??
      transitions.find((t) => t.to?.name?.toLowerCase() === wanted);
    if (match === undefined) {
      const available = transitions.map((t) => t.name).join(', ') || 'none';
      throw new DestinationConfigError(`jira ${issueKey}: no transition "${name}" (available: ${available})`);
    }
    await api(path, signal, { transition: { id: match.id } });
  }

  async function send(
    summary: IncidentSummary,
    ref: DestinationRef | undefined,
    signal: AbortSignal,
  ): Promise<DestinationRef> {
    if (summary.kind === 'resolved') {
      const issueKey = ref?.issueKey ?? (await findOpenIssue(summary, signal));
      // Nothing was ever opened for this incident (or it is already closed): nothing to resolve.
      if (issueKey === undefined) return ref ?? {};
      return steps.within(summary, async (step) => {
        await step('resolved-comment', () => comment(issueKey, renderJiraResolvedComment(summary), signal));
        if (config.resolveTransition !== undefined && config.resolveTransition !== '') {
          await transition(issueKey, config.resolveTransition, signal);
        }
        return { ...ref, issueKey };
      });
    }
    const openKey = await findOpenIssue(summary, signal);
    if (openKey !== undefined) {
      await comment(openKey, renderJira(summary), signal);
      return { ...ref, issueKey: openKey };
    }
    return { issueKey: await createIssue(summary, signal) };
  }

  return { name: 'jira', send };
}
