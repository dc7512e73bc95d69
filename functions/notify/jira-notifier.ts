/**
 * Jira Cloud (REST v3). One issue per API/stage incident, found again by its dedupe label with a
 * JQL search (/rest/api/3/search/jql: the old /rest/api/3/search is gone); alarms joining the open
 * incident add nothing (the storm budget); OK comments and, when configured, applies the named
 * transition; a re-fire after the resolution comments and re-opens the same issue by a transition
 * (or, when the workflow offers none, opens a new issue linked to it, which the next OK resolves).
 * Every comment ends with the event's key and a resumed send looks for it before commenting.
 * The new issue gets the incident graph as an attachment (best effort, a recorded step).
 * Ref: { issueKey }.
 */
import type { DestinationRef, IncidentSummary, Notifier, SendContext } from '../types';
import type { JiraDestinationConfig } from '../runtime-config';
import type { AdfDoc } from './adf';
import { paragraph, text } from './adf';
import { DeliveryError, DestinationConfigError } from './errors';
import { noGraphJiraComment } from './graph/incident-graph';
import { attachToIssue } from './graph/jira-attachment';
import { jiraApi, jiraAuthorization, jiraIssuePath, jiraSiteUrl } from './jira-api';
import type { NotifierDeps } from './notifier-deps';
import { jiraIssueSummary, renderJira, renderJiraResolvedComment } from './render-jira';
import { stepsOf } from './step-log';

/** Labels every issue carries: the product label and one per incident. Labels cannot contain spaces. */
export const JIRA_PRODUCT_LABEL = 'apigw-responder';

export function jiraDedupeLabel(incidentId: string): string {
  return `apigw-responder-${incidentId.replace(/[^A-Za-z0-9_.-]+/g, '-')}`.slice(0, 255);
}

/** Open issues of the project with this incident's label, newest first. */
export function jiraDedupeJql(projectKey: string, incidentId: string): string {
  return `project = "${projectKey}" AND labels = "${jiraDedupeLabel(incidentId)}" AND statusCategory != Done ORDER BY created DESC`;
}

/** Transitions tried, in order, to re-open a resolved issue (Jira's default workflows name one of these). */
export const JIRA_REOPEN_TRANSITIONS = ['Reopen', 'Reopen Issue', 'Reopened', 'To Do', 'Open', 'In Progress'];

/** The line every comment ends with: how a retry recognises a comment it already made. */
export function jiraEventMarker(eventKey: string): string {
  return `apigw-responder event ${eventKey}`;
}

function withMarker(body: AdfDoc, context: SendContext | undefined): AdfDoc {
  if (context === undefined) return body;
  return { ...body, content: [...body.content, paragraph(text(jiraEventMarker(context.eventKey)))] };
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
  const site = jiraSiteUrl(config);
  const api = jiraApi(config, deps);

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

  /** Comments once per event: a resumed send first looks for the event's marker among the issue's comments. */
  async function comment(issueKey: string, body: AdfDoc, signal: AbortSignal, context?: SendContext): Promise<void> {
    const path = jiraIssuePath(issueKey, '/comment');
    if (context?.resumed === true) {
      const query = new URLSearchParams({ orderBy: '-created', maxResults: '100' });
      const listed = record(await api(`${path}?${query.toString()}`, signal));
      const comments = Array.isArray(listed.comments) ? listed.comments : [];
      const marker = jiraEventMarker(context.eventKey);
      if (comments.some((c) => JSON.stringify(record(c).body ?? '').includes(marker))) return;
    }
    await api(path, signal, { body: withMarker(body, context) });
  }

  /**
   * The incident graph PNG on the new issue, or a comment saying why there is none (never an empty
   * chart); best effort: the issue already holds the full detail.
   */
  async function attachGraph(
    summary: IncidentSummary,
    issueKey: string,
    signal: AbortSignal,
    context: SendContext | undefined,
  ): Promise<void> {
    if (deps.graph === undefined) return;
    try {
      const graph = await deps.graph(summary, signal);
      if (graph === undefined) return;
      if ('missing' in graph) {
        await comment(issueKey, noGraphJiraComment(graph.missing), signal, context);
        return;
      }
      const { png } = graph;
      const authorization = jiraAuthorization(await deps.secrets(config.secretId), config.secretId);
      const filename = `${summary.incidentId.replace(/[^A-Za-z0-9_.-]+/g, '-')}.png`;
      await attachToIssue({ site, issueKey, authorization, filename, png }, { signal, fetch: deps.fetch });
    } catch {
      // A missing graph never fails the delivery.
    }
  }

  async function listTransitions(issueKey: string, signal: AbortSignal): Promise<Transition[]> {
    const listed = record(await api(jiraIssuePath(issueKey, '/transitions'), signal));
    return (Array.isArray(listed.transitions) ? listed.transitions : []) as Transition[];
  }

  function findTransition(transitions: readonly Transition[], name: string): Transition | undefined {
    const wanted = name.toLowerCase();
    return (
      transitions.find((t) => t.name.toLowerCase() === wanted) ??
      transitions.find((t) => t.to?.name?.toLowerCase() === wanted)
    );
  }

  async function transition(issueKey: string, name: string, signal: AbortSignal): Promise<void> {
    const transitions = await listTransitions(issueKey, signal);
    const match = findTransition(transitions, name);
    if (match === undefined) {
      const available = transitions.map((t) => t.name).join(', ') || 'none';
      throw new DestinationConfigError(`jira ${issueKey}: no transition "${name}" (available: ${available})`);
    }
    const path = jiraIssuePath(issueKey, '/transitions');
    await api(path, signal, { transition: { id: match.id } });
  }

  /** Whether the issue is in a done status category (resolved, closed). */
  async function isDone(issueKey: string, signal: AbortSignal): Promise<boolean> {
    const issue = record(await api(jiraIssuePath(issueKey, '?fields=status'), signal));
    const status = record(record(issue.fields).status);
    return record(status.statusCategory).key === 'done';
  }

  /**
   * The incident fires again: the same issue is re-opened by a transition; when the workflow
   * offers none, a new issue linked to it is opened (and becomes the incident's ref, so the next
   * OK resolves it). Returns the issue that is open now.
   */
  async function reopen(summary: IncidentSummary, issueKey: string, signal: AbortSignal): Promise<string> {
    if (!(await isDone(issueKey, signal))) return issueKey;
    const transitions = await listTransitions(issueKey, signal);
    const match = JIRA_REOPEN_TRANSITIONS.map((n) => findTransition(transitions, n)).find((t) => t !== undefined);
    if (match !== undefined) {
      await api(jiraIssuePath(issueKey, '/transitions'), signal, {
        transition: { id: match.id },
      });
      return issueKey;
    }
    // An earlier attempt may have opened the linked issue already: it carries the incident's label.
    const existing = await findOpenIssue(summary, signal);
    if (existing !== undefined && existing !== issueKey) return existing;
    const created = await createIssue(summary, signal);
    await api('/rest/api/3/issueLink', signal, {
      type: { name: 'Relates' },
      inwardIssue: { key: created },
      outwardIssue: { key: issueKey },
    });
    return created;
  }

  async function send(
    summary: IncidentSummary,
    ref: DestinationRef | undefined,
    signal: AbortSignal,
    context?: SendContext,
  ): Promise<DestinationRef> {
    const step = stepsOf(context);
    if (summary.kind === 'resolved') {
      const issueKey = ref?.issueKey ?? (await findOpenIssue(summary, signal));
      // Nothing was ever opened for this incident (or it is already closed): nothing to resolve.
      if (issueKey === undefined) return ref ?? {};
      await step('resolve-comment', () => comment(issueKey, renderJiraResolvedComment(summary), signal, context));
      const resolveTransition = config.resolveTransition;
      if (resolveTransition !== undefined && resolveTransition !== '') {
        await step('resolve-transition', async () => {
          // A resumed send: the transition may have gone through before the attempt failed.
          if (context?.resumed === true && (await isDone(issueKey, signal))) return;
          await transition(issueKey, resolveTransition, signal);
        });
      }
      return { ...ref, issueKey };
    }
    const outcome = context?.outcome;
    // The storm budget: an alarm joining the open incident is already covered by its issue.
    if (outcome === 'join') return ref ?? {};
    if (outcome === 'reopen' && ref?.issueKey !== undefined) {
      // Not a recorded step: reopen() looks at the issue first, so repeating it changes nothing.
      const issueKey = await reopen(summary, ref.issueKey, signal);
      await step('reopen-comment', () => comment(issueKey, renderJira(summary), signal, context));
      return { ...ref, issueKey };
    }
    const openKey = ref?.issueKey ?? (await findOpenIssue(summary, signal));
    if (openKey !== undefined) {
      // The opening event finding its incident's issue: an earlier attempt created it (and may
      // have stopped before the graph: the step record says; without one, nothing is repeated).
      if (outcome === 'open') {
        if (context !== undefined) await step('graph', () => attachGraph(summary, openKey, signal, context));
        return { ...ref, issueKey: openKey };
      }
      await step('reply', () => comment(openKey, renderJira(summary), signal, context));
      return { ...ref, issueKey: openKey };
    }
    const created = await createIssue(summary, signal);
    await step('graph', () => attachGraph(summary, created, signal, context));
    return { issueKey: created };
  }

  return { name: 'jira', send };
}
