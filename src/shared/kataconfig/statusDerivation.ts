/**
 * KataConfig status as the OSC operator computes it: which of the seven `kataNodes` lists each
 * node is on, the node counts, and the single `InProgress` condition, for one reconcile pass.
 * Pure: the caller gathers nodes and pools, this module decides.
 *
 * Deliberate improvements over upstream (all listed as warts in osc-operator.md section 6) that
 * leave the wire format unchanged:
 * - `lastTransitionTime` moves only when the condition's status, reason or message changes;
 * - nodes carrying the kata pool's role label are classified even without the worker label;
 * - `Unreconcilable` nodes count as failed, like `Degraded` ones;
 * - the blocked-uninstall message can list every blocking pod after upstream's own text.
 */
import { FAILED_NODE_STATES, NodeAnnotation, NodeState, PoolConditionType } from '../mco/constants';
import type { Condition, Node } from '../k8s/types';
import {
  arrayOrEmpty,
  compactKataNodes,
  findInProgressCondition,
  isRecord,
  normalizeKataNodes,
} from './accessors';
import type { NormalizedKataNodes } from './accessors';
import {
  IN_PROGRESS_CONDITION_TYPE,
  IN_PROGRESS_MESSAGES,
  IN_PROGRESS_REASONS,
  KATA_NODE_ROLE_LABEL,
  KATA_POOL_NAME,
  MASTER_NODE_ROLE_LABEL,
  MASTER_POOL_NAME,
  WORKER_NODE_ROLE_LABEL,
  WORKER_POOL_NAME,
  blockedByExistingKataPodsDetailedMessage,
  blockedByExistingKataPodsMessage,
  failedNodeMessage,
} from './constants';
import type { KataConfigCondition, KataConfigStatus, KataNodeListName } from './types';
import { KATA_NODE_LISTS } from './types';

/**
 * The part of a MachineConfigPool this module reads. Declared here rather than imported so the
 * KataConfig rules read only these fields; a full MachineConfigPool satisfies it.
 */
export interface PoolSnapshot {
  metadata?: { name?: string };
  spec?: { configuration?: { name?: string } | null };
  status?: {
    machineCount?: number;
    updatedMachineCount?: number;
    readyMachineCount?: number;
    degradedMachineCount?: number;
    conditions?: Condition[] | null;
  };
}

// ---------------------------------------------------------------------------------------------
// Pools
// ---------------------------------------------------------------------------------------------

const poolNameOf = (pool: unknown): unknown =>
  isRecord(pool) && isRecord(pool.metadata) ? pool.metadata.name : undefined;

export const findPool = (pools: readonly PoolSnapshot[], name: string): PoolSnapshot | undefined =>
  arrayOrEmpty(pools).find((pool) => poolNameOf(pool) === name);

/** The MCO reports an in-flight rollout as the pool condition `Updating=True`. */
export const isPoolUpdating = (pool: PoolSnapshot | null | undefined): boolean =>
  arrayOrEmpty(pool?.status?.conditions).some(
    (condition: unknown) =>
      isRecord(condition) &&
      condition.type === PoolConditionType.Updating &&
      condition.status === 'True',
  );

/** The rendered MachineConfig the pool is moving its nodes to (`spec.configuration.name`). */
export const poolTargetConfig = (pool: PoolSnapshot | null | undefined): string => {
  const name = pool?.spec?.configuration?.name;
  return typeof name === 'string' ? name : '';
};

/**
 * Upstream's heuristic for compact and single-node clusters: exactly two pools exist and
 * `worker` has no machines. Kata then goes to pool `master` and no `kata-oc` pool is created.
 */
export const isConvergedCluster = (pools: readonly PoolSnapshot[]): boolean => {
  const worker = findPool(pools, WORKER_POOL_NAME);
  return pools.length === 2 && worker !== undefined && (worker.status?.machineCount ?? 0) === 0;
};

/** Pool whose nodes run kata: `kata-oc`, or `master` on converged clusters. */
export const kataPoolName = (converged: boolean): string =>
  converged ? MASTER_POOL_NAME : KATA_POOL_NAME;

/** Node label the kata pool selects (always with the value ""). */
export const kataNodeRoleLabel = (converged: boolean): string =>
  converged ? MASTER_NODE_ROLE_LABEL : KATA_NODE_ROLE_LABEL;

/** Pool that runs the uninstall rollout: nodes go back to `worker` (or stay in `master`). */
export const uninstallPoolName = (converged: boolean): string =>
  converged ? MASTER_POOL_NAME : WORKER_POOL_NAME;

// ---------------------------------------------------------------------------------------------
// Per-node classification
// ---------------------------------------------------------------------------------------------

// Nodes come straight from the API, so every level is checked rather than trusted.
const metadataOf = (node: unknown): Record<string, unknown> =>
  isRecord(node) && isRecord(node.metadata) ? node.metadata : {};

const labelsOf = (node: Node): Record<string, unknown> => {
  const labels = metadataOf(node).labels;
  return isRecord(labels) ? labels : {};
};

const annotationOf = (node: Node, key: string): string | undefined => {
  const annotations = metadataOf(node).annotations;
  if (!isRecord(annotations)) {
    return undefined;
  }
  const value = annotations[key];
  return typeof value === 'string' ? value : undefined;
};

const nodeNameOf = (node: Node): string => {
  const name = metadataOf(node).name;
  return typeof name === 'string' ? name : '';
};

const hasLabel = (node: Node, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(labelsOf(node), key);

/** The pool a node is, or soon will be, in: what upstream reads the target config from. */
export const targetPoolNameForNode = (node: Node, converged: boolean): string => {
  if (converged) {
    return MASTER_POOL_NAME;
  }
  return hasLabel(node, KATA_NODE_ROLE_LABEL) ? KATA_POOL_NAME : WORKER_POOL_NAME;
};

export type NodeSkipProblem =
  'missingState' | 'missingCurrentConfig' | 'unknownState' | 'missingPool' | 'kataEnabledUnknown';

export type NodeClassification =
  | { kind: 'listed'; list: KataNodeListName; failureReason?: string }
  /** Kata is neither on the node nor meant to be: on no list, which is not an error. */
  | { kind: 'notInstalled' }
  | { kind: 'skipped'; problem: NodeSkipProblem };

export interface ClassificationContext {
  pools: readonly PoolSnapshot[];
  converged: boolean;
  /**
   * Converged clusters only: whether pool `master`'s target rendered MachineConfig lists the
   * kata extension (on other clusters the `kata-oc` label decides). Unknown skips the nodes.
   */
  convergedKataEnabled?: boolean | null;
}

/** Upstream's mutually exclusive predicates (osc-operator.md 2.5), as one decision. */
export const classifyNode = (node: Node, context: ClassificationContext): NodeClassification => {
  const poolName = targetPoolNameForNode(node, context.converged);
  const pool = findPool(context.pools, poolName);
  if (pool === undefined) {
    return { kind: 'skipped', problem: 'missingPool' };
  }
  const state = annotationOf(node, NodeAnnotation.state);
  if (state === undefined) {
    return { kind: 'skipped', problem: 'missingState' };
  }
  const currentConfig = annotationOf(node, NodeAnnotation.currentConfig);
  if (currentConfig === undefined) {
    return { kind: 'skipped', problem: 'missingCurrentConfig' };
  }
  let kataEnabled = poolName === KATA_POOL_NAME;
  if (context.converged) {
    if (typeof context.convergedKataEnabled !== 'boolean') {
      return { kind: 'skipped', problem: 'kataEnabledUnknown' };
    }
    kataEnabled = context.convergedKataEnabled;
  }
  // Not desiredConfig: the MCO writes that only right before it starts on the node.
  const atTarget = currentConfig === poolTargetConfig(pool);

  if (state === NodeState.Done) {
    if (atTarget) {
      return kataEnabled ? { kind: 'listed', list: 'installed' } : { kind: 'notInstalled' };
    }
    return { kind: 'listed', list: kataEnabled ? 'waitingToInstall' : 'waitingToUninstall' };
  }
  if (state === NodeState.Working) {
    return { kind: 'listed', list: kataEnabled ? 'installing' : 'uninstalling' };
  }
  if (FAILED_NODE_STATES.includes(state)) {
    return {
      kind: 'listed',
      list: kataEnabled ? 'failedToInstall' : 'failedToUninstall',
      failureReason: annotationOf(node, NodeAnnotation.reason) ?? '',
    };
  }
  return { kind: 'skipped', problem: 'unknownState' };
};

export interface NodeFailure {
  nodeName: string;
  list: 'failedToInstall' | 'failedToUninstall';
  /** The node's `machineconfiguration.openshift.io/reason`, "" when absent. */
  reason: string;
}

export interface KataNodesComputation {
  kataNodes: NormalizedKataNodes & { nodeCount: number; readyNodeCount: number };
  /** Failed nodes in name order; upstream's Failed message names the last one. */
  failures: NodeFailure[];
  /** Nodes upstream would log an error for and leave off every list. */
  skipped: { nodeName: string; problem: NodeSkipProblem }[];
}

const byName = (a: Node, b: Node): number => nodeNameOf(a).localeCompare(nodeNameOf(b));

/**
 * The `kataNodes` block. Lists come out in node-name order, the order the API server lists
 * nodes in, so results match upstream's and are stable across informer cache orderings.
 */
export const computeKataNodes = (
  nodes: readonly Node[],
  context: ClassificationContext,
): KataNodesComputation => {
  const roleLabel = kataNodeRoleLabel(context.converged);
  const lists = Object.fromEntries(KATA_NODE_LISTS.map((list) => [list, [] as string[]])) as Record<
    KataNodeListName,
    string[]
  >;
  const failures: NodeFailure[] = [];
  const skipped: KataNodesComputation['skipped'] = [];
  const validNodes = arrayOrEmpty(nodes).filter(
    (node) => isRecord(node) && nodeNameOf(node) !== '',
  );

  // Upstream counts nodes whose role label has exactly the value "" (a MatchingLabels list).
  const nodeCount = validNodes.filter((node) => labelsOf(node)[roleLabel] === '').length;

  const candidates = validNodes
    .filter((node) => hasLabel(node, WORKER_NODE_ROLE_LABEL) || hasLabel(node, roleLabel))
    .sort(byName);
  for (const node of candidates) {
    const name = nodeNameOf(node);
    const classification = classifyNode(node, context);
    if (classification.kind === 'skipped') {
      skipped.push({ nodeName: name, problem: classification.problem });
    } else if (classification.kind === 'listed') {
      lists[classification.list].push(name);
      if (
        classification.list === 'failedToInstall' ||
        classification.list === 'failedToUninstall'
      ) {
        failures.push({
          nodeName: name,
          list: classification.list,
          reason: classification.failureReason ?? '',
        });
      }
    }
  }
  return {
    kataNodes: { ...lists, nodeCount, readyNodeCount: lists.installed.length },
    failures,
    skipped,
  };
};

// ---------------------------------------------------------------------------------------------
// The InProgress condition
// ---------------------------------------------------------------------------------------------

type ConditionContent = Pick<Required<KataConfigCondition>, 'status' | 'reason' | 'message'>;

export const IN_PROGRESS_CONTENT = {
  installing: {
    status: 'True',
    reason: IN_PROGRESS_REASONS.installing,
    message: IN_PROGRESS_MESSAGES.installing,
  },
  updating: {
    status: 'True',
    reason: IN_PROGRESS_REASONS.updating,
    message: IN_PROGRESS_MESSAGES.updating,
  },
  uninstalling: {
    status: 'True',
    reason: IN_PROGRESS_REASONS.uninstalling,
    message: IN_PROGRESS_MESSAGES.uninstalling,
  },
  reset: { status: 'False', reason: IN_PROGRESS_REASONS.none, message: IN_PROGRESS_MESSAGES.none },
} as const satisfies Record<string, ConditionContent>;

export const failedContent = (nodeName: string, degradedReason: string): ConditionContent => ({
  status: 'True',
  reason: IN_PROGRESS_REASONS.failed,
  message: failedNodeMessage(nodeName, degradedReason),
});

export interface BlockingPods {
  /** The RuntimeClass upstream names: the first blocking pod's. */
  runtimeClassName: string;
  /** `namespace/name` of every blocking pod; when given, they are counted and listed. */
  podRefs?: readonly string[];
}

export const blockedContent = (blocking: BlockingPods): ConditionContent => ({
  status: 'False',
  reason: IN_PROGRESS_REASONS.blockedByExistingKataPods,
  message:
    blocking.podRefs && blocking.podRefs.length > 0
      ? blockedByExistingKataPodsDetailedMessage(blocking.runtimeClassName, blocking.podRefs)
      : blockedByExistingKataPodsMessage(blocking.runtimeClassName),
});

/**
 * Puts `content` into the InProgress condition, keeping the previous `lastTransitionTime` when
 * nothing visible changed so an unchanged status is byte-identical and need not be written.
 */
export const withInProgressCondition = (
  conditions: readonly KataConfigCondition[] | null | undefined,
  content: ConditionContent,
  now: string,
): KataConfigCondition[] => {
  const others = arrayOrEmpty(conditions).filter(
    (condition) => isRecord(condition) && condition.type !== IN_PROGRESS_CONDITION_TYPE,
  );
  const previous = findInProgressCondition({ status: { conditions } });
  const unchanged =
    previous !== null &&
    previous.status === content.status &&
    previous.reason === content.reason &&
    previous.message === content.message &&
    previous.lastTransitionTime !== '';
  return [
    ...others,
    {
      type: IN_PROGRESS_CONDITION_TYPE,
      status: content.status,
      reason: content.reason,
      message: content.message,
      lastTransitionTime: unchanged ? previous.lastTransitionTime : now,
    },
  ];
};

// ---------------------------------------------------------------------------------------------
// One reconcile pass
// ---------------------------------------------------------------------------------------------

export interface InstallPass {
  kind: 'install';
  /** The extension MachineConfig was created in this pass: starts the `Installing` phase. */
  machineConfigCreated?: boolean;
  /** The `kata-oc` label was added to or removed from some node in this pass. */
  nodeLabelsChanged?: boolean;
}

export interface UninstallPass {
  kind: 'uninstall';
  /** Pods still use a kata RuntimeClass: the uninstall waits and says so. */
  blockingPods?: BlockingPods | null;
  /** The `kata-oc` label was removed from some node in this pass. */
  nodeLabelsChanged?: boolean;
  /** The extension MachineConfig was deleted in this pass (what triggers converged clusters). */
  machineConfigDeleted?: boolean;
}

export interface StatusDerivationInput {
  /** The status as last written; null for a new KataConfig. */
  previous?: KataConfigStatus | null;
  nodes: readonly Node[];
  /** Every MachineConfigPool in the cluster (converged detection needs them all). */
  pools: readonly PoolSnapshot[];
  pass: InstallPass | UninstallPass;
  /** RFC 3339 time for a condition that changes in this pass. */
  now: string;
  /** Overrides upstream's converged-cluster heuristic. */
  converged?: boolean;
  convergedKataEnabled?: boolean | null;
}

/** What the pass concluded, so the reconciler knows whether to create or delete objects. */
export type PassOutcome =
  /** The MCO has not picked up our change yet; the node lists were left as they were. */
  | 'waitingForMcoToStart'
  /** The pool is rolling out. */
  | 'waitingForMco'
  /** The pool is idle: install goes on to RuntimeClasses, uninstall to cleanup. */
  | 'mcoDone'
  /** Uninstall is blocked by pods; retry later. */
  | 'blockedByKataPods';

export interface StatusDerivationResult {
  status: KataConfigStatus;
  outcome: PassOutcome;
  converged: boolean;
  mcoUpdating: boolean;
  failures: NodeFailure[];
  skipped: KataNodesComputation['skipped'];
}

const baseStatus = (previous: KataConfigStatus | null | undefined): KataConfigStatus => {
  const source: KataConfigStatus = isRecord(previous) ? previous : {};
  return {
    runtimeClasses: arrayOrEmpty(source.runtimeClasses).filter(
      (name: unknown): name is string => typeof name === 'string',
    ),
    // Upstream always serialises the counts, so a fresh status carries zeros.
    kataNodes: compactKataNodes(normalizeKataNodes(source.kataNodes)),
    conditions: arrayOrEmpty(source.conditions).filter((condition: unknown) => isRecord(condition)),
    waitingForMcoToStart: source.waitingForMcoToStart === true,
  };
};

/**
 * One reconcile pass of upstream's install (2.4) or uninstall (2.6) flow, reduced to its effect
 * on the status. Feed the returned status back as `previous` on the next pass.
 */
export const deriveKataConfigStatus = (input: StatusDerivationInput): StatusDerivationResult => {
  const pools = arrayOrEmpty(input.pools);
  const nodes = arrayOrEmpty(input.nodes);
  const converged = input.converged ?? isConvergedCluster(pools);
  const status = baseStatus(input.previous);
  const { pass } = input;
  // Upstream may overwrite the condition several times in one pass; only the last write counts,
  // and it is compared with what was stored before the pass.
  let conditionContent: ConditionContent | null = null;
  const inProgressStatus = (): string | null =>
    conditionContent?.status ?? findInProgressCondition({ status })?.status ?? null;
  const result = (
    outcome: PassOutcome,
    mcoUpdating: boolean,
    computation?: KataNodesComputation,
  ): StatusDerivationResult => {
    if (conditionContent) {
      status.conditions = withInProgressCondition(status.conditions, conditionContent, input.now);
    }
    return {
      status,
      outcome,
      converged,
      mcoUpdating,
      failures: computation?.failures ?? [],
      skipped: computation?.skipped ?? [],
    };
  };

  let mcoUpdating: boolean;
  if (pass.kind === 'install') {
    if (pass.machineConfigCreated) {
      conditionContent = IN_PROGRESS_CONTENT.installing;
    }
    // Upstream 1.8 also watched pool `worker` here; PR #596 dropped that because a worker pool
    // updating for unrelated reasons broke the detection.
    mcoUpdating = isPoolUpdating(findPool(pools, kataPoolName(converged)));
    const changeNeedsRollout = converged ? pass.machineConfigCreated : pass.nodeLabelsChanged;
    if (changeNeedsRollout && !mcoUpdating) {
      status.waitingForMcoToStart = true;
    }
    // A rollout that starts while nothing is in progress is a node-pool change.
    if (mcoUpdating && inProgressStatus() === 'False') {
      conditionContent = IN_PROGRESS_CONTENT.updating;
    }
  } else {
    if (pass.blockingPods) {
      conditionContent = blockedContent(pass.blockingPods);
      return result('blockedByKataPods', false);
    }
    conditionContent = IN_PROGRESS_CONTENT.uninstalling;
    const changeNeedsRollout = converged ? pass.machineConfigDeleted : pass.nodeLabelsChanged;
    if (changeNeedsRollout) {
      status.waitingForMcoToStart = true;
    }
    mcoUpdating = isPoolUpdating(findPool(pools, uninstallPoolName(converged)));
  }

  if (!mcoUpdating && status.waitingForMcoToStart) {
    return result('waitingForMcoToStart', mcoUpdating);
  }
  status.waitingForMcoToStart = false;

  const computation = computeKataNodes(nodes, {
    pools,
    converged,
    convergedKataEnabled: input.convergedKataEnabled,
  });
  status.kataNodes = compactKataNodes(computation.kataNodes);
  const lastFailure = computation.failures[computation.failures.length - 1];
  if (lastFailure) {
    conditionContent = failedContent(lastFailure.nodeName, lastFailure.reason);
  }
  if (mcoUpdating) {
    return result('waitingForMco', mcoUpdating, computation);
  }
  conditionContent = IN_PROGRESS_CONTENT.reset;
  return result('mcoDone', mcoUpdating, computation);
};
