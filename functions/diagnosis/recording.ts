/**
 * Record and replay of every AWS call of a diagnosis. The recorder keeps each call's operation,
 * input and raw HTTP response (status, content type, body) with every string in the body redacted
 * and no request headers at all, so no credential or secret is saved. The replayer answers each
 * call from the file without touching the network: probes and deserializers run as they did live.
 */
import type { Pluggable } from '@smithy/types';
import { redact, redactDeep } from '../redact';
import type { Incident } from '../types';
import { operationName } from './call-scope';

export const RECORDING_VERSION = 1 as const;

export interface RecordedResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly bodyEncoding: 'utf8' | 'base64';
}

export interface RecordedCall {
  readonly operation: string;
  /** Canonical JSON of the command input: the matching key on replay. */
  readonly input: unknown;
  readonly response?: RecordedResponse;
  /** A call that failed before any response (network error, timeout). */
  readonly error?: { readonly name: string; readonly message: string };
}

/** A recorded call whose response is read from the file only when the replay asks for it. */
export interface IndexedCall {
  readonly operation: string;
  readonly input: unknown;
  load(): RecordedCall;
}

export interface Recording {
  readonly version: typeof RECORDING_VERSION;
  readonly recordedAt: string;
  readonly incident: Incident;
  /** Options of the run that matter on replay (e.g. which probes ran). */
  readonly options?: { readonly probes?: readonly string[]; readonly activeHealthCheck?: boolean };
  readonly calls: readonly RecordedCall[];
}

/** Response headers worth keeping: what the deserializers read. Everything else is dropped. */
const KEPT_HEADERS = new Set(['content-type', 'x-amzn-errortype', 'x-amzn-query-error']);

/** Stable JSON: sorted keys, Dates as ISO strings, binary as base64, undefined dropped. */
export function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined && typeof v !== 'function') out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

function keyOf(operation: string, input: unknown): string {
  return `${operation} ${JSON.stringify(canonical(input))}`;
}

/** Secret-bearing members of AWS responses, hidden whole (Lambda environment, stage variables). */
const SECRET_MEMBERS = new Set(['Environment', 'Variables', 'variables', 'StageVariables', 'stageVariables']);

/** Lambda environments and stage variables hidden whole, at any depth. */
function dropSecretMembers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropSecretMembers);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] =
        SECRET_MEMBERS.has(key) && v !== null && typeof v === 'object' && !Array.isArray(v)
          ? Object.fromEntries(Object.keys(v as object).map((k) => [k, key === 'Environment' ? {} : '[REDACTED]']))
          : dropSecretMembers(v);
    }
    return out;
  }
  return value;
}

/**
 * A recording is a file that leaves the CLI: secrets and personal data are hidden (key names,
 * shapes, structures inside log messages) by `redact`/`redactDeep`, which leave bodies and client
 * IPs as the probes see them, so a replay gives the live run's findings exactly; wherever those
 * findings are shown, the boundary describes the bodies and masks the IPs.
 */
function redactResponse(value: unknown): unknown {
  return redactDeep(dropSecretMembers(value));
}

/** Redacts a response body: JSON structurally (so it stays valid), anything else as text. */
export function redactBody(body: string, contentType: string | undefined): string {
  const trimmed = body.trimStart();
  if (/json/i.test(contentType ?? '') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(redactResponse(JSON.parse(body)));
    } catch {
      // not JSON after all
    }
  }
  return redact(body);
}

async function bodyBytes(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array();
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

interface HttpLikeResponse {
  statusCode: number;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * Collects the calls of a run; `recording(incident)` gives the file content. With a `sink` (the
 * CLI's file writer) each call goes there as it completes and nothing is kept in memory.
 */
export class CallRecorder {
  readonly calls: RecordedCall[] = [];

  constructor(private readonly sink?: (call: RecordedCall) => void) {}

  private keep(call: RecordedCall): void {
    if (this.sink === undefined) this.calls.push(call);
    else this.sink(call);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  plugin(): Pluggable<any, any> {
    return {
      applyToStack: (stack) => {
        stack.add(
          (next, context) => async (args) => {
            const operation = operationName(context.clientName, context.commandName);
            const input: unknown = canonical(args.input);
            let result: Awaited<ReturnType<typeof next>>;
            try {
              result = await next(args);
            } catch (error) {
              const e = error instanceof Error ? error : new Error(String(error));
              this.keep({
                operation,
                input,
                error: { name: e.name, message: redact(e.message) },
              });
              throw error;
            }
            const response = result.response as HttpLikeResponse;
            const bytes = await bodyBytes(response.body);
            // The deserializer reads the body after us: hand it the bytes we consumed.
            response.body = bytes;
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(response.headers ?? {})) {
              if (KEPT_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
            }
            const text = isUtf8(bytes);
            this.keep({
              operation,
              input,
              response: {
                statusCode: response.statusCode,
                headers,
                body: text
                  ? redactBody(Buffer.from(bytes).toString('utf8'), headers['content-type'])
                  : Buffer.from(bytes).toString('base64'),
                bodyEncoding: text ? 'utf8' : 'base64',
              },
            });
            return result;
          },
          { step: 'deserialize', name: 'apigwResponderRecorder', priority: 'low', override: true },
        );
      },
    };
  }

  recording(incident: Incident, options?: Recording['options']): Recording {
    return {
      version: RECORDING_VERSION,
      recordedAt: new Date().toISOString(),
      incident,
      ...(options === undefined ? {} : { options }),
      calls: this.calls,
    };
  }
}

export class ReplayMissError extends Error {
  override readonly name = 'ReplayMissError';
}

/** Answers every call from a recording; a call that was not recorded fails with ReplayMissError. */
export class CallReplayer {
  private readonly queues = new Map<string, (RecordedCall | IndexedCall)[]>();

  /** `indexed`: calls read from a file on demand (see recording-file.ts). */
  constructor(recording: Recording & { readonly indexed?: readonly IndexedCall[] }) {
    if (recording.version !== RECORDING_VERSION) {
      throw new Error(`unsupported recording version ${String(recording.version)}`);
    }
    for (const call of [...recording.calls, ...(recording.indexed ?? [])]) {
      const key = keyOf(call.operation, call.input);
      const queue = this.queues.get(key) ?? [];
      queue.push(call);
      this.queues.set(key, queue);
    }
  }

  private take(key: string): RecordedCall | undefined {
    const queue = this.queues.get(key);
    if (queue === undefined || queue.length === 0) return undefined;
    // The last answer repeats, so an extra retry on replay sees what the recording saw.
    const call = queue.length > 1 ? queue.shift() : queue[0];
    return call !== undefined && 'load' in call ? call.load() : call;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  plugin(): Pluggable<any, any> {
    return {
      applyToStack: (stack) => {
        stack.add(
          (_next, context) => (args) => {
            const operation = operationName(context.clientName, context.commandName);
            const call = this.take(keyOf(operation, args.input));
            if (call === undefined) {
              return Promise.reject(new ReplayMissError(`no recorded response for ${operation}`));
            }
            if (call.response === undefined) {
              const error = new Error(call.error?.message ?? 'recorded failure');
              error.name = call.error?.name ?? 'Error';
              return Promise.reject(error);
            }
            const { statusCode, headers, body, bodyEncoding } = call.response;
            const response = {
              statusCode,
              headers: { ...headers },
              body: new Uint8Array(Buffer.from(body, bodyEncoding === 'base64' ? 'base64' : 'utf8')),
            };
            // The deserializer below parses `response`; the output is filled in by it.
            // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment
            return Promise.resolve({ response: response as any, output: undefined as any });
          },
          { step: 'deserialize', name: 'apigwResponderReplayer', priority: 'low', override: true },
        );
      },
    };
  }
}

/** Adds a fixed latency to every AWS call (benchmarks): `latencyFor(operation)` in ms. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function latencyPlugin(latencyFor: (operation: string) => number): Pluggable<any, any> {
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => async (args) => {
          const ms = latencyFor(operationName(context.clientName, context.commandName));
          if (ms > 0) await new Promise((r) => setTimeout(r, ms));
          return next(args);
        },
        { step: 'deserialize', name: 'apigwResponderLatency', priority: 'low', override: true },
      );
    },
  };
}

/** Rejects every call (replay's safety net: a replayed run has no network at all). */
export const NO_NETWORK_HANDLER = {
  handle(): Promise<never> {
    return Promise.reject(new Error('network disabled: replay answers every call from the recording'));
  },
  updateHttpClientConfig(): void {},
  httpHandlerConfigs(): Record<string, never> {
    return {};
  },
};
