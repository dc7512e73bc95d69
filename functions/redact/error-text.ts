/**
 * Error messages that leave (logs, records, the DLQ) never carry a URL's path or query: a Slack or
 * webhook URL is itself the credential, and HTTP clients echo it ("Failed to parse URL from
 * hooks.slack.com/services/..."). Only the origin stays, then the message is redacted as usual.
 */
import { REDACTED } from './markers';
import { redact } from './protect';

const URL_WITH_PATH = /\b([a-z][a-z0-9+.-]*:\/\/[^/\s?#"'<>]+)[/?#][^\s"'<>]*/gi;

/** `known` are values to hide wherever they appear, however they were written (the URL the caller used). */
export function safeErrorText(message: string, known: readonly string[] = []): string {
  let out = message;
  for (const value of known) {
    if (value.length >= 6) out = out.split(value).join(REDACTED);
  }
  return redact(out.replace(URL_WITH_PATH, `$1/${REDACTED}`));
}

/**
 * The same error with its message and stack made safe, for what Lambda reports (the DLQ record's
 * errorMessage and trace) and what is logged. The stack's first line repeats the message.
 */
export function safeError(error: unknown): unknown {
  if (!(error instanceof Error)) return typeof error === 'string' ? safeErrorText(error) : error;
  const message = safeErrorText(error.message);
  const stack = error.stack === undefined ? undefined : safeErrorText(error.stack);
  try {
    error.message = message;
    if (stack !== undefined) error.stack = stack;
    return error;
  } catch {
    const copy = new Error(message);
    copy.name = error.name;
    return copy;
  }
}
