/**
 * Slack's external upload flow (files.upload is retired): files.getUploadURLExternal with the
 * file's name and length → POST the bytes to the returned upload_url → files.completeUploadExternal
 * with the file id, the channel and the thread's parent ts, which shares it as a thread reply.
 */
import type { FetchLike } from '../http';

export type SlackCall = (method: string, body: Record<string, unknown>) => Promise<Record<string, unknown>>;

export interface ThreadUpload {
  readonly channel: string;
  /** The parent's ts (Slack: never a reply's). */
  readonly threadTs: string;
  readonly filename: string;
  readonly title: string;
  readonly png: Uint8Array;
}

export async function uploadToThread(
  call: SlackCall,
  upload: ThreadUpload,
  options: { readonly fetch?: FetchLike; readonly signal: AbortSignal },
): Promise<string> {
  const started = await call('files.getUploadURLExternal', {
    filename: upload.filename,
    length: upload.png.byteLength,
  });
  const url = started['upload_url'];
  const fileId = started['file_id'];
  if (typeof url !== 'string' || typeof fileId !== 'string')
    throw new Error('slack files.getUploadURLExternal: no upload_url/file_id in the response');
  const response = await (options.fetch ?? fetch)(url, {
    method: 'POST',
    headers: { 'content-type': 'image/png' },
    body: upload.png,
    signal: options.signal,
  });
  await response.text();
  if (!response.ok) throw new Error(`slack upload: HTTP ${response.status}`);
  await call('files.completeUploadExternal', {
    files: [{ id: fileId, title: upload.title }],
    channel_id: upload.channel,
    thread_ts: upload.threadTs,
  });
  return fileId;
}
