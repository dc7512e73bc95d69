/** The recording on disk: streamed call by call, still one JSON document, replayed on demand. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallReplayer } from '../../../functions/diagnosis/recording';
import type { RecordedCall, Recording } from '../../../functions/diagnosis/recording';
import { readRecordingFile, RecordingFileWriter } from '../../../functions/diagnosis/recording-file';
import type { Incident } from '../../../functions/types';

const incident = { alarmName: 'a', region: 'us-east-1' } as unknown as Incident;

/** Bodies bigger than the reader's 1 MB chunks, with newlines and quotes inside. */
const calls: RecordedCall[] = Array.from({ length: 5 }, (_, i) => ({
  operation: 'CloudWatchLogs.FilterLogEvents',
  input: { logGroupName: `g${i % 2}`, nextToken: `t${i}` },
  response: {
    statusCode: 200,
    headers: { 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify({ events: [{ message: `line ${i}\n"quoted"\n${'x'.repeat(i === 2 ? 1_500_000 : 10)}` }] }),
    bodyEncoding: 'utf8',
  },
}));

describe('RecordingFileWriter / readRecordingFile', () => {
  it('writes one JSON document with one call per line, and reads every call back only when asked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'recording-'));
    const path = join(dir, 'rec.json');
    const writer = new RecordingFileWriter(path);
    for (const call of calls) writer.write(call);
    expect(existsSync(path)).toBe(false); // nothing final until finish
    writer.finish({ version: 1, recordedAt: '2024-05-01T10:00:00Z', incident, options: { probes: ['access-logs'] } });
    expect(existsSync(`${path}.partial`)).toBe(false);

    const whole = JSON.parse(readFileSync(path, 'utf8')) as Recording;
    expect(whole.calls).toEqual(calls);
    expect(whole.options).toEqual({ probes: ['access-logs'] });

    const read = readRecordingFile(path);
    expect(read.calls).toEqual([]);
    expect(read.incident).toEqual(incident);
    expect(read.indexed?.map((c) => c.input)).toEqual(calls.map((c) => c.input));
    expect(read.indexed?.map((c) => c.load())).toEqual(calls);
    expect(new CallReplayer(read)).toBeInstanceOf(CallReplayer);
  });

  it('reads an older, pretty-printed recording whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'recording-'));
    const path = join(dir, 'old.json');
    const old: Recording = { version: 1, recordedAt: '2024-05-01T10:00:00Z', incident, calls };
    writeFileSync(path, `${JSON.stringify(old, null, 2)}\n`);
    const read = readRecordingFile(path);
    expect(read.calls).toEqual(calls);
    expect(read.indexed).toBeUndefined();
  });
});
