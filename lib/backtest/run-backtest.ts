/**
 * The backtest, SDK-free apart from the history reader it is given: every watched stage's
 * history replayed with the current thresholds and, when asked, a proposal; bursts, delays and
 * suggestions per stage.
 */
import type { ApiStageRef } from '../alarms/api-metrics';
import { Issues } from '../config/issues';
import type { ResolvedConfig } from '../config/resolved-config';
import { validateMergedThresholds } from '../config/validate-thresholds';
import { DEFAULT_BURST, describeBurst, type Burst } from './bursts';
import { ConfigFileError } from './load-config';
import { proposedThresholds, type Proposal } from './proposal';
import { replayStage, type SignalReplay, type StageHistory } from './replay';
import { suggest } from './suggestions';

export interface StageResult {
  readonly ref: ApiStageRef;
  /** The API's display name (HTTP APIs are keyed by id). */
  readonly label: string;
  readonly bursts: readonly Burst[];
  readonly current: readonly SignalReplay[];
  readonly proposed?: readonly SignalReplay[];
  readonly suggestions: readonly string[];
  readonly notes: readonly string[];
}

export interface BacktestResult {
  readonly window: { readonly start: string; readonly end: string; readonly days: number };
  readonly burstDefinition: string;
  readonly proposal?: string;
  readonly stages: readonly StageResult[];
}

export interface StageTarget {
  readonly ref: ApiStageRef;
  readonly label: string;
  readonly thresholds: ResolvedConfig['apis'][number]['stages'][number]['thresholds'];
}

/** The stages a config watches, optionally only one API (by name or id). */
export function stagesOf(config: ResolvedConfig, api?: string): StageTarget[] {
  const apis = config.apis.filter((a) => api === undefined || a.name === api || a.id === api);
  if (api !== undefined && apis.length === 0) {
    const known = config.apis.map((a) => a.name ?? a.id).join(', ');
    throw new ConfigFileError(`--api ${api}: the config watches no API of that name or id (it watches: ${known})`);
  }
  return apis.flatMap((a) =>
    a.stages.map((stage) => ({
      ref: { kind: a.kind, api: (a.kind === 'REST' ? a.name : a.id) ?? '', stage: stage.name },
      label: a.kind === 'REST' ? (a.name ?? '') : a.name ? `${a.name} (${a.id})` : (a.id ?? ''),
      thresholds: stage.thresholds,
    })),
  );
}

export function backtest(
  targets: readonly StageTarget[],
  histories: readonly StageHistory[],
  window: { readonly startMs: number; readonly endMs: number },
  proposal?: Proposal,
): BacktestResult {
  const stages = targets.map((target, index): StageResult => {
    const history = histories[index]!;
    const replay = replayStage(target.thresholds, history);
    let proposed: readonly SignalReplay[] | undefined;
    const notes: string[] = [];
    if (proposal) {
      const next = proposedThresholds(proposal, target.thresholds, target.ref.kind, target.ref.api, target.ref.stage);
      if (next === undefined) notes.push(`${proposal.label} does not watch this stage: nothing to compare`);
      else {
        const issues = new Issues();
        validateMergedThresholds(issues, proposal.label, next);
        if (issues.list.length > 0) throw new ConfigFileError(`invalid proposal:\n  - ${issues.list.join('\n  - ')}`);
        proposed = replayStage(next, history).signals;
      }
    }
    const requests = history.raw.requests ?? [];
    if (!requests.some((v) => v !== undefined))
      notes.push('no request datapoints in the window: is the API or stage name right, and does it get traffic?');
    return {
      ref: target.ref,
      label: target.label,
      bursts: replay.bursts,
      current: replay.signals,
      ...(proposed === undefined ? {} : { proposed }),
      suggestions: suggest(replay.signals, proposed),
      notes,
    };
  });
  return {
    window: {
      start: new Date(window.startMs).toISOString(),
      end: new Date(window.endMs).toISOString(),
      days: Math.round(((window.endMs - window.startMs) / 86_400_000) * 10) / 10,
    },
    burstDefinition: describeBurst(DEFAULT_BURST),
    ...(proposal === undefined ? {} : { proposal: proposal.label }),
    stages,
  };
}
