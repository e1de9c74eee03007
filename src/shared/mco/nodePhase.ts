/**
 * Where one node is in a MachineConfig rollout. MachineConfigNode conditions are preferred when
 * the MCN is present and agrees with the node; otherwise the node annotations are read
 * (mco-rollout.md 2.2, 2.8, 3.3). Bad data never throws: it yields `unknown` with a note saying
 * why. Notes are ids with parameters for the UI to translate; `reason` is only ever the MCO's words.
 */
import type { Condition, Node } from '../k8s/types';
import {
  FAILED_NODE_STATES,
  MCN_NOT_YET_SET,
  MCNConditionType,
  NodeConditionType,
  NodeState,
  PostConfigAction,
  UNCORDON_PREFIX,
  UPDATE_IN_PROGRESS_TAINT,
} from './constants';
import {
  cordonedSince,
  emptyToUndefined,
  findTaint,
  isDrainPending,
  isUncordonPending,
  nodeCondition,
  nodeName,
  readNodeAnnotations,
  type NodeMcoAnnotations,
} from './nodeState';
import type { MachineConfigNode } from './types';

export type NodePhase =
  'queued' | 'cordoned' | 'draining' | 'applying' | 'rebooting' | 'done' | 'degraded' | 'unknown';

/** The finer step inside a phase, for tooltips and timelines. */
export type NodeStep =
  | 'waiting'
  | 'targeted'
  | 'preparing'
  | 'cordoning'
  | 'cordoned'
  | 'draining'
  | 'applying'
  | 'post-action'
  | 'rebooting'
  | 'resuming'
  | 'uncordoning'
  | 'updated'
  | 'degraded'
  | 'unknown';

const PHASE_OF_STEP: Record<NodeStep, NodePhase> = {
  waiting: 'queued',
  targeted: 'queued',
  // Preparing is the daemon's first move on the update; it is part of applying the config.
  preparing: 'applying',
  cordoning: 'cordoned',
  cordoned: 'cordoned',
  draining: 'draining',
  applying: 'applying',
  'post-action': 'applying',
  rebooting: 'rebooting',
  // After the reboot the node resumes and is uncordoned; still the reboot part of the update.
  resuming: 'rebooting',
  uncordoning: 'rebooting',
  updated: 'done',
  degraded: 'degraded',
  unknown: 'unknown',
};

/** Our explanation of a phase: why it is unknown, or what the node waits for. */
export type NodePhaseNote =
  | { id: 'noTargetConfig'; params: Record<string, never> }
  | { id: 'noMcoAnnotations'; params: Record<string, never> }
  | { id: 'annotationMissing'; params: { annotation: 'currentConfig' | 'desiredConfig' | 'state' } }
  | { id: 'degradedWithoutReason'; params: { state: string } }
  | { id: 'unrecognisedState'; params: { state: string } }
  | { id: 'stateContradictsConfig'; params: { state: string } }
  | { id: 'waitingForTarget'; params: Record<string, never> }
  | { id: 'waitingForDaemon'; params: Record<string, never> }
  | { id: 'waitingForCordon'; params: Record<string, never> };
export type NodePhaseNoteId = NodePhaseNote['id'];

/** Why a MachineConfigNode was present but not used. */
export type MachineConfigNodeIgnored =
  | { id: 'describesOtherNode'; params: { node: string } }
  | { id: 'noConditions'; params: Record<string, never> }
  | { id: 'desiredConfigDiffers'; params: { machineConfigNode: string; node: string } }
  | { id: 'currentConfigDiffers'; params: { machineConfigNode: string; node: string } }
  | { id: 'desiredConfigNotSet'; params: Record<string, never> };
export type MachineConfigNodeIgnoredId = MachineConfigNodeIgnored['id'];

export interface NodeRolloutPhase {
  node: string;
  phase: NodePhase;
  step: NodeStep;
  /** The MCO's own words, verbatim: the daemon's `reason` or the MCN condition message. */
  reason?: string;
  /** Our explanation, to translate: why the phase is unknown, or what is awaited. */
  note?: NodePhaseNote;
  /** ISO time the node entered this step, when the data records it. */
  since?: string;
  source: 'MachineConfigNode' | 'annotations';
  machineConfigNodeIgnored?: MachineConfigNodeIgnored;
  currentConfig?: string;
  desiredConfig?: string;
  targetConfig?: string;
  /** The controller has handed this node the pool's target (desiredConfig == target). */
  targeted: boolean;
}

type Derived = Pick<NodeRolloutPhase, 'step' | 'reason' | 'note' | 'since'>;

const result = (
  node: Node,
  a: NodeMcoAnnotations,
  target: string | undefined,
  d: Derived,
  source: NodeRolloutPhase['source'],
  machineConfigNodeIgnored?: MachineConfigNodeIgnored,
): NodeRolloutPhase => ({
  node: nodeName(node),
  phase: PHASE_OF_STEP[d.step],
  ...d,
  source,
  ...(machineConfigNodeIgnored ? { machineConfigNodeIgnored } : {}),
  currentConfig: emptyToUndefined(a.currentConfig),
  desiredConfig: emptyToUndefined(a.desiredConfig),
  targetConfig: target,
  targeted: !!target && a.desiredConfig === target && a.currentConfig !== target,
});

const NO_PARAMS: Record<string, never> = {};

const unknown = (note: NodePhaseNote): Derived => ({ step: 'unknown', note });

/** The Ready transition only dates a reboot while the node is actually not Ready. */
const notReadySince = (node: Node): string | undefined => {
  const ready = nodeCondition(node, NodeConditionType.Ready);
  return ready && ready.status !== 'True' ? ready.lastTransitionTime : undefined;
};

const KNOWN_STATES: readonly string[] = Object.values(NodeState);

/** Annotation rules: the same reading `oc adm upgrade status` uses, plus cordon and reboot hints. */
const fromAnnotations = (
  node: Node,
  a: NodeMcoAnnotations,
  target: string | undefined,
): Derived => {
  if (!target) return unknown({ id: 'noTargetConfig', params: NO_PARAMS });
  if (a.currentConfig === undefined && a.desiredConfig === undefined && a.state === undefined) {
    return unknown({ id: 'noMcoAnnotations', params: NO_PARAMS });
  }
  if (!a.currentConfig) {
    return unknown({ id: 'annotationMissing', params: { annotation: 'currentConfig' } });
  }
  if (!a.desiredConfig) {
    return unknown({ id: 'annotationMissing', params: { annotation: 'desiredConfig' } });
  }
  if (a.state && FAILED_NODE_STATES.includes(a.state)) {
    const reason = emptyToUndefined(a.reason);
    return reason
      ? { step: 'degraded', reason }
      : { step: 'degraded', note: { id: 'degradedWithoutReason', params: { state: a.state } } };
  }
  if (!a.state) return unknown({ id: 'annotationMissing', params: { annotation: 'state' } });
  if (!KNOWN_STATES.includes(a.state)) {
    return unknown({ id: 'unrecognisedState', params: { state: a.state } });
  }

  if (a.currentConfig === a.desiredConfig) {
    if (a.state !== NodeState.Done) {
      return unknown({ id: 'stateContradictsConfig', params: { state: a.state } });
    }
    if (a.currentConfig === target) return { step: 'updated' };
    const taint = findTaint(node, UPDATE_IN_PROGRESS_TAINT.key, UPDATE_IN_PROGRESS_TAINT.effect);
    return {
      step: 'waiting',
      note: { id: 'waitingForTarget', params: NO_PARAMS },
      since: emptyToUndefined(taint?.timeAdded),
    };
  }
  // currentConfig != desiredConfig: the node has been given a new config.
  if (a.state === NodeState.Done) {
    return { step: 'targeted', note: { id: 'waitingForDaemon', params: NO_PARAMS } };
  }
  if (a.postConfigAction === PostConfigAction.Rebooting || a.state === NodeState.Rebooting) {
    return { step: 'rebooting', since: notReadySince(node) };
  }
  const notReady = notReadySince(node);
  if (notReady) return { step: 'rebooting', since: notReady };
  if (isDrainPending(a)) {
    return node.spec?.unschedulable
      ? { step: 'draining', since: cordonedSince(node) }
      : { step: 'cordoning', note: { id: 'waitingForCordon', params: NO_PARAMS } };
  }
  if (isUncordonPending(a)) return { step: 'uncordoning' };
  // Uncordon carried out for this very config: only the daemon's Done report is left.
  if (a.lastAppliedDrain === `${UNCORDON_PREFIX}${a.desiredConfig}`) return { step: 'uncordoning' };
  // Drain done (or not needed): files, OS and extensions are being written.
  return { step: 'applying' };
};

const mcnCondition = (mcn: MachineConfigNode, type: string): Condition | undefined =>
  mcn.status?.conditions?.find((c) => c.type === type);

type ConditionWith<S extends string> = Condition & { status: S };

/** In progress (Unknown) or finished (True): the step has been reached. */
const isActive = (c: Condition | undefined): c is ConditionWith<'Unknown' | 'True'> =>
  c?.status === 'Unknown' || c?.status === 'True';
const isStatus = <S extends string>(c: Condition | undefined, status: S): c is ConditionWith<S> =>
  c?.status === status;

/** Returns why the MCN cannot be trusted for this node, or undefined when it can. */
const machineConfigNodeProblem = (
  node: Node,
  a: NodeMcoAnnotations,
  mcn: MachineConfigNode,
): MachineConfigNodeIgnored | undefined => {
  const name = nodeName(node);
  const mcnNode = mcn.spec?.node?.name ?? mcn.metadata?.name;
  if (mcnNode !== name) return { id: 'describesOtherNode', params: { node: mcnNode ?? '' } };
  if (!mcn.status?.conditions?.length) return { id: 'noConditions', params: NO_PARAMS };
  const desired = mcn.spec?.configVersion?.desired;
  if (a.desiredConfig && desired && desired !== MCN_NOT_YET_SET && desired !== a.desiredConfig) {
    return {
      id: 'desiredConfigDiffers',
      params: { machineConfigNode: desired, node: a.desiredConfig },
    };
  }
  const current = mcn.status.configVersion?.current;
  if (a.currentConfig && current && current !== MCN_NOT_YET_SET && current !== a.currentConfig) {
    return {
      id: 'currentConfigDiffers',
      params: { machineConfigNode: current, node: a.currentConfig },
    };
  }
  if (
    mcn.status.configVersion?.desired === MCN_NOT_YET_SET &&
    a.currentConfig !== a.desiredConfig
  ) {
    // Targeted but the daemon has not prepared the update: the annotations say more.
    return { id: 'desiredConfigNotSet', params: NO_PARAMS };
  }
  return undefined;
};

/** MCN conditions, latest step first: earlier steps stay True while later ones run. */
const fromMachineConfigNode = (
  a: NodeMcoAnnotations,
  mcn: MachineConfigNode,
  target: string | undefined,
): Derived | undefined => {
  const c = (type: string) => mcnCondition(mcn, type);
  const degraded = c(MCNConditionType.NodeDegraded);
  if (isStatus(degraded, 'True') || FAILED_NODE_STATES.includes(a.state ?? '')) {
    const reason = emptyToUndefined(a.reason) ?? emptyToUndefined(degraded?.message);
    const since = isStatus(degraded, 'True') ? degraded.lastTransitionTime : undefined;
    return reason
      ? { step: 'degraded', reason, since }
      : {
          step: 'degraded',
          note: {
            id: 'degradedWithoutReason',
            params: { state: a.state ?? MCNConditionType.NodeDegraded },
          },
          since,
        };
  }
  const updated = c(MCNConditionType.Updated);
  const current = mcn.status?.configVersion?.current;
  if (isStatus(updated, 'True')) {
    if (target && current === target) return { step: 'updated', since: updated.lastTransitionTime };
    // Up to date with an older config: it waits for the controller (or the daemon) to move it.
    return undefined;
  }
  const steps: [string, NodeStep][] = [
    [MCNConditionType.Uncordoned, 'uncordoning'],
    [MCNConditionType.UpdateComplete, 'uncordoning'],
  ];
  for (const [type, step] of steps) {
    const cond = c(type);
    if (isActive(cond)) return { step, since: cond.lastTransitionTime, reason: cond.message };
  }
  const resumed = c(MCNConditionType.Resumed);
  if (isStatus(resumed, 'True')) return { step: 'resuming', since: resumed.lastTransitionTime };
  const rebooted = c(MCNConditionType.RebootedNode);
  if (isStatus(rebooted, 'Unknown'))
    return { step: 'rebooting', since: rebooted.lastTransitionTime };
  const postAction = c(MCNConditionType.UpdatePostActionComplete);
  if (isStatus(postAction, 'Unknown')) {
    return {
      step: 'post-action',
      since: postAction.lastTransitionTime,
      reason: postAction.message,
    };
  }
  for (const type of [
    MCNConditionType.AppliedFilesAndOS,
    MCNConditionType.AppliedOSImage,
    MCNConditionType.AppliedFiles,
  ]) {
    const cond = c(type);
    if (isActive(cond)) return { step: 'applying', since: cond.lastTransitionTime };
  }
  const drained = c(MCNConditionType.Drained);
  if (isStatus(drained, 'Unknown')) {
    return { step: 'draining', since: drained.lastTransitionTime, reason: drained.message };
  }
  // Drained, or a drain that is not required: the files are next.
  if (isStatus(drained, 'True')) return { step: 'applying', since: drained.lastTransitionTime };
  const cordoned = c(MCNConditionType.Cordoned);
  if (isStatus(cordoned, 'True')) return { step: 'cordoned', since: cordoned.lastTransitionTime };
  if (isStatus(cordoned, 'Unknown'))
    return { step: 'cordoning', since: cordoned.lastTransitionTime };
  const executed = c(MCNConditionType.UpdateExecuted);
  if (isActive(executed)) return { step: 'applying', since: executed.lastTransitionTime };
  const prepared = c(MCNConditionType.UpdatePrepared);
  if (isActive(prepared)) return { step: 'preparing', since: prepared.lastTransitionTime };
  return undefined;
};

/**
 * The rollout phase of `node` towards `targetConfig` (the pool's `spec.configuration.name`).
 * Pass the node's MachineConfigNode when the API serves them (4.19+).
 */
export const nodeRolloutPhase = (
  node: Node,
  targetConfig: string | undefined,
  machineConfigNode?: MachineConfigNode,
): NodeRolloutPhase => {
  const a = readNodeAnnotations(node);
  const target = emptyToUndefined(targetConfig);
  let ignored: MachineConfigNodeIgnored | undefined;
  if (machineConfigNode && target) {
    ignored = machineConfigNodeProblem(node, a, machineConfigNode);
    if (!ignored) {
      const derived = fromMachineConfigNode(a, machineConfigNode, target);
      if (derived) return result(node, a, target, derived, 'MachineConfigNode');
    }
  }
  return result(node, a, target, fromAnnotations(node, a, target), 'annotations', ignored);
};
