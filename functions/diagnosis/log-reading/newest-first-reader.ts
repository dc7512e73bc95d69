/**
 * Reads one log group's window newest first, within a page budget and a soft deadline.
 *
 * FilterLogEvents returns a range's events oldest first, so the window is read as time slices:
 * the focus (from the onset of the 5XX errors to the end) before the quiet start, and within a
 * range the newest slice sized from the density seen so far. A page that stops early (its
 * nextToken) leaves the newer rest of its slice in front of the queue. The server-side filter only
 * narrows what comes back (the emulator ignores OR, JSON and space-delimited patterns): every line
 * is re-checked by `accept`, and only accepted lines are kept, so memory stays bounded whatever
 * the filter did.
 */
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { CloudWatchLogsClient, FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { logEventKey } from './event-key';
import type { LogReadBudget } from './read-budget';
import { initialRanges, nextSlice, remainder, span } from './time-ranges';
import type { TimeRange } from './time-ranges';

export interface NewestFirstRequest {
  readonly logGroupName: string;
  readonly start: number;
  readonly end: number;
  /** Read [focusStart, end] before the rest (the onset of the errors minus a margin). */
  readonly focusStart?: number;
  readonly filterPattern?: string;
  /** The re-check: is this line evidence? */
  readonly accept: (message: string) => boolean;
  /** Sees each line `accept` refused (context a probe may want for the failing requests). */
  readonly onRejected?: (event: FilteredLogEvent) => void;
  readonly budget: Pick<LogReadBudget, 'maxPages' | 'pageLimit' | 'maxKept'>;
  /** Epoch ms after which no page starts and an unfinished page is abandoned. */
  readonly softDeadline: number;
  /** The probe's signal: when it aborts the read fails (the engine reports the probe). */
  readonly signal?: AbortSignal;
}

export interface NewestFirstResult {
  /** Accepted lines, at most maxKept, the newest kept; in time order. */
  readonly events: readonly FilteredLogEvent[];
  /** Accepted lines seen, kept or not. */
  readonly failingLines: number;
  /** Lines the service returned. */
  readonly linesRead: number;
  readonly pages: number;
  /** Every line of the window the filter selects was read. */
  readonly complete: boolean;
  readonly stoppedBy?: 'page-limit' | 'deadline';
  /** Oldest and newest instants read, epoch ms. */
  readonly readFrom?: number;
  readonly readTo?: number;
  /** When incomplete: ≈ lines the filter selects in the whole window. */
  readonly linesEstimated?: number;
  /** The service refused the filter pattern; the read went on without one. */
  readonly patternRejected?: boolean;
}

type LogsClient = Pick<CloudWatchLogsClient, 'send'>;

function isInvalidPattern(error: unknown): boolean {
  return error instanceof Error && error.name === 'InvalidParameterException';
}

/** The most of the window's end that can lie past its last line: the end is rounded up to the minute. */
const EMPTY_TAIL_MS = 60_000;

export async function readNewestFirst(logs: LogsClient, request: NewestFirstRequest): Promise<NewestFirstResult> {
  const { budget } = request;
  const queue: TimeRange[] = initialRanges(request.start, request.end, request.focusStart);
  // Slices never overlap except at the newest instant of a page that stopped early (the rest of
  // its slice is read again from that instant): only those lines' ids are remembered, so the
  // reader's memory does not grow with the lines it reads.
  let boundary = new Set<string>();
  let kept: FilteredLogEvent[] = [];
  let failingLines = 0;
  let linesRead = 0;
  let pages = 0;
  let msRead = 0;
  let linesPerMs: number | undefined;
  let stoppedBy: NewestFirstResult['stoppedBy'];
  let readFrom: number | undefined;
  let readTo: number | undefined;
  let pattern = request.filterPattern;
  let patternRejected = false;

  const fetchPage = async (slice: TimeRange, nextToken: string | undefined) => {
    const left = request.softDeadline - Date.now();
    const signals = [AbortSignal.timeout(Math.max(1, Math.ceil(left)))];
    if (request.signal !== undefined) signals.push(request.signal);
    return logs.send(
      new FilterLogEventsCommand({
        logGroupName: request.logGroupName,
        startTime: slice.start,
        endTime: slice.end,
        limit: budget.pageLimit,
        // Ignored by AWS (it always interleaves streams in time order); the emulator only sorts with it.
        interleaved: true,
        ...(pattern === undefined ? {} : { filterPattern: pattern }),
        ...(nextToken === undefined ? {} : { nextToken }),
      }),
      { abortSignal: AbortSignal.any(signals) },
    );
  };

  const take = (events: readonly FilteredLogEvent[]): void => {
    for (const e of events) {
      if (boundary.size > 0 && boundary.has(logEventKey(e))) continue;
      linesRead += 1;
      if (!request.accept(e.message ?? '')) {
        request.onRejected?.(e);
        continue;
      }
      failingLines += 1;
      kept.push(e);
    }
    // Newest first: when over the cap, drop the oldest accepted lines.
    if (kept.length > budget.maxKept) {
      kept.sort((a, b) => (b.timestamp ?? 0) - (a.timestamp ?? 0));
      kept = kept.slice(0, budget.maxKept);
    }
  };

  // After an empty slice (the window's end often lies past the last line: it is rounded up to
  // the minute) the next one is at least twice as long and at least that minute, so the reader
  // crosses the empty tail in one more page instead of many small ones.
  let minSliceMs = 0;
  reading: while (queue.length > 0) {
    const range = queue[0] as TimeRange;
    const slice = nextSlice(range, linesPerMs, budget.pageLimit, minSliceMs);
    const before = linesRead;
    let token: string | undefined;
    let lastTs = slice.start - 1;
    // Ids of the lines at `lastTs` (not the page: it is dropped once re-checked).
    let atLastTs: string[] | undefined;
    // A page can come back empty with a token (the service scanned part of the slice): go on with it.
    for (;;) {
      if (pages >= budget.maxPages) {
        stoppedBy = 'page-limit';
        break reading;
      }
      if (Date.now() >= request.softDeadline) {
        stoppedBy = 'deadline';
        break reading;
      }
      let page;
      try {
        page = await fetchPage(slice, token);
      } catch (error) {
        if (request.signal?.aborted) throw error;
        if (pattern !== undefined && isInvalidPattern(error)) {
          pattern = undefined;
          patternRejected = true;
          continue;
        }
        if (Date.now() >= request.softDeadline - 5) {
          stoppedBy = 'deadline';
          break reading;
        }
        throw error;
      }
      pages += 1;
      const events = page.events ?? [];
      take(events);
      for (const e of events) lastTs = Math.max(lastTs, e.timestamp ?? lastTs);
      atLastTs = events.filter((e) => e.timestamp === lastTs).map(logEventKey);
      token = page.nextToken;
      if (token === undefined || lastTs > slice.start) break;
    }
    queue.shift();
    if (token !== undefined) {
      // Stopped early: the lines at `lastTs` come back with the rest of the slice.
      boundary = new Set([...boundary, ...(atLastTs ?? [])]);
    }
    minSliceMs = token === undefined && linesRead === before ? Math.max(2 * span(slice), EMPTY_TAIL_MS) : 0;
    // Read completely: the slice; stopped early: up to (not including) the newest instant seen.
    const readEnd = token === undefined ? slice.end : lastTs - 1;
    queue.unshift(...remainder(range, slice.start, readEnd));
    // The density over the slices that held lines: an empty tail of the window (its end is
    // rounded up to the minute, up to 60 s past the last line) says nothing about how dense the
    // lines are. Counting it made the next slices too long, so their pages returned their oldest
    // lines and a small budget never reached the newest ones (where the failures are).
    if (linesRead > before) msRead += span({ start: slice.start, end: readEnd });
    linesPerMs = linesRead === 0 ? undefined : linesRead / Math.max(1, msRead);
    readFrom = Math.min(readFrom ?? slice.start, slice.start);
    readTo = Math.max(readTo ?? readEnd, readEnd);
  }

  const complete = queue.length === 0;
  const unreadMs = queue.reduce((n, r) => n + span(r), 0);
  const linesEstimated = complete
    ? undefined
    : Math.round(linesRead + (msRead === 0 ? 0 : (linesRead / msRead) * unreadMs));
  kept.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
  return {
    events: kept,
    failingLines,
    linesRead,
    pages,
    complete,
    ...(complete || stoppedBy === undefined ? {} : { stoppedBy }),
    ...(readFrom === undefined ? {} : { readFrom }),
    ...(readTo === undefined ? {} : { readTo }),
    ...(linesEstimated === undefined ? {} : { linesEstimated }),
    ...(patternRejected ? { patternRejected } : {}),
  };
}

/**
 * Whether the group holds any line at all in the window (one page of one line, unfiltered): after
 * a filtered read found nothing, tells an empty group (logging off or misdirected) from a window
 * without failures.
 */
export async function windowHasLines(
  logs: LogsClient,
  request: Pick<NewestFirstRequest, 'logGroupName' | 'start' | 'end' | 'softDeadline' | 'signal'>,
): Promise<boolean> {
  const any = await readNewestFirst(logs, {
    ...request,
    accept: () => true,
    budget: { maxPages: 1, pageLimit: 1, maxKept: 1 },
  });
  return any.linesRead > 0;
}
