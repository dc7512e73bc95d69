/**
 * The Jira Cloud REST v3 stand-in: creates, finds (search/jql; the removed /search answers 410 as
 * in Jira Cloud), reads, links, comments on, attaches to and transitions issues, keeping their state.
 */
import { jiraAttachment } from './fake-jira-attachments';
import type { FakeRequest, Reply } from './fake-http';
import { obj, str } from './fake-http';

export interface JiraIssueState {
  readonly key: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly labels: readonly string[];
  readonly status: string;
  readonly comments: readonly unknown[];
  /** Keys of the issues linked to this one (POST /rest/api/3/issueLink). */
  readonly links: readonly string[];
  /** File names attached (POST /rest/api/3/issue/{key}/attachments). */
  readonly attachments: readonly string[];
}

export interface FakeJiraOptions {
  /** Authorization header value Jira accepts; any when undefined. */
  readonly authorization?: string;
  /** Transitions offered for every issue. @default To Do, In Progress, Done */
  readonly transitions?: readonly { readonly id: string; readonly name: string }[];
}

export interface FakeJira {
  handle(request: FakeRequest): Reply;
  issues(): JiraIssueState[];
  reset(): void;
}

const DEFAULT_TRANSITIONS = [
  { id: '11', name: 'To Do' },
  { id: '21', name: 'In Progress' },
  { id: '31', name: 'Done' },
] as const;

interface MutableIssue {
  key: string;
  fields: Record<string, unknown>;
  labels: string[];
  status: string;
  comments: unknown[];
  links: string[];
  attachments: string[];
}

export function createFakeJira(options: FakeJiraOptions = {}): FakeJira {
  const transitions = options.transitions ?? DEFAULT_TRANSITIONS;
  let issues: MutableIssue[] = [];

  function handle({ method, path, query, headers, body, rawBody }: FakeRequest): Reply {
    if (options.authorization !== undefined && headers.authorization !== options.authorization) {
      return { status: 401, body: { errorMessages: ['You do not have permission to access this resource.'] } };
    }
    const route = path.replace(/^\/jira/, '');
    if (method === 'GET' && route === '/rest/api/3/search') {
      return {
        status: 410,
        body: {
          errorMessages: ['The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.'],
        },
      };
    }
    if (method === 'GET' && route === '/rest/api/3/search/jql') {
      const jql = query.jql ?? '';
      const label = /labels\s*=\s*"([^"]+)"/.exec(jql)?.[1];
      const openOnly = /statusCategory\s*!=\s*Done/i.test(jql);
      const found = issues
        .filter((i) => label === undefined || i.labels.includes(label))
        .filter((i) => !openOnly || i.status !== 'Done')
        .reverse()
        .slice(0, Number(query.maxResults ?? '50'));
      return {
        status: 200,
        body: {
          issues: found.map((i) => ({ id: i.key, key: i.key, fields: { status: { name: i.status } } })),
          isLast: true,
        },
      };
    }
    if (method === 'POST' && route === '/rest/api/3/issue') {
      const fields = obj(obj(body).fields);
      const project = str(obj(fields.project).key);
      if (project === undefined || str(fields.summary) === undefined)
        return { status: 400, body: { errors: { summary: 'required' } } };
      const key = `${project}-${issues.length + 1}`;
      const labels = Array.isArray(fields.labels)
        ? fields.labels.filter((l): l is string => typeof l === 'string')
        : [];
      issues.push({ key, fields, labels, status: 'To Do', comments: [], links: [], attachments: [] });
      return { status: 201, body: { id: String(10000 + issues.length), key, self: `/rest/api/3/issue/${key}` } };
    }
    if (method === 'POST' && route === '/rest/api/3/issueLink') {
      const link = obj(body);
      const inward = issues.find((i) => i.key === str(obj(link.inwardIssue).key));
      const outward = issues.find((i) => i.key === str(obj(link.outwardIssue).key));
      if (inward === undefined || outward === undefined)
        return { status: 404, body: { errorMessages: ['Issue does not exist'] } };
      inward.links.push(outward.key);
      outward.links.push(inward.key);
      return { status: 201 };
    }
    const single = /^\/rest\/api\/3\/issue\/([^/]+)$/.exec(route);
    if (single !== null && method === 'GET') {
      const found = issues.find((i) => i.key === decodeURIComponent(single[1] ?? ''));
      if (found === undefined) return { status: 404, body: { errorMessages: ['Issue does not exist'] } };
      const category = found.status === 'Done' ? 'done' : found.status === 'To Do' ? 'new' : 'indeterminate';
      return {
        status: 200,
        body: { key: found.key, fields: { status: { name: found.status, statusCategory: { key: category } } } },
      };
    }
    const match = /^\/rest\/api\/3\/issue\/([^/]+)\/(comment|transitions|attachments)$/.exec(route);
    const issue = issues.find((i) => i.key === decodeURIComponent(match?.[1] ?? ''));
    if (match === null || issue === undefined)
      return { status: 404, body: { errorMessages: ['Issue does not exist'] } };
    if (match[2] === 'attachments' && method === 'POST') {
      const attached = jiraAttachment(headers, rawBody);
      issue.attachments.push(...attached.filenames);
      return { status: attached.status, body: attached.body };
    }
    if (match[2] === 'comment' && method === 'GET') {
      const comments = issue.comments.map((c, i) => ({ id: String(i + 1), body: c }));
      return { status: 200, body: { comments: comments.reverse(), total: comments.length } };
    }
    if (match[2] === 'comment' && method === 'POST') {
      issue.comments.push(obj(body).body);
      return { status: 201, body: { id: String(issue.comments.length) } };
    }
    if (match[2] === 'transitions' && method === 'GET') {
      return { status: 200, body: { transitions: transitions.map((t) => ({ ...t, to: { name: t.name } })) } };
    }
    if (match[2] === 'transitions' && method === 'POST') {
      const id = str(obj(obj(body).transition).id);
      const transition = transitions.find((t) => t.id === id);
      if (transition === undefined) return { status: 400, body: { errorMessages: ['Transition id is not valid'] } };
      issue.status = transition.name;
      return { status: 204 };
    }
    return { status: 405 };
  }

  return {
    handle,
    issues: () =>
      issues.map((i) => ({
        ...i,
        labels: [...i.labels],
        comments: [...i.comments],
        links: [...i.links],
        attachments: [...i.attachments],
      })),
    reset: () => {
      issues = [];
    },
  };
}
