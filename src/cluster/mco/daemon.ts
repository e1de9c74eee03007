/**
 * The machine-config-daemon and the drain controller for one node: a state machine whose state
 * lives in node annotations (the MCO's own plus `sim.kata-local/daemon-*`), so a restarted
 * simulator picks up where it stopped. Each step is one visible write, taken when its (scaled)
 * duration has elapsed since the previous one (mco-rollout.md 2.2, 2.3).
 */
import type { Condition, Node, Taint } from '../../shared/k8s/types';
import {
  DRAIN_PREFIX,
  isNodeDegraded,
  MCNConditionType as C,
  NODE_ROLE_LABEL_PREFIX,
  NodeAnnotation,
  NodeConditionType,
  NodeState,
  nodeName,
  PostConfigAction,
  readNodeAnnotations,
  UNCORDON_PREFIX,
  UNSCHEDULABLE_TAINT_KEY,
} from '../../shared/mco';
import type { Kube } from './kube';
import type { McnConditionChange, McnStatus, McnUpdate } from './machineConfigNode';
import { updateMachineConfigNode, updatedCondition } from './machineConfigNode';
import type { DaemonStepValue } from './simConstants';
import {
  DaemonStep,
  Fault,
  MASTER_DRAIN_MS,
  SimAnnotation,
  STEP_DURATION_MS,
} from './simConstants';

export interface DaemonOptions {
  speed: number;
  /** Drain wait before the daemon reports Degraded, at speed 1. */
  drainTimeoutMs: number;
}

const NOT_READY_TAINT_KEY = 'node.kubernetes.io/not-ready';
const STEPS: readonly string[] = Object.values(DaemonStep);

const isStep = (value: string | undefined): value is DaemonStepValue =>
  value !== undefined && STEPS.includes(value);

const timestamp = (now: Date): string => now.toISOString().replace(/\.\d{3}Z$/, 'Z');

const isMaster = (node: Node): boolean =>
  node.metadata?.labels?.[`${NODE_ROLE_LABEL_PREFIX}master`] !== undefined;

export const stepDurationMs = (step: DaemonStepValue, node: Node, speed: number): number => {
  const base =
    step === DaemonStep.drain && isMaster(node) ? MASTER_DRAIN_MS : STEP_DURATION_MS[step];
  return base / speed;
};

const annotate = (node: Node, values: Record<string, string | undefined>): Node => {
  const annotations = { ...node.metadata?.annotations };
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) Reflect.deleteProperty(annotations, key);
    else annotations[key] = value;
  }
  return { ...node, metadata: { ...node.metadata, annotations } };
};

/** Moves to `step`, restarting its timer; the daemon is Working with no error. */
const advance = (
  node: Node,
  step: DaemonStepValue,
  now: Date,
  extra: Record<string, string | undefined> = {},
): Node =>
  annotate(node, {
    [NodeAnnotation.state]: NodeState.Working,
    [NodeAnnotation.reason]: '',
    [SimAnnotation.step]: step,
    [SimAnnotation.stepSince]: now.toISOString(),
    ...extra,
  });

const withTaint = (node: Node, key: string, effect: string, present: boolean, now: Date): Node => {
  const others = (node.spec?.taints ?? []).filter((t) => !(t.key === key && t.effect === effect));
  const taints: Taint[] = present
    ? [...others, { key, effect, timeAdded: timestamp(now) }]
    : others;
  return { ...node, spec: { ...node.spec, taints } };
};

const setUnschedulable = (node: Node, value: boolean, now: Date): Node => {
  const tainted = withTaint(node, UNSCHEDULABLE_TAINT_KEY, 'NoSchedule', value, now);
  const spec = { ...tainted.spec };
  if (value) spec.unschedulable = true;
  else delete spec.unschedulable;
  return { ...tainted, spec };
};

const readyCondition = (ready: boolean, now: Date, previous?: Condition): Condition => ({
  ...previous,
  type: NodeConditionType.Ready,
  status: ready ? 'True' : 'False',
  reason: ready ? 'KubeletReady' : 'KubeletNotReady',
  message: ready
    ? 'kubelet is posting ready status'
    : 'node is rebooting into a new machine config (simulated)',
  lastHeartbeatTime: timestamp(now),
  lastTransitionTime: timestamp(now),
});

/** Writes the node, then (when asked) its Ready condition through the status subresource. */
const write = (kube: Kube, node: Node, ready?: boolean, now = new Date()): void => {
  const stored = kube.updateNode(node);
  if (ready === undefined) return;
  const conditions = stored.status?.conditions ?? [];
  const previous = conditions.find((c) => c.type === NodeConditionType.Ready);
  kube.updateNodeStatus({
    ...stored,
    status: {
      ...stored.status,
      conditions: [
        ...conditions.filter((c) => c.type !== NodeConditionType.Ready),
        readyCondition(ready, now, previous),
      ],
    },
  });
};

/** Deletes the pods a drain would evict: everything but DaemonSet and mirror pods. */
const evictPods = (kube: Kube, node: Node): void => {
  for (const pod of kube.podsOnNode(nodeName(node))) {
    const daemonSet = (pod.metadata?.ownerReferences ?? []).some((r) => r.kind === 'DaemonSet');
    const mirror = pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined;
    if (!daemonSet && !mirror && !pod.metadata?.deletionTimestamp) kube.deletePod(pod);
  }
};

const drainFailure = (node: Node): string =>
  `failed to drain node: ${nodeName(node)} after 1 hour. Please see machine-config-controller logs for more information`;

const failUpdateReason = (target: string): string =>
  `failed to update OS to ${target}: error running rpm-ostree rebase: error: Importing: Unable to pull image: reading blob sha256:4e1c2d: read tcp 10.0.1.12:48238->52.1.20.113:443: i/o timeout`;

const cond = (
  type: string,
  status: McnStatus,
  message: string,
  parent?: string,
): McnConditionChange => ({ type, status, reason: `${parent ?? ''}${type}`, message });

/** The deferred NodeDegraded write at the end of every update attempt. */
const degradedCondition = (node: Node, error?: string): McnConditionChange =>
  cond(
    C.NodeDegraded,
    error ? 'True' : 'False',
    error
      ? `Node ${nodeName(node)} upgrade failure. ${error}`
      : `Node ${nodeName(node)} upgrade succeeded`,
  );

/** A step's MCN write; a node that was degraded and moves on again is no longer degraded. */
const mcnStep = (kube: Kube, node: Node, now: Date, update: McnUpdate): void => {
  const conditions = [...(update.conditions ?? [])];
  if (isNodeDegraded(node) && !conditions.some((c) => c.type === C.NodeDegraded)) {
    conditions.push(degradedCondition(node));
  }
  updateMachineConfigNode(kube, node, { ...update, conditions }, now);
};

/** Degraded/Unreconcilable with `reason`, without moving on; a no-op when already so. */
const fail = (
  kube: Kube,
  node: Node,
  state: string,
  reason: string,
  now: Date,
  conditions: McnConditionChange[] = [],
): void => {
  const a = readNodeAnnotations(node);
  if (a.state === state && a.reason === reason) return;
  write(kube, annotate(node, { [NodeAnnotation.state]: state, [NodeAnnotation.reason]: reason }));
  updateMachineConfigNode(
    kube,
    node,
    { conditions: [...conditions, degradedCondition(node, reason)] },
    now,
  );
};

const drainerMessage = (desired: string, current: string): string =>
  `Draining node. The drain will not be complete until desired drainer ${desired} matches current drainer ${current}`;

/** Whether moving from one rendered config to another changes the OS (image, extensions, kernel). */
const osChanges = (kube: Kube, from: string | undefined, to: string): boolean => {
  const configs = kube.machineConfigs();
  const os = (name: string | undefined): string => {
    const spec = configs.find((mc) => mc.metadata?.name === name)?.spec;
    return JSON.stringify([
      spec?.osImageURL,
      spec?.extensions ?? [],
      spec?.kernelArguments ?? [],
      spec?.kernelType,
    ]);
  };
  return os(from) !== os(to);
};

/**
 * Runs the node's daemon once. Returns when it wants to run again (epoch ms), or `undefined`
 * when it waits for a change (idle, or blocked by a fault).
 */
export const runDaemon = (
  kube: Kube,
  node: Node,
  now: Date,
  options: DaemonOptions,
): number | undefined => {
  const a = readNodeAnnotations(node);
  const ann = node.metadata?.annotations ?? {};
  const stepValue = ann[SimAnnotation.step];
  const desired = a.desiredConfig;
  if (!isStep(stepValue)) {
    if (!desired || !a.currentConfig || desired === a.currentConfig) return undefined;
    // The daemon noticed a new target; its state only changes once it has prepared.
    write(
      kube,
      annotate(node, {
        [SimAnnotation.step]: DaemonStep.prepare,
        [SimAnnotation.stepSince]: now.toISOString(),
        [SimAnnotation.target]: desired,
      }),
    );
    mcnStep(kube, node, now, { conditions: [updatedCondition(nodeName(node), false)] });
    return now.getTime() + stepDurationMs(DaemonStep.prepare, node, options.speed);
  }
  let target = ann[SimAnnotation.target] ?? desired ?? '';
  if (desired && desired !== target && isNodeDegraded(node)) {
    // A failed update is abandoned for a newer target.
    write(kube, advance(node, DaemonStep.prepare, now, { [SimAnnotation.target]: desired }));
    updateMachineConfigNode(
      kube,
      node,
      { reset: true, conditions: [updatedCondition(nodeName(node), false)] },
      now,
    );
    return now.getTime() + stepDurationMs(DaemonStep.prepare, node, options.speed);
  }
  target ||= desired ?? '';
  const parsedSince = Date.parse(ann[SimAnnotation.stepSince] ?? '');
  const since = Number.isNaN(parsedSince) ? now.getTime() : parsedSince;
  const due = since + stepDurationMs(stepValue, node, options.speed);
  if (now.getTime() < due) return due;
  const fault = ann[SimAnnotation.fault];
  const faultReason = ann[SimAnnotation.faultReason];
  const next = (step: DaemonStepValue): number =>
    now.getTime() + stepDurationMs(step, node, options.speed);

  switch (stepValue) {
    case DaemonStep.prepare:
      if (fault === Fault.unreconcilable) {
        const reason =
          faultReason ??
          `can't reconcile config ${a.currentConfig ?? ''} with ${target}: ignition disks section contains changes: unreconcilable`;
        fail(kube, node, NodeState.Unreconcilable, reason, now, [
          cond(
            C.UpdatePrepared,
            'Unknown',
            `Update Failed compatibility validation. Error: ${reason}`,
          ),
        ]);
        return undefined;
      }
      write(kube, advance(node, DaemonStep.requestDrain, now));
      mcnStep(kube, node, now, {
        desired: target,
        conditions: [
          cond(
            C.UpdatePrepared,
            'True',
            'Update Compatible. Post Cfg Actions: [] Drain Required: true',
          ),
        ],
      });
      return next(DaemonStep.requestDrain);
    case DaemonStep.requestDrain:
      write(
        kube,
        advance(node, DaemonStep.cordon, now, {
          [NodeAnnotation.desiredDrain]: `${DRAIN_PREFIX}${target}`,
        }),
      );
      mcnStep(kube, node, now, {
        conditions: [
          cond(C.UpdateExecuted, 'Unknown', 'Cordoning node'),
          cond(
            C.Cordoned,
            'Unknown',
            'Cordoning node. The drain controller has been asked to cordon the node',
            C.UpdateExecuted,
          ),
        ],
      });
      return next(DaemonStep.cordon);
    case DaemonStep.cordon:
      write(kube, setUnschedulable(advance(node, DaemonStep.drain, now), true, now));
      mcnStep(kube, node, now, {
        conditions: [
          cond(C.UpdateExecuted, 'Unknown', 'Draining node'),
          cond(
            C.Cordoned,
            'True',
            'Cordoned node. The node is reporting Unschedulable = true',
            C.UpdateExecuted,
          ),
          cond(
            C.Drained,
            'Unknown',
            drainerMessage(a.desiredDrain ?? '', a.lastAppliedDrain ?? ''),
            C.UpdateExecuted,
          ),
        ],
      });
      return next(DaemonStep.drain);
    case DaemonStep.drain: {
      if (fault === Fault.stuckDrain) {
        const giveUp = since + options.drainTimeoutMs / options.speed;
        if (now.getTime() < giveUp) return giveUp;
        fail(kube, node, NodeState.Degraded, drainFailure(node), now, [
          cond(
            C.Drained,
            'Unknown',
            `Error: Node Drain has not succeeded. Error is: ${drainFailure(node)}`,
            C.UpdateExecuted,
          ),
        ]);
        return undefined;
      }
      evictPods(kube, node);
      const drainer = a.desiredDrain ?? `${DRAIN_PREFIX}${target}`;
      write(
        kube,
        advance(node, DaemonStep.apply, now, { [NodeAnnotation.lastAppliedDrain]: drainer }),
      );
      const os = osChanges(kube, a.currentConfig, target) ? 'will' : 'will not';
      mcnStep(kube, node, now, {
        conditions: [
          cond(C.UpdateExecuted, 'Unknown', 'Applying files and new OS config to node'),
          cond(
            C.Drained,
            'True',
            `Drained node. The drain is complete as the desired drainer matches current drainer: ${drainer}`,
            C.UpdateExecuted,
          ),
          cond(
            C.AppliedFilesAndOS,
            'Unknown',
            `Applying files and new OS config to node. OS ${os} need an update. SSH Keys will not need an update`,
            C.UpdateExecuted,
          ),
        ],
      });
      return next(DaemonStep.apply);
    }
    case DaemonStep.apply: {
      if (fault === Fault.failUpdate) {
        fail(kube, node, NodeState.Degraded, faultReason ?? failUpdateReason(target), now);
        return undefined;
      }
      const os = osChanges(kube, a.currentConfig, target) ? 'did' : 'did not';
      write(
        kube,
        withTaint(
          advance(node, DaemonStep.reboot, now, {
            [NodeAnnotation.postConfigAction]: PostConfigAction.Rebooting,
          }),
          NOT_READY_TAINT_KEY,
          'NoSchedule',
          true,
          now,
        ),
        false,
        now,
      );
      const reboot = 'Upgrade requires a reboot. Currently doing this as the post update action.';
      mcnStep(kube, node, now, {
        conditions: [
          cond(
            C.UpdateExecuted,
            'True',
            'Updated the Files and OS on disk as a part of the in progress phase',
          ),
          cond(
            C.AppliedFilesAndOS,
            'True',
            `Applied files and new OS config to node. OS ${os} need an update. SSH Keys did not need an update`,
            C.UpdateExecuted,
          ),
          cond(C.UpdatePostActionComplete, 'Unknown', reboot),
          cond(C.RebootedNode, 'Unknown', reboot),
          degradedCondition(node),
        ],
      });
      return next(DaemonStep.reboot);
    }
    case DaemonStep.reboot:
      if (fault === Fault.noReboot) return undefined;
      write(
        kube,
        withTaint(
          advance(node, DaemonStep.resume, now, { [NodeAnnotation.postConfigAction]: '' }),
          NOT_READY_TAINT_KEY,
          'NoSchedule',
          false,
          now,
        ),
        true,
        now,
      );
      mcnStep(kube, node, now, {
        conditions: [
          cond(C.RebootedNode, 'True', 'Node has rebooted'),
          cond(C.UpdatePostActionComplete, 'True', 'Node has rebooted'),
        ],
      });
      return next(DaemonStep.resume);
    case DaemonStep.resume:
      write(
        kube,
        advance(node, DaemonStep.uncordon, now, {
          [NodeAnnotation.desiredDrain]: `${UNCORDON_PREFIX}${target}`,
        }),
      );
      mcnStep(kube, node, now, {
        conditions: [
          cond(
            C.Resumed,
            'True',
            `In desired config ${target}. Resumed normal operations. Applying proper annotations.`,
          ),
        ],
      });
      return next(DaemonStep.uncordon);
    case DaemonStep.uncordon:
      write(
        kube,
        setUnschedulable(
          advance(node, DaemonStep.complete, now, {
            [NodeAnnotation.lastAppliedDrain]: a.desiredDrain ?? `${UNCORDON_PREFIX}${target}`,
          }),
          false,
          now,
        ),
      );
      mcnStep(kube, node, now, {
        conditions: [
          cond(C.UpdateComplete, 'True', 'Node has completed update'),
          cond(
            C.Uncordoned,
            'True',
            'UnCordoned node. The node is reporting Unschedulable = false',
            C.UpdateComplete,
          ),
        ],
      });
      return next(DaemonStep.complete);
    case DaemonStep.complete:
      write(
        kube,
        annotate(node, {
          [NodeAnnotation.currentConfig]: target,
          [NodeAnnotation.state]: NodeState.Done,
          [NodeAnnotation.reason]: '',
          [SimAnnotation.step]: undefined,
          [SimAnnotation.stepSince]: undefined,
          [SimAnnotation.target]: undefined,
        }),
      );
      mcnStep(kube, node, now, { updatedTo: target });
      // Another target may already be waiting.
      return desired && desired !== target ? now.getTime() : undefined;
  }
};
