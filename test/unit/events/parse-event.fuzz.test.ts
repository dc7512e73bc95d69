import fc from 'fast-check';
import { AlarmEventError } from '../../../functions/events/errors';
import { parseAlarmEvent, parseAlarmEvents } from '../../../functions/events/parse-event';
import {
  alarmMessage,
  corpusFiles,
  eventBridgeEvent,
  lambdaActionEvent,
  readCorpus,
  snsEnvelope,
  snsLambdaEvent,
} from './fixtures';

type Path = readonly (string | number)[];

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (typeof value !== 'object' || value === null) return out;
  for (const [key, child] of Object.entries(value)) {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    out.push(path);
    pathsOf(child, path, out);
  }
  return out;
}

type Edit = { readonly pick: number; readonly value: unknown; readonly remove: boolean };

function applyEdits(base: unknown, edits: readonly Edit[]): unknown {
  const copy = structuredClone(base);
  for (const edit of edits) {
    const paths = pathsOf(copy);
    if (paths.length === 0) return copy;
    const path = paths[edit.pick % paths.length]!;
    let parent = copy as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (edit.remove) delete parent[last];
    else parent[last] = edit.value;
  }
  return copy;
}

/** Decoded alarm messages, in every shape, so edits reach inside the JSON-string `Message`. */
const bases: unknown[] = [
  alarmMessage(),
  alarmMessage({ signal: '5xx-rate' }),
  alarmMessage({ signal: 'p99-integration-latency', kind: 'HTTP', api: 'a1b2c3d4e5' }),
  eventBridgeEvent(),
  lambdaActionEvent(),
  ...corpusFiles().map((file) => {
    const event = readCorpus(file) as { Records?: { Sns: { Message: string } }[]; Message?: string };
    const message = event.Records?.[0]?.Sns.Message ?? event.Message;
    return message === undefined ? event : (JSON.parse(message) as unknown);
  }),
];

const wrappers: readonly ((message: unknown) => unknown)[] = [
  (m) => m,
  (m) => snsLambdaEvent(m),
  (m) => snsEnvelope(m),
  (m) => JSON.stringify(snsEnvelope(m)),
  (m) => ({ Records: [{ eventSource: 'aws:sqs', messageId: '1', body: JSON.stringify(m) }] }),
];

function assertContract(event: unknown): void {
  const outcomes = parseAlarmEvents(event);
  expect(outcomes.length).toBeGreaterThan(0);
  for (const outcome of outcomes) {
    if (!outcome.ok) expect(outcome.error).toBeInstanceOf(AlarmEventError);
  }
  try {
    parseAlarmEvent(event);
  } catch (error) {
    expect(error).toBeInstanceOf(AlarmEventError);
  }
}

const edit = fc.record({ pick: fc.nat(), value: fc.anything({ maxDepth: 2 }), remove: fc.boolean() });

describe('parser fuzzing: it never throws anything but its own typed error', () => {
  it('on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => assertContract(value)),
      { numRuns: 400 },
    );
  });

  it('on arbitrary strings and JSON texts', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'binary' })), (text) => assertContract(text)),
      {
        numRuns: 400,
      },
    );
  });

  it('on arbitrary messages inside a well-formed SNS event', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (message) => assertContract(snsLambdaEvent(message))),
      {
        numRuns: 300,
      },
    );
  });

  it('on real notifications with random fields changed or removed, in every delivery shape', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...bases),
        fc.constantFrom(...wrappers),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        (base, wrap, edits) => assertContract(wrap(applyEdits(base, edits))),
      ),
      { numRuns: 1500 },
    );
  });

  it('on deeply nested and oversized inputs', () => {
    let deep: unknown = alarmMessage();
    for (let i = 0; i < 300; i++)
      deep = { Message: JSON.stringify(deep).slice(0, 10), Type: 'Notification', inner: deep };
    assertContract(deep);
    assertContract({ Records: Array.from({ length: 100 }, () => ({ EventSource: 'aws:sns' })) });
    assertContract(snsLambdaEvent({ ...alarmMessage(), AlarmName: 'x'.repeat(200_000) }));
  });
});
