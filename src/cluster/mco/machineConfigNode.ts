/**
 * MachineConfigNodes (`machineconfiguration.openshift.io/v1`, one per node, owned by it), written
 * the way the MCO's operator, daemon and drain controller write them (mco-rollout.md 3.2, 3.3):
 * every condition exists from the first write (`NotYetOccurred`), a condition's
 * lastTransitionTime moves only when its status does, `status.configVersion.desired` is set once
 * the update is prepared, and `Updated=True` resets every other condition to False with the
 * `Action during update to <cfg>: ` prefix.
 */
import type { Condition, Node } from '../../shared/k8s/types';
import type { MachineConfigNode, MachineConfigPool } from '../../shared/mco';
import {
  MCN_NOT_YET_SET,
  MCNConditionType,
  MCO_GROUP,
  NodeState,
  nodeName,
  nodesByPrimaryPool,
  readNodeAnnotations,
} from '../../shared/mco';
import type { Kube } from './kube';

export type McnStatus = 'True' | 'False' | 'Unknown';

export interface McnConditionChange {
  type: string;
  status: McnStatus;
  reason: string;
  message: string;
}

/** What a daemon or drain-controller step writes on the node's MachineConfigNode. */
export interface McnUpdate {
  conditions?: McnConditionChange[];
  /** `status.configVersion.desired` (set when the update is prepared). */
  desired?: string;
  /** The update to this config is complete: current = desired = it, `Updated=True`, reset. */
  updatedTo?: string;
  /** Reset every condition to False (a failed update abandoned for a newer target). */
  reset?: boolean;
}

const C = MCNConditionType;

/** The conditions an MCN carries, in the order the MCO creates them. */
const CONDITION_TYPES: readonly string[] = [
  C.UpdatePrepared,
  C.UpdateExecuted,
  C.UpdatePostActionComplete,
  C.UpdateComplete,
  C.Updated,
  C.Resumed,
  C.NodeDegraded,
  C.AppliedFilesAndOS,
  C.Cordoned,
  C.Drained,
  C.RebootedNode,
  C.Uncordoned,
  C.PinnedImageSetsProgressing,
  C.PinnedImageSetsDegraded,
];

const timestamp = (now: Date): string => now.toISOString().replace(/\.\d{3}Z$/, 'Z');

const initialCondition = (type: string, now: Date): Condition => {
  const pinned =
    type === C.PinnedImageSetsProgressing
      ? 'All pinned image sets complete'
      : type === C.PinnedImageSetsDegraded
        ? 'All is good'
        : undefined;
  return {
    type,
    status: 'False',
    reason: pinned ? 'AsExpected' : 'NotYetOccurred',
    message: pinned ?? `This node has not yet entered the ${type} phase`,
    lastTransitionTime: timestamp(now),
  };
};

/** Applies `changes`; lastTransitionTime moves only for conditions whose status changes. */
const applyChanges = (
  previous: readonly Condition[],
  changes: readonly McnConditionChange[],
  now: Date,
): Condition[] => {
  const conditions = CONDITION_TYPES.map(
    (type) => previous.find((c) => c.type === type) ?? initialCondition(type, now),
  );
  for (const extra of previous) {
    if (!CONDITION_TYPES.includes(extra.type)) conditions.push(extra);
  }
  return conditions.map((c) => {
    const change = changes.find((x) => x.type === c.type);
    if (!change) return c;
    return {
      ...c,
      status: change.status,
      reason: change.reason,
      message: change.message,
      lastTransitionTime: change.status === c.status ? c.lastTransitionTime : timestamp(now),
    };
  });
};

/** Every condition that is not False goes False, its message prefixed with the update it was for. */
const resetConditions = (
  conditions: readonly Condition[],
  config: string,
  now: Date,
): Condition[] =>
  conditions.map((c) =>
    c.status === 'False' || c.type === C.Updated
      ? c
      : {
          ...c,
          status: 'False',
          message: `Action during update to ${config}: ${c.message ?? ''}`,
          lastTransitionTime: timestamp(now),
        },
  );

export const updatedCondition = (node: string, updated: boolean): McnConditionChange => ({
  type: C.Updated,
  status: updated ? 'True' : 'False',
  reason: C.Updated,
  message: updated ? `Node ${node} Updated` : `Node ${node} needs an update`,
});

const ownerReference = (node: Node) => ({
  apiVersion: 'v1',
  kind: 'Node',
  name: nodeName(node),
  uid: node.metadata?.uid ?? '',
});

/** A new MachineConfigNode for `node`, with the status the MCO would report for it now. */
const newMachineConfigNode = (node: Node, pool: string, now: Date): MachineConfigNode => {
  const name = nodeName(node);
  const a = readNodeAnnotations(node);
  const desired = a.desiredConfig ?? MCN_NOT_YET_SET;
  const done =
    !!a.currentConfig && a.currentConfig === a.desiredConfig && a.state === NodeState.Done;
  return {
    apiVersion: `${MCO_GROUP}/v1`,
    kind: 'MachineConfigNode',
    metadata: { name, ownerReferences: [ownerReference(node)] },
    spec: { node: { name }, pool: { name: pool }, configVersion: { desired } },
    status: {
      configVersion: {
        current: a.currentConfig ?? MCN_NOT_YET_SET,
        // Mid-update the progress so far is unknown: leave desired unset so readers use the node.
        desired: done ? desired : MCN_NOT_YET_SET,
      },
      conditions: applyChanges([], [updatedCondition(name, done)], now),
    },
  };
};

/** The MCO writes observedGeneration as generation + 1. */
const withObservedGeneration = (mcn: MachineConfigNode): MachineConfigNode => ({
  ...mcn,
  status: { ...mcn.status, observedGeneration: (mcn.metadata?.generation ?? 0) + 1 },
});

const createMachineConfigNode = (
  kube: Kube,
  node: Node,
  pool: string,
  now: Date,
): MachineConfigNode => {
  const fresh = newMachineConfigNode(node, pool, now);
  const created = kube.createMachineConfigNode(fresh);
  return kube.updateMachineConfigNodeStatus(
    withObservedGeneration({ ...created, status: fresh.status }),
  );
};

/** Writes a daemon or drain-controller step on the node's MCN (created when missing). */
export const updateMachineConfigNode = (
  kube: Kube,
  node: Node,
  update: McnUpdate,
  now: Date,
): void => {
  const mcn =
    kube.machineConfigNode(nodeName(node)) ??
    createMachineConfigNode(kube, node, MCN_NOT_YET_SET, now);
  const status = mcn.status ?? {};
  let conditions = applyChanges(status.conditions ?? [], update.conditions ?? [], now);
  const configVersion = { ...status.configVersion };
  if (update.desired) configVersion.desired = update.desired;
  if (update.reset) conditions = resetConditions(conditions, configVersion.desired ?? '', now);
  if (update.updatedTo) {
    conditions = applyChanges(
      resetConditions(conditions, update.updatedTo, now),
      [updatedCondition(nodeName(node), true)],
      now,
    );
    configVersion.current = update.updatedTo;
    configVersion.desired = update.updatedTo;
  }
  kube.updateMachineConfigNodeStatus(
    withObservedGeneration({ ...mcn, status: { ...status, configVersion, conditions } }),
  );
};

const UNASSIGNED = MCN_NOT_YET_SET;

/**
 * The operator's part: every node has an MCN owned by it, whose `spec.pool.name` is the node's
 * primary pool and `spec.configVersion.desired` its desiredConfig.
 */
export const syncMachineConfigNodes = (
  kube: Kube,
  pools: readonly MachineConfigPool[],
  now: Date,
): void => {
  const nodes = kube.nodes();
  const poolOf = new Map<string, string>();
  for (const [pool, members] of nodesByPrimaryPool(nodes, [...pools])) {
    for (const n of members) poolOf.set(nodeName(n), pool);
  }
  const existing = new Map(kube.machineConfigNodes().map((m) => [m.metadata?.name ?? '', m]));
  for (const node of nodes) {
    const name = nodeName(node);
    const pool = poolOf.get(name) ?? UNASSIGNED;
    const mcn = existing.get(name);
    if (!mcn) {
      createMachineConfigNode(kube, node, pool, now);
      continue;
    }
    const desired = readNodeAnnotations(node).desiredConfig ?? MCN_NOT_YET_SET;
    const owner = ownerReference(node);
    const owned = mcn.metadata?.ownerReferences?.some((r) => r.uid === owner.uid) ?? false;
    if (
      mcn.spec?.pool?.name === pool &&
      mcn.spec.configVersion?.desired === desired &&
      mcn.spec.node?.name === name &&
      owned
    ) {
      continue;
    }
    kube.updateMachineConfigNode({
      ...mcn,
      metadata: { ...mcn.metadata, ownerReferences: [owner] },
      spec: { ...mcn.spec, node: { name }, pool: { name: pool }, configVersion: { desired } },
    });
  }
};
