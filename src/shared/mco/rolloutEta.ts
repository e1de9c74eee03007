/**
 * An honest ETA for the rest of a pool rollout, from per-node durations observed in this
 * rollout. Without an observation, or while something blocks the pool, it says 'unknown'.
 */
import type { NodePhase, NodeRolloutPhase } from './nodePhase';

export interface EtaInput {
  /** Milliseconds each already-finished node took, start of its update to done. */
  completedDurationsMs: readonly number[];
  /** Milliseconds each node now updating has been at it. */
  inProgressElapsedMs: readonly number[];
  /** Nodes that have not started yet. */
  queued: number;
  /** Resolved maxUnavailable: how many nodes update at once. */
  maxUnavailable: number;
  /** Nodes unavailable for other reasons (NotReady, user cordon): they use up slots. */
  otherUnavailable?: number;
  degraded?: number;
  /** Nodes whose phase could not be read: the estimate would be a guess. */
  unknownNodes?: number;
  paused?: boolean;
}

export type RolloutEta =
  | { kind: 'done' }
  | {
      kind: 'estimate';
      remainingMs: number;
      /** The median observed node duration the estimate is built on. */
      perNodeMs: number;
      samples: number;
      /** In-progress nodes already slower than the median (counted as finishing now). */
      overdue: number;
    }
  | { kind: 'unknown'; reason: EtaUnknownReason };

/** Why there is no estimate: an id with parameters for the UI to translate. */
export type EtaUnknownReason =
  | { id: 'nodeDegraded'; params: { degraded: number } }
  | { id: 'nodesInUnknownState'; params: { unknownNodes: number } }
  | { id: 'pausedWithQueuedNodes'; params: { queued: number } }
  | { id: 'maxUnavailableUnusable'; params: Record<string, never> }
  | { id: 'noNodeFinishedYet'; params: Record<string, never> }
  | { id: 'slotsTakenByUnavailableNodes'; params: { otherUnavailable: number } };
export type EtaUnknownReasonId = EtaUnknownReason['id'];

const unknownEta = (reason: EtaUnknownReason): RolloutEta => ({ kind: 'unknown', reason });

const validMs = (values: readonly number[]): number[] =>
  values.filter((v) => Number.isFinite(v) && v >= 0);

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
};

/** Insert into an ascending array (binary search keeps thousands of nodes cheap). */
const insertSorted = (sorted: number[], value: number): void => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) <= value) lo = mid + 1;
    else hi = mid;
  }
  sorted.splice(lo, 0, value);
};

export const estimateRemaining = (input: EtaInput): RolloutEta => {
  const queued = Number.isInteger(input.queued) && input.queued > 0 ? input.queued : 0;
  const running = validMs(input.inProgressElapsedMs);
  if (input.degraded && input.degraded > 0) {
    // A degraded node must recover before the pool can finish.
    return unknownEta({ id: 'nodeDegraded', params: { degraded: input.degraded } });
  }
  if (input.unknownNodes && input.unknownNodes > 0) {
    return unknownEta({
      id: 'nodesInUnknownState',
      params: { unknownNodes: input.unknownNodes },
    });
  }
  if (queued === 0 && running.length === 0) return { kind: 'done' };
  if (input.paused && queued > 0) {
    return unknownEta({ id: 'pausedWithQueuedNodes', params: { queued } });
  }
  if (!Number.isInteger(input.maxUnavailable) || input.maxUnavailable < 1) {
    return unknownEta({ id: 'maxUnavailableUnusable', params: {} });
  }
  const samples = validMs(input.completedDurationsMs);
  if (samples.length === 0) return unknownEta({ id: 'noNodeFinishedYet', params: {} });
  const otherUnavailable = Math.max(0, input.otherUnavailable ?? 0);
  const slots = input.maxUnavailable - otherUnavailable;
  if (queued > 0 && slots < 1) {
    return unknownEta({ id: 'slotsTakenByUnavailableNodes', params: { otherUnavailable } });
  }
  const perNodeMs = median(samples);
  // Finish times of the nodes holding a slot, then queued nodes take slots as they free up.
  const finishing = running
    .map((elapsed) => Math.max(perNodeMs - elapsed, 0))
    .sort((x, y) => x - y);
  let clock = 0;
  for (let i = 0; i < queued; i += 1) {
    while (finishing.length >= slots) clock = Math.max(clock, finishing.shift() ?? clock);
    insertSorted(finishing, clock + perNodeMs);
  }
  return {
    kind: 'estimate',
    remainingMs: Math.max(clock, ...finishing),
    perNodeMs,
    samples: samples.length,
    overdue: running.filter((elapsed) => elapsed > perNodeMs).length,
  };
};

/** When each node started and finished its update, as the live view observed it. */
export interface NodeTiming {
  startedAt?: string;
  finishedAt?: string;
}
/** By node name. A Map, so folding in thousands of nodes per watch event stays cheap. */
export type NodeTimings = ReadonlyMap<string, NodeTiming>;

/** Phases in which a node holds one of the pool's maxUnavailable slots doing its update. */
export const IN_PROGRESS_PHASES: ReadonlySet<NodePhase> = new Set([
  'cordoned',
  'draining',
  'applying',
  'rebooting',
]);

/**
 * Folds one observation of the pool's node phases into the timings seen so far. A node's start
 * is the first time it was seen working; it finishes when it is seen done after that. Pure: the
 * caller keeps the returned map between watch events; it is `timings` itself when nothing changed.
 */
export const recordNodeTimings = (
  timings: NodeTimings,
  phases: readonly NodeRolloutPhase[],
  nowIso: string,
): NodeTimings => {
  let next: Map<string, NodeTiming> | undefined;
  for (const p of phases) {
    const seen = (next ?? timings).get(p.node);
    if (IN_PROGRESS_PHASES.has(p.phase) && !seen?.startedAt) {
      next ??= new Map(timings);
      next.set(p.node, { startedAt: p.since ?? nowIso });
    } else if (p.phase === 'done' && seen?.startedAt && !seen.finishedAt) {
      next ??= new Map(timings);
      next.set(p.node, { ...seen, finishedAt: p.since ?? nowIso });
    }
  }
  return next ?? timings;
};

const elapsedMs = (from: string | undefined, to: string): number =>
  from ? Date.parse(to) - Date.parse(from) : Number.NaN;

/** Builds the ETA input from observed timings and the current phases. */
export const etaInputFromTimings = (
  timings: NodeTimings,
  phases: readonly NodeRolloutPhase[],
  nowIso: string,
  maxUnavailable: number,
  paused = false,
): EtaInput => {
  const completedDurationsMs: number[] = [];
  for (const t of timings.values()) {
    if (t.finishedAt) completedDurationsMs.push(elapsedMs(t.startedAt, t.finishedAt));
  }
  const inProgressElapsedMs: number[] = [];
  let queued = 0;
  let degraded = 0;
  let unknownNodes = 0;
  for (const p of phases) {
    if (IN_PROGRESS_PHASES.has(p.phase)) {
      inProgressElapsedMs.push(elapsedMs(timings.get(p.node)?.startedAt ?? nowIso, nowIso));
    } else if (p.phase === 'queued') queued += 1;
    else if (p.phase === 'degraded') degraded += 1;
    else if (p.phase === 'unknown') unknownNodes += 1;
  }
  return {
    completedDurationsMs,
    inProgressElapsedMs,
    queued,
    maxUnavailable,
    degraded,
    unknownNodes,
    paused,
  };
};
