/**
 * The live per-node rollout of one MachineConfigPool as a view model: a row per node (phase,
 * time in phase, configs), counts per phase, the pool's state and progress, and an ETA.
 *
 * Built for watches over thousands of nodes: the caller derives once per coalesced batch of
 * watch events and passes back the returned `memory`. A node whose resourceVersion (and that of
 * its MachineConfigNode) is unchanged keeps its row object, so unchanged rows cost a map lookup
 * and a memoised table row can skip rendering them.
 */
import type { Node } from '../k8s/types';
import { nodeRolloutPhase, type NodePhase, type NodeRolloutPhase } from './nodePhase';
import { isNodeUnavailable, nodeName } from './nodeState';
import { poolTargetConfig } from './poolCounts';
import { poolName, poolResolver } from './poolMembership';
import { poolProgress, type PoolProgress } from './poolProgress';
import {
  estimateRemaining,
  etaInputFromTimings,
  IN_PROGRESS_PHASES,
  recordNodeTimings,
  type NodeTimings,
  type RolloutEta,
} from './rolloutEta';
import type { MachineConfigNode, MachineConfigPool } from './types';

/** Display order: what needs attention first, finished nodes last. */
export const ROLLOUT_PHASES: readonly NodePhase[] = [
  'degraded',
  'unknown',
  'draining',
  'cordoned',
  'applying',
  'rebooting',
  'queued',
  'done',
];

export interface RolloutNodeRow extends NodeRolloutPhase {
  /** metadata.uid, when the API gave one (a stable React key across renames is not needed). */
  uid?: string;
  /** The MCO counts the node unavailable (not ready, cordoned, or mid-update). */
  unavailable: boolean;
  /**
   * When this view saw the node change into its phase, for phases the data does not date.
   * Unset for a node first seen in its phase: how long it had been there is not known.
   */
  observedSince?: string;
}

export type PhaseCounts = Record<NodePhase, number>;

export interface RolloutViewModel {
  poolName: string;
  /** State, MCO messages, counts, percent, paused and maxUnavailable of the pool. */
  pool: PoolProgress;
  /** The pool's own nodes, in `ROLLOUT_PHASES` order, then by name. */
  rows: readonly RolloutNodeRow[];
  phaseCounts: PhaseCounts;
  eta: RolloutEta;
  /** Nodes the MCO refuses to manage (they match more than one custom pool). */
  refusedNodes: readonly string[];
  /** How many rows were read from MachineConfigNodes rather than node annotations. */
  fromMachineConfigNodes: number;
}

interface CachedRow {
  nodeVersion: string;
  mcnVersion: string;
  row: RolloutNodeRow;
}

/** Which pool a node counts in, by node resourceVersion; valid while the pools' selectors are. */
interface CachedMembership {
  nodeVersion: string;
  own: boolean;
  refused: boolean;
}

/** What one derivation hands to the next. Treat as opaque. */
export interface RolloutMemory {
  readonly target: string | undefined;
  readonly cache: ReadonlyMap<string, CachedRow>;
  readonly selectorsKey: string;
  readonly membership: ReadonlyMap<string, CachedMembership>;
  readonly timings: NodeTimings;
  readonly rows: readonly RolloutNodeRow[];
}

export const EMPTY_ROLLOUT_MEMORY: RolloutMemory = {
  target: undefined,
  cache: new Map(),
  selectorsKey: '',
  membership: new Map(),
  timings: new Map(),
  rows: [],
};

export interface RolloutInput {
  pool: MachineConfigPool;
  /** Every pool, so a node that belongs to a custom pool is not counted in `worker`. */
  pools?: readonly MachineConfigPool[];
  /** Nodes the pool's nodeSelector matched (a superset is fine: others are left out). */
  nodes: readonly Node[];
  /** MachineConfigNodes when the API serves them; rows fall back to node annotations. */
  machineConfigNodes?: readonly MachineConfigNode[];
  /** ISO time of this derivation. */
  now: string;
}

const PHASE_RANK = new Map(ROLLOUT_PHASES.map((phase, index) => [phase, index]));

const compareRows = (x: RolloutNodeRow, y: RolloutNodeRow): number =>
  (PHASE_RANK.get(x.phase) ?? 0) - (PHASE_RANK.get(y.phase) ?? 0) ||
  (x.node < y.node ? -1 : x.node > y.node ? 1 : 0);

const emptyPhaseCounts = (): PhaseCounts => ({
  queued: 0,
  cordoned: 0,
  draining: 0,
  applying: 0,
  rebooting: 0,
  done: 0,
  degraded: 0,
  unknown: 0,
});

/** Without a resourceVersion nothing proves the object unchanged: never reuse its row. */
const versionOf = (o: { metadata?: { resourceVersion?: string } } | undefined): string =>
  o ? (o.metadata?.resourceVersion ?? '\0') : '';

const deriveRow = (
  node: Node,
  target: string | undefined,
  mcn: MachineConfigNode | undefined,
  previous: RolloutNodeRow | undefined,
  now: string,
): RolloutNodeRow => {
  const phase = nodeRolloutPhase(node, target, mcn);
  // Keep the time we first saw this phase; a phase change seen live starts the clock now.
  const observedSince = previous
    ? previous.phase === phase.phase
      ? previous.observedSince
      : now
    : undefined;
  return {
    ...phase,
    uid: node.metadata?.uid,
    unavailable: isNodeUnavailable(node),
    ...(observedSince ? { observedSince } : {}),
  };
};

/**
 * Derives the view of `input.pool`'s rollout. Pass the previous call's `memory` (or nothing the
 * first time); keep the returned one for the next call.
 */
export const deriveRolloutView = (
  input: RolloutInput,
  memory: RolloutMemory = EMPTY_ROLLOUT_MEMORY,
): { model: RolloutViewModel; memory: RolloutMemory } => {
  const { pool, now } = input;
  // The pool may come from its own watch and the list from another: the list's copy is replaced.
  const pools = [pool, ...(input.pools ?? []).filter((p) => poolName(p) !== poolName(pool))];
  const target = poolTargetConfig(pool);
  // Membership only changes with a node's labels or a pool's selector: look it up again only then.
  const selectorsKey = JSON.stringify(
    pools.map((p) => [poolName(p), p.spec?.nodeSelector ?? null]),
  );
  const oldMembership =
    selectorsKey === memory.selectorsKey ? memory.membership : new Map<string, CachedMembership>();
  const membership = new Map<string, CachedMembership>();
  let resolve: ReturnType<typeof poolResolver> | undefined;
  const ownNodes: Node[] = [];
  const refusedNodes: string[] = [];
  for (const node of input.nodes) {
    const name = nodeName(node);
    const nodeVersion = versionOf(node);
    let known = oldMembership.get(name);
    if (!known || nodeVersion === '\0' || known.nodeVersion !== nodeVersion) {
      resolve ??= poolResolver(pools);
      const found = resolve(node);
      known = {
        nodeVersion,
        own: found.primary === pool,
        refused: Boolean(found.error) && found.matching.includes(pool),
      };
    }
    membership.set(name, known);
    if (known.own) ownNodes.push(node);
    else if (known.refused) refusedNodes.push(name);
  }
  const mcnByNode = new Map<string, MachineConfigNode>();
  for (const mcn of input.machineConfigNodes ?? []) {
    const name = mcn.spec?.node?.name ?? mcn.metadata?.name;
    if (name) mcnByNode.set(name, mcn);
  }
  // A new target is a new rollout: earlier rows and timings describe the last one.
  const sameTarget = memory.target === target;
  const oldCache = sameTarget ? memory.cache : new Map<string, CachedRow>();
  const cache = new Map<string, CachedRow>();
  const unsorted: RolloutNodeRow[] = [];
  let changed = !sameTarget || ownNodes.length !== memory.rows.length;
  for (const node of ownNodes) {
    const name = nodeName(node);
    const mcn = mcnByNode.get(name);
    const nodeVersion = versionOf(node);
    const mcnVersion = versionOf(mcn);
    const cached = oldCache.get(name);
    const reusable =
      cached &&
      nodeVersion !== '\0' &&
      mcnVersion !== '\0' &&
      cached.nodeVersion === nodeVersion &&
      cached.mcnVersion === mcnVersion;
    if (reusable) {
      cache.set(name, cached);
      unsorted.push(cached.row);
    } else {
      const row = deriveRow(node, target, mcn, cached?.row, now);
      cache.set(name, { nodeVersion, mcnVersion, row });
      unsorted.push(row);
      changed = true;
    }
  }
  // Nothing changed (e.g. an event for a node of another pool): keep the same sorted array.
  const rows = changed ? unsorted.sort(compareRows) : memory.rows;

  const phaseCounts = emptyPhaseCounts();
  let fromMachineConfigNodes = 0;
  let otherUnavailable = 0;
  for (const row of rows) {
    phaseCounts[row.phase] += 1;
    if (row.source === 'MachineConfigNode') fromMachineConfigNodes += 1;
    // Unavailable without updating (NotReady, cordoned by a user): it takes a slot anyway.
    if (row.unavailable && !row.targeted && !IN_PROGRESS_PHASES.has(row.phase)) {
      otherUnavailable += 1;
    }
  }
  const progress = poolProgress(pool, ownNodes);
  const timings = recordNodeTimings(
    sameTarget ? memory.timings : EMPTY_ROLLOUT_MEMORY.timings,
    rows,
    now,
  );
  const etaInput = etaInputFromTimings(
    timings,
    rows,
    now,
    progress.maxUnavailable.ok ? progress.maxUnavailable.value : Number.NaN,
    progress.paused,
  );
  return {
    model: {
      poolName: poolName(pool),
      pool: progress,
      rows,
      phaseCounts,
      eta: estimateRemaining({ ...etaInput, otherUnavailable }),
      refusedNodes,
      fromMachineConfigNodes,
    },
    memory: { target, cache, selectorsKey, membership, timings, rows },
  };
};

/** The rows in one phase, or all of them; the same array when nothing is filtered out. */
export const rowsInPhase = (
  rows: readonly RolloutNodeRow[],
  phase: NodePhase | 'all',
): readonly RolloutNodeRow[] => (phase === 'all' ? rows : rows.filter((r) => r.phase === phase));

/** Milliseconds a row has been in its phase at `now`, when known. */
export const timeInPhaseMs = (row: RolloutNodeRow, now: number): number | undefined => {
  const since = row.since ?? row.observedSince;
  if (!since) return undefined;
  const start = Date.parse(since);
  return Number.isFinite(start) ? Math.max(0, now - start) : undefined;
};

/** A duration split for display: the two largest non-zero units are usually enough. */
export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export const durationParts = (ms: number): DurationParts => {
  const total = Math.max(0, Math.floor(ms / 1000));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
};
