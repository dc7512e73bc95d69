/**
 * The Jira stand-in's POST /rest/api/3/issue/{key}/attachments, checked as Jira Cloud documents it:
 * the request needs `X-Atlassian-Token: no-check` (else Jira's XSRF check refuses it with 403),
 * must be multipart/form-data, and the file goes in the part named "file". Answers 200 with the
 * list of attachments created, like Jira.
 */

export interface AttachmentReply {
  readonly status: number;
  readonly body: unknown;
  /** The file names accepted (to add to the issue). */
  readonly filenames: readonly string[];
}

interface Part {
  readonly name?: string;
  readonly filename?: string;
  readonly contentType?: string;
  readonly size: number;
}

function partsOf(rawBody: string, boundary: string): Part[] {
  return rawBody
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .map((chunk) => {
      const split = chunk.indexOf('\r\n\r\n');
      const head = split < 0 ? chunk : chunk.slice(0, split);
      const disposition = /content-disposition:([^\r\n]*)/i.exec(head)?.[1] ?? '';
      return {
        name: /\bname="([^"]*)"/.exec(disposition)?.[1],
        filename: /\bfilename="([^"]*)"/.exec(disposition)?.[1],
        contentType: /content-type:\s*([^\r\n;]*)/i.exec(head)?.[1]?.trim(),
        size: split < 0 ? 0 : Buffer.byteLength(chunk.slice(split + 4).replace(/\r\n$/, ''), 'utf8'),
      };
    });
}

export function jiraAttachment(headers: Readonly<Record<string, string>>, rawBody: string): AttachmentReply {
  if (headers['x-atlassian-token'] !== 'no-check')
    return { status: 403, body: { message: 'XSRF check failed' }, filenames: [] };
  const boundary = /multipart\/form-data;\s*boundary=("?)([^";]+)\1/i.exec(headers['content-type'] ?? '')?.[2];
  if (boundary === undefined)
    return { status: 415, body: { errorMessages: ['Unsupported Media Type'] }, filenames: [] };
  const files = partsOf(rawBody, boundary).filter((p) => p.name === 'file' && p.filename !== undefined);
  if (files.length === 0) return { status: 400, body: { errorMessages: ['No file part named "file"'] }, filenames: [] };
  return {
    status: 200,
    body: files.map((f, i) => ({
      id: String(10_000 + i),
      filename: f.filename,
      mimeType: f.contentType ?? 'application/octet-stream',
      size: f.size,
    })),
    filenames: files.map((f) => f.filename ?? ''),
  };
}
