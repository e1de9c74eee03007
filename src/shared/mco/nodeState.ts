/**
 * What the MCO reads from a Node: its annotations and the readiness, done, failing and
 * unavailable rules of the node controller (mco-rollout.md 2.7). One place for each rule.
 */
import type { Condition, Node, Taint } from '../k8s/types';
import {
  DRAIN_PREFIX,
  DrainVerb,
  FAILED_NODE_STATES,
  NODE_OS_LABEL,
  NodeAnnotation,
  NodeConditionType,
  NodeState,
  UNCORDON_PREFIX,
  UNSCHEDULABLE_TAINT_KEY,
  UPDATE_IN_PROGRESS_TAINT,
  WINDOWS_OS,
  type DrainVerbValue,
} from './constants';

/** The MCO annotations of a node; an absent annotation is `undefined`, an empty one `''`. */
export interface NodeMcoAnnotations {
  currentConfig?: string;
  desiredConfig?: string;
  state?: string;
  reason?: string;
  desiredDrain?: string;
  lastAppliedDrain?: string;
  postConfigAction?: string;
  currentImage?: string;
  desiredImage?: string;
}

export const readNodeAnnotations = (node: Node): NodeMcoAnnotations => {
  const a = node.metadata?.annotations ?? {};
  return {
    currentConfig: a[NodeAnnotation.currentConfig],
    desiredConfig: a[NodeAnnotation.desiredConfig],
    state: a[NodeAnnotation.state],
    reason: a[NodeAnnotation.reason],
    desiredDrain: a[NodeAnnotation.desiredDrain],
    lastAppliedDrain: a[NodeAnnotation.lastAppliedDrain],
    postConfigAction: a[NodeAnnotation.postConfigAction],
    currentImage: a[NodeAnnotation.currentImage],
    desiredImage: a[NodeAnnotation.desiredImage],
  };
};

export const nodeName = (node: Node): string => node.metadata?.name ?? '';

/** The MCO writes "" for "not set"; treat it like an absent value. */
export const emptyToUndefined = (value: string | undefined): string | undefined =>
  value === '' ? undefined : value;

export const nodeCondition = (node: Node, type: string): Condition | undefined =>
  node.status?.conditions?.find((c) => c.type === type);

export const findTaint = (node: Node, key: string, effect?: string): Taint | undefined =>
  node.spec?.taints?.find((t) => t.key === key && (effect === undefined || t.effect === effect));

export const hasUpdateInProgressTaint = (node: Node): boolean =>
  findTaint(node, UPDATE_IN_PROGRESS_TAINT.key, UPDATE_IN_PROGRESS_TAINT.effect) !== undefined;

/** When the node was cordoned, if Kubernetes recorded it on the unschedulable taint. */
export const cordonedSince = (node: Node): string | undefined =>
  node.spec?.unschedulable
    ? emptyToUndefined(findTaint(node, UNSCHEDULABLE_TAINT_KEY)?.timeAdded)
    : undefined;

export const isWindowsNode = (node: Node): boolean =>
  node.metadata?.labels?.[NODE_OS_LABEL] === WINDOWS_OS;

/** The oc wording for each reason a node is unavailable, in the order oc lists them. */
export const UnavailableReason = {
  notReady: 'Not ready',
  diskPressure: 'Disk pressure',
  networkUnavailable: 'Network unavailable',
  unschedulable: 'Node is marked unschedulable',
  daemonWorking: 'Machine Config Daemon is processing the node',
} as const;

export interface UnavailableCause {
  reason: string;
  message?: string;
  since?: string;
}

/**
 * Why the MCO would not consider this node schedulable. Only conditions that are present are
 * checked (a node without a Ready condition is not held against it), as the MCO does.
 */
export const nodeReadinessProblems = (node: Node): UnavailableCause[] => {
  const problems: UnavailableCause[] = [];
  for (const c of node.status?.conditions ?? []) {
    const cause = { message: c.message, since: c.lastTransitionTime };
    if (c.type === NodeConditionType.Ready && c.status !== 'True') {
      problems.push({ ...cause, reason: UnavailableReason.notReady });
    } else if (c.type === NodeConditionType.DiskPressure && c.status !== 'False') {
      problems.push({ ...cause, reason: UnavailableReason.diskPressure });
    } else if (c.type === NodeConditionType.NetworkUnavailable && c.status !== 'False') {
      problems.push({ ...cause, reason: UnavailableReason.networkUnavailable });
    }
  }
  if (node.spec?.unschedulable) problems.push({ reason: UnavailableReason.unschedulable });
  return problems;
};

export const isNodeReadyForMco = (node: Node): boolean => nodeReadinessProblems(node).length === 0;

/** Image annotations only count when present (image-mode pools); both absent is "done". */
const isImageDone = (a: NodeMcoAnnotations): boolean => {
  if (a.desiredImage === undefined && a.currentImage === undefined) return true;
  return !!a.desiredImage && !!a.currentImage && a.desiredImage === a.currentImage;
};

/** currentConfig == desiredConfig (both non-empty), images done, and the daemon reports Done. */
export const isNodeDone = (node: Node): boolean => {
  const a = readNodeAnnotations(node);
  return (
    !!a.currentConfig &&
    a.currentConfig === a.desiredConfig &&
    isImageDone(a) &&
    a.state === NodeState.Done
  );
};

/** Done on the pool's target: what `updatedMachineCount` counts. */
export const isNodeUpdatedTo = (node: Node, target: string | undefined): boolean =>
  !!target && isNodeDone(node) && readNodeAnnotations(node).currentConfig === target;

/** The daemon reports Degraded or Unreconcilable (what `degradedMachineCount` counts). */
export const isNodeDegraded = (node: Node): boolean =>
  FAILED_NODE_STATES.includes(readNodeAnnotations(node).state ?? '');

/** Gave up on an update it has not applied: may be retargeted, and uses a maxUnavailable slot. */
export const isNodeFailing = (node: Node): boolean => {
  const a = readNodeAnnotations(node);
  return a.currentConfig !== a.desiredConfig && isNodeDegraded(node);
};

/** Not ready/schedulable, or the daemon is (or is about to be) working on it. */
export const isNodeUnavailable = (node: Node): boolean => {
  if (!isNodeReadyForMco(node)) return true;
  if (isNodeDone(node)) return false;
  return !isNodeFailing(node);
};

/** Every reason the node is unavailable, in oc's wording; empty when it is available. */
export const nodeUnavailableCauses = (node: Node): UnavailableCause[] => {
  const problems = nodeReadinessProblems(node);
  if (problems.length > 0) return problems;
  return isNodeUnavailable(node) ? [{ reason: UnavailableReason.daemonWorking }] : [];
};

export interface DrainRequest {
  verb: DrainVerbValue;
  /** The rendered config the request was made for. */
  config: string;
}

/** Parses `drain-<config>` / `uncordon-<config>`; anything else is `undefined`. */
export const parseDrainRequest = (value: string | undefined): DrainRequest | undefined => {
  if (value?.startsWith(DRAIN_PREFIX)) {
    return { verb: DrainVerb.drain, config: value.slice(DRAIN_PREFIX.length) };
  }
  if (value?.startsWith(UNCORDON_PREFIX)) {
    return { verb: DrainVerb.uncordon, config: value.slice(UNCORDON_PREFIX.length) };
  }
  return undefined;
};

/**
 * A drain was requested and the drain controller has not finished it. The two drain
 * annotations are compared with each other, never with desiredConfig: a drain can still
 * reference an older target.
 */
export const isDrainPending = (a: NodeMcoAnnotations): boolean =>
  !!a.desiredDrain &&
  !!a.lastAppliedDrain &&
  a.desiredDrain !== a.lastAppliedDrain &&
  parseDrainRequest(a.desiredDrain)?.verb === DrainVerb.drain;

/** An uncordon was requested (after the update) and not yet carried out. */
export const isUncordonPending = (a: NodeMcoAnnotations): boolean =>
  !!a.desiredDrain &&
  a.desiredDrain !== a.lastAppliedDrain &&
  parseDrainRequest(a.desiredDrain)?.verb === DrainVerb.uncordon;
