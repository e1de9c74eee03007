/**
 * MachineConfigPool status counts, computed from nodes exactly as the MCO node controller does
 * (mco-rollout.md 2.7), so the UI and the simulator agree with a real cluster.
 */
import type { Node } from '../k8s/types';
import {
  emptyToUndefined,
  isNodeDegraded,
  isNodeReadyForMco,
  isNodeUnavailable,
  isNodeUpdatedTo,
} from './nodeState';
import type { MachineConfigPool } from './types';

export interface PoolCounts {
  machineCount: number;
  updatedMachineCount: number;
  readyMachineCount: number;
  unavailableMachineCount: number;
  degradedMachineCount: number;
}

export const poolTargetConfig = (pool: MachineConfigPool): string | undefined =>
  emptyToUndefined(pool.spec?.configuration?.name);

export const poolCurrentConfig = (pool: MachineConfigPool): string | undefined =>
  emptyToUndefined(pool.status?.configuration?.name);

/** `nodes` must be the pool's own nodes (see `nodesOfPool`). */
export const computePoolCounts = (pool: MachineConfigPool, nodes: readonly Node[]): PoolCounts => {
  const target = poolTargetConfig(pool);
  const updated = nodes.filter((n) => isNodeUpdatedTo(n, target));
  return {
    machineCount: nodes.length,
    updatedMachineCount: updated.length,
    // "Ready" here means updated and schedulable: it is 0 at the start of every rollout.
    readyMachineCount: updated.filter(isNodeReadyForMco).length,
    unavailableMachineCount: nodes.filter(isNodeUnavailable).length,
    degradedMachineCount: nodes.filter(isNodeDegraded).length,
  };
};

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;

/** The counts the MCO published, or `undefined` when the status has no usable machineCount. */
export const poolCountsFromStatus = (pool: MachineConfigPool): PoolCounts | undefined => {
  const s = pool.status;
  const machineCount = count(s?.machineCount);
  if (!s || machineCount === undefined) return undefined;
  return {
    machineCount,
    updatedMachineCount: count(s.updatedMachineCount) ?? 0,
    readyMachineCount: count(s.readyMachineCount) ?? 0,
    unavailableMachineCount: count(s.unavailableMachineCount) ?? 0,
    degradedMachineCount: count(s.degradedMachineCount) ?? 0,
  };
};

/** The MCO's rule for `Updated=True` and for copying spec.configuration into status. */
export const isPoolFullyUpdated = (c: PoolCounts): boolean =>
  c.updatedMachineCount === c.machineCount &&
  c.readyMachineCount === c.machineCount &&
  c.unavailableMachineCount === 0;
