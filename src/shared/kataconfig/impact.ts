/**
 * What creating a KataConfig will do, before it is created: which nodes the selection picks (a
 * live preview), how many carry the NFD eligibility label, which pool rolls, and how many nodes
 * are cordoned, drained and rebooted, how many at a time and for about how long.
 */
import { compileLabelSelector } from '../k8s/labelSelector';
import type { LabelSelectorError } from '../k8s/labelSelector';
import type { LabelSelector, Labels, Node } from '../k8s/types';
import { resolveMaxUnavailable } from '../mco/maxUnavailable';
import type { MaxUnavailableError } from '../mco/maxUnavailable';
import { estimateRemaining } from '../mco/rolloutEta';
import type { MachineConfigPool } from '../mco/types';
import { isRecord } from './accessors';
import {
  NFD_KATA_ELIGIBILITY_LABEL,
  NFD_KATA_ELIGIBILITY_VALUE,
  WORKER_NODE_ROLE_LABEL,
} from './constants';
import { rolloutPoolFor } from './rolloutPool';
import { isConvergedCluster, kataPoolName } from './statusDerivation';
import type { KataConfig } from './types';

// Nodes come straight from the API: every level is checked rather than trusted.
const labelsOf = (node: Node): Labels => {
  const labels: unknown = isRecord(node) && isRecord(node.metadata) ? node.metadata.labels : null;
  return isRecord(labels) ? (labels as Labels) : {};
};

const nameOf = (node: Node): string =>
  typeof node.metadata?.name === 'string' ? node.metadata.name : '';

/** Upstream only ever labels nodes that carry the worker role. */
export const isWorkerNode = (node: Node): boolean =>
  Object.hasOwn(labelsOf(node), WORKER_NODE_ROLE_LABEL);

/** NFD found the node able to run kata (`feature.node.kubernetes.io/runtime.kata=true`). */
export const isNfdEligible = (node: Node): boolean =>
  labelsOf(node)[NFD_KATA_ELIGIBILITY_LABEL] === NFD_KATA_ELIGIBILITY_VALUE;

export interface NodeSelectionPreview {
  workerCount: number;
  /** Workers the selector picks, sorted by name (all workers for a null selector). */
  selectedBySelector: string[];
  /** Workers carrying the NFD kata label. */
  eligibleWorkerCount: number;
  /** The nodes kata goes to: the selector's, narrowed to eligible ones when checking. */
  targetNodes: string[];
  /** Empty when the selector is usable; an invalid selector picks no node. */
  selectorErrors: LabelSelectorError[];
}

/**
 * The operator's effective selection (osc-operator.md 2.3): worker nodes matching the pool
 * selector (null means every worker), plus the NFD label when `checkNodeEligibility` is set.
 */
export const previewNodeSelection = (
  nodes: readonly Node[],
  selector: LabelSelector | null,
  checkNodeEligibility: boolean,
): NodeSelectionPreview => {
  const compiled = compileLabelSelector(selector, 'matchesEverything');
  const workers = nodes.filter(isWorkerNode);
  const selected = workers.filter((node) => compiled.matches(labelsOf(node)));
  const byName = (list: readonly Node[]) => list.map(nameOf).sort((a, b) => a.localeCompare(b));
  return {
    workerCount: workers.length,
    selectedBySelector: byName(selected),
    eligibleWorkerCount: workers.filter(isNfdEligible).length,
    targetNodes: byName(checkNodeEligibility ? selected.filter(isNfdEligible) : selected),
    selectorErrors: compiled.errors,
  };
};

export type DurationEstimate =
  | { kind: 'estimate'; totalMs: number; perNodeMs: number; samples: number }
  | {
      kind: 'unknown';
      reason: 'noNodes' | 'noObservations' | 'maxUnavailableInvalid';
    };

export interface RolloutImpact {
  /** The pool whose nodes will roll: `kata-oc`, or `master` on converged clusters. */
  poolName: string;
  /** False when the operator will create the pool (a new `kata-oc`). */
  poolExists: boolean;
  /** Each of these nodes is cordoned, drained and rebooted once. */
  nodes: string[];
  /** How many nodes update at once; null when the pool's maxUnavailable is unusable. */
  atATime: number | null;
  /** Why the pool's maxUnavailable is unusable, when it is. */
  maxUnavailableError: MaxUnavailableError | null;
  /** Rounds of `atATime` nodes; null when atATime is unknown. */
  rounds: number | null;
  duration: DurationEstimate;
}

/**
 * The rollout creating `kataConfig` starts. `observedNodeDurationsMs` are how long single node
 * updates were seen to take on this cluster; without any the duration is honestly unknown.
 */
export const estimateRolloutImpact = (
  kataConfig: KataConfig,
  targetNodes: readonly string[],
  pools: readonly MachineConfigPool[],
  observedNodeDurationsMs: readonly number[] = [],
): RolloutImpact => {
  const pool = rolloutPoolFor(kataConfig, pools);
  const poolName = pool?.metadata?.name ?? kataPoolName(isConvergedCluster(pools));
  // A pool the operator creates sets no maxUnavailable: the MCO default applies.
  const resolved = resolveMaxUnavailable(
    pool?.spec?.maxUnavailable,
    pool?.status?.machineCount ?? targetNodes.length,
    poolName,
  );
  const atATime = resolved.ok ? resolved.value : null;
  const base = {
    poolName,
    poolExists: pool !== null,
    nodes: [...targetNodes],
    atATime,
    maxUnavailableError: resolved.ok ? null : resolved.error,
    rounds: atATime === null ? null : Math.ceil(targetNodes.length / atATime),
  };
  if (targetNodes.length === 0) {
    return { ...base, duration: { kind: 'unknown', reason: 'noNodes' } };
  }
  if (atATime === null) {
    return { ...base, duration: { kind: 'unknown', reason: 'maxUnavailableInvalid' } };
  }
  const eta = estimateRemaining({
    completedDurationsMs: observedNodeDurationsMs,
    inProgressElapsedMs: [],
    queued: targetNodes.length,
    maxUnavailable: atATime,
  });
  return eta.kind === 'estimate'
    ? {
        ...base,
        duration: {
          kind: 'estimate',
          totalMs: eta.remainingMs,
          perNodeMs: eta.perNodeMs,
          samples: eta.samples,
        },
      }
    : { ...base, duration: { kind: 'unknown', reason: 'noObservations' } };
};
