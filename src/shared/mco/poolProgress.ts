/**
 * One pool's rollout at a glance: counts, percent, a state with the MCO's own condition
 * messages, and the maxUnavailable in force (mco-rollout.md 1.2, 2.6, 2.7).
 */
import type { Condition, Node } from '../k8s/types';
import { PoolConditionType } from './constants';
import { emptyToUndefined } from './nodeState';
import { resolveMaxUnavailable, type MaxUnavailable } from './maxUnavailable';
import {
  computePoolCounts,
  poolCountsFromStatus,
  isPoolFullyUpdated,
  poolCurrentConfig,
  poolTargetConfig,
  type PoolCounts,
} from './poolCounts';
import { poolName } from './poolMembership';
import type { MachineConfigPool } from './types';

export type PoolRolloutState =
  'updated' | 'updating' | 'degraded' | 'paused' | 'pending' | 'unknown';

export interface PoolConditions {
  updated?: Condition;
  updating?: Condition;
  degraded?: Condition;
  nodeDegraded?: Condition;
  renderDegraded?: Condition;
}

export interface PoolProgress {
  name: string;
  /** spec.configuration.name: where the pool is going. */
  targetConfig?: string;
  /** status.configuration.name: where every node was last seen together. */
  currentConfig?: string;
  counts: PoolCounts;
  countsSource: 'status' | 'nodes' | 'none';
  /** Updated nodes in percent, rounded down so 100 means every node; 100 for an empty pool, 0 without counts. */
  percent: number;
  state: PoolRolloutState;
  /** The MCO's message for the state (e.g. the NodeDegraded per-node list). */
  message?: string;
  /** NodeDegraded's reason, e.g. "7 nodes are reporting degraded status on sync". */
  degradedReason?: string;
  /** When the condition behind `state` last changed. */
  since?: string;
  paused: boolean;
  maxUnavailable: MaxUnavailable;
  conditions: PoolConditions;
  /** The controller has not yet observed the latest spec: counts may lag. */
  statusStale: boolean;
}

const condition = (pool: MachineConfigPool, type: string): Condition | undefined =>
  pool.status?.conditions?.find((c) => c.type === type);

const isTrue = (c: Condition | undefined): c is Condition & { status: 'True' } =>
  c?.status === 'True';

const firstMessage = (...conditions: (Condition | undefined)[]): string | undefined =>
  conditions.find((c) => c?.message)?.message;

export const poolConditions = (pool: MachineConfigPool): PoolConditions => ({
  updated: condition(pool, PoolConditionType.Updated),
  updating: condition(pool, PoolConditionType.Updating),
  degraded: condition(pool, PoolConditionType.Degraded),
  nodeDegraded: condition(pool, PoolConditionType.NodeDegraded),
  renderDegraded: condition(pool, PoolConditionType.RenderDegraded),
});

type StateView = Pick<PoolProgress, 'state' | 'message' | 'since' | 'degradedReason'>;

const stateFromConditions = (c: PoolConditions, paused: boolean): StateView | undefined => {
  if (isTrue(c.degraded) || isTrue(c.nodeDegraded) || isTrue(c.renderDegraded)) {
    const nodeDegraded = isTrue(c.nodeDegraded) ? c.nodeDegraded : undefined;
    const renderDegraded = isTrue(c.renderDegraded) ? c.renderDegraded : undefined;
    return {
      state: 'degraded',
      // Older releases leave Degraded.message empty; the sub-conditions carry the detail.
      message: firstMessage(nodeDegraded, renderDegraded, c.degraded),
      degradedReason: emptyToUndefined(nodeDegraded?.reason),
      since: (c.degraded ?? nodeDegraded ?? renderDegraded)?.lastTransitionTime,
    };
  }
  if (isTrue(c.updated)) {
    return { state: 'updated', message: c.updated.message, since: c.updated.lastTransitionTime };
  }
  if (isTrue(c.updating)) {
    return { state: 'updating', message: c.updating.message, since: c.updating.lastTransitionTime };
  }
  // Updated=False and Updating=False: paused, or the controller has not synced yet.
  if (c.updated || c.updating) {
    return {
      state: paused ? 'paused' : 'pending',
      message: firstMessage(c.updating, c.updated),
      since: (c.updating ?? c.updated)?.lastTransitionTime,
    };
  }
  return undefined;
};

/** Without conditions (no status yet, or a simulator), judge from the counts alone. */
const stateFromCounts = (
  pool: MachineConfigPool,
  counts: PoolCounts,
  paused: boolean,
): StateView => {
  if (!poolTargetConfig(pool)) return { state: 'unknown' };
  if (counts.degradedMachineCount > 0) return { state: 'degraded' };
  if (isPoolFullyUpdated(counts)) return { state: 'updated' };
  return { state: paused ? 'paused' : 'updating' };
};

const EMPTY_COUNTS: PoolCounts = {
  machineCount: 0,
  updatedMachineCount: 0,
  readyMachineCount: 0,
  unavailableMachineCount: 0,
  degradedMachineCount: 0,
};

/**
 * Progress of `pool`. Counts come from its status when published, otherwise from `nodes`
 * (the pool's own nodes, see `nodesOfPool`).
 */
export const poolProgress = (pool: MachineConfigPool, nodes?: readonly Node[]): PoolProgress => {
  const fromStatus = poolCountsFromStatus(pool);
  const counts = fromStatus ?? (nodes ? computePoolCounts(pool, nodes) : EMPTY_COUNTS);
  const countsSource = fromStatus ? 'status' : nodes ? 'nodes' : 'none';
  const paused = pool.spec?.paused === true;
  const conditions = poolConditions(pool);
  const view =
    stateFromConditions(conditions, paused) ??
    (countsSource === 'none'
      ? { state: 'unknown' as const }
      : stateFromCounts(pool, counts, paused));
  const generation = pool.metadata?.generation;
  const observed = pool.status?.observedGeneration;
  return {
    name: poolName(pool),
    targetConfig: poolTargetConfig(pool),
    currentConfig: poolCurrentConfig(pool),
    counts,
    countsSource,
    // Without counts nothing is known to be done: 0, not 100, until the pool reports.
    percent:
      countsSource === 'none'
        ? 0
        : counts.machineCount === 0
          ? 100
          : Math.floor((counts.updatedMachineCount * 100) / counts.machineCount),
    ...view,
    paused,
    maxUnavailable: resolveMaxUnavailable(
      pool.spec?.maxUnavailable,
      counts.machineCount,
      poolName(pool),
    ),
    conditions,
    statusStale: generation !== undefined && observed !== undefined && observed < generation,
  };
};
