/**
 * A recording on disk, written and read one call at a time so neither a recorded run nor its
 * replay holds every response body in memory (a 100,000-line run records ~18 pages of several MB).
 *
 * The file is still one JSON document (`Recording`), laid out one call per line:
 *   {"version":1,...,"calls":[
 *   {call}
 *   ,{call}
 *   ]}
 * The replay reads the header and indexes the calls (operation, input, where the line is) and
 * parses a call's line only when the diagnosis asks for it. Any other layout (older, pretty
 * printed recordings) is read whole.
 */
import { closeSync, openSync, readFileSync, readSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import type { IndexedCall, RecordedCall, Recording } from './recording';

/** Streams recorded calls to `<path>.partial`; `finish` writes the document to `path`. */
export class RecordingFileWriter {
  private readonly partial: string;
  private readonly fd: number;
  private count = 0;

  /** A run that ends without `finish` (an error) leaves no half-written file behind. */
  private readonly discard = (): void => {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.partial, { force: true });
  };

  constructor(private readonly path: string) {
    this.partial = `${path}.partial`;
    this.fd = openSync(this.partial, 'w');
    process.once('exit', this.discard);
  }

  get calls(): number {
    return this.count;
  }

  write(call: RecordedCall): void {
    writeSync(this.fd, `${this.count === 0 ? '' : ','}${JSON.stringify(call)}\n`);
    this.count += 1;
  }

  /** Header first, then the calls copied in 1 MB chunks; the partial file is removed. */
  finish(header: Omit<Recording, 'calls'>): void {
    process.removeListener('exit', this.discard);
    closeSync(this.fd);
    const tmp = `${this.path}.writing`;
    const out = openSync(tmp, 'w');
    const input = openSync(this.partial, 'r');
    try {
      writeSync(out, `${JSON.stringify(header).replace(/\}$/, '')},"calls":[\n`);
      const chunk = Buffer.alloc(1 << 20);
      for (let n = readSync(input, chunk); n > 0; n = readSync(input, chunk)) writeSync(out, chunk, 0, n);
      writeSync(out, ']}\n');
    } finally {
      closeSync(input);
      closeSync(out);
    }
    renameSync(tmp, this.path);
    unlinkSync(this.partial);
  }
}

const HEADER = /^\{.*,"calls":\[$/;

/** Each line of `fd` with its byte offset, read in 1 MB chunks (a line may span many). */
function* linesOf(fd: number): Generator<{ text: Buffer; offset: number }> {
  const chunk = Buffer.alloc(1 << 20);
  let parts: Buffer[] = [];
  let lineStart = 0;
  let position = 0;
  for (
    let n = readSync(fd, chunk, 0, chunk.length, position);
    n > 0;
    n = readSync(fd, chunk, 0, chunk.length, position)
  ) {
    let from = 0;
    for (let nl = chunk.indexOf(10, from); nl !== -1 && nl < n; nl = chunk.indexOf(10, from)) {
      parts.push(Buffer.from(chunk.subarray(from, nl)));
      yield { text: Buffer.concat(parts), offset: lineStart };
      parts = [];
      from = nl + 1;
      lineStart = position + from;
    }
    parts.push(Buffer.from(chunk.subarray(from, n)));
    position += n;
  }
  if (parts.length > 0) yield { text: Buffer.concat(parts), offset: lineStart };
}

function parseCallLine(text: string): RecordedCall {
  return JSON.parse(text.startsWith(',') ? text.slice(1) : text) as RecordedCall;
}

/** Reads a recording; calls of a line-laid-out file are indexed and parsed on demand. */
export function readRecordingFile(path: string): Recording & { readonly indexed?: readonly IndexedCall[] } {
  const fd = openSync(path, 'r');
  try {
    const lines = linesOf(fd);
    const first = lines.next();
    const headerText = first.done === true ? '' : first.value.text.toString('utf8');
    if (!HEADER.test(headerText)) return JSON.parse(readFileSync(path, 'utf8')) as Recording;
    const header = JSON.parse(`${headerText}]}`) as Recording;
    const indexed: IndexedCall[] = [];
    for (const { text, offset } of lines) {
      const line = text.toString('utf8');
      if (line === ']}' || line === '') continue;
      const { operation, input } = parseCallLine(line);
      const length = text.length;
      indexed.push({
        operation,
        input,
        load: () => {
          const again = openSync(path, 'r');
          try {
            const buffer = Buffer.alloc(length);
            readSync(again, buffer, 0, length, offset);
            return parseCallLine(buffer.toString('utf8'));
          } finally {
            closeSync(again);
          }
        },
      });
    }
    return { ...header, calls: [], indexed };
  } finally {
    closeSync(fd);
  }
}
