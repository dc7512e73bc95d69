/**
 * The incident graph attached to the Jira issue: Jira Cloud REST v3
 * POST /rest/api/3/issue/{key}/attachments, multipart/form-data with the file in the part named
 * "file", and `X-Atlassian-Token: no-check` (without it Jira's XSRF check refuses the request).
 */
import type { FetchLike } from '../http';

export interface JiraAttachment {
  readonly site: string;
  readonly issueKey: string;
  readonly authorization: string;
  readonly filename: string;
  readonly png: Uint8Array;
}

/** Returns the attachment id Jira gave the file. Throws on any failure (the caller decides it is best effort). */
export async function attachToIssue(
  attachment: JiraAttachment,
  options: { readonly fetch?: FetchLike; readonly signal: AbortSignal },
): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([attachment.png], { type: 'image/png' }), attachment.filename);
  const url = `${attachment.site}/rest/api/3/issue/${encodeURIComponent(attachment.issueKey)}/attachments`;
  // fetch sets the multipart content-type with its boundary itself.
  const response = await (options.fetch ?? fetch)(url, {
    method: 'POST',
    headers: {
      authorization: attachment.authorization,
      accept: 'application/json',
      'x-atlassian-token': 'no-check',
      'user-agent': 'apigw-responder',
    },
    body: form,
    signal: options.signal,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`jira attachment: HTTP ${response.status}`);
  const created = JSON.parse(text) as unknown;
  const first: unknown = Array.isArray(created) ? created[0] : undefined;
  const id = first !== null && typeof first === 'object' ? (first as Record<string, unknown>)['id'] : undefined;
  if (typeof id !== 'string') throw new Error('jira attachment: no attachment id in the response');
  return id;
}
