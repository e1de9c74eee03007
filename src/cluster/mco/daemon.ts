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

/** Degraded/Unreconcilable with `reason`, without moving on; a no-op when already so. */
const fail = (kube: Kube, node: Node, state: string, reason: string): void => {
  const a = readNodeAnnotations(node);
  if (a.state === state && a.reason === reason) return;
  write(kube, annotate(node, { [NodeAnnotation.state]: state, [NodeAnnotation.reason]: reason }));
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
    return now.getTime() + stepDurationMs(DaemonStep.prepare, node, options.speed);
  }
  let target = ann[SimAnnotation.target] ?? desired ?? '';
  if (desired && desired !== target && isNodeDegraded(node)) {
    // A failed update is abandoned for a newer target.
    write(kube, advance(node, DaemonStep.prepare, now, { [SimAnnotation.target]: desired }));
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
        fail(
          kube,
          node,
          NodeState.Unreconcilable,
          faultReason ??
            `can't reconcile config ${a.currentConfig ?? ''} with ${target}: ignition disks section contains changes: unreconcilable`,
        );
        return undefined;
      }
      write(kube, advance(node, DaemonStep.requestDrain, now));
      return next(DaemonStep.requestDrain);
    case DaemonStep.requestDrain:
      write(
        kube,
        advance(node, DaemonStep.cordon, now, {
          [NodeAnnotation.desiredDrain]: `${DRAIN_PREFIX}${target}`,
        }),
      );
      return next(DaemonStep.cordon);
    case DaemonStep.cordon:
      write(kube, setUnschedulable(advance(node, DaemonStep.drain, now), true, now));
      return next(DaemonStep.drain);
    case DaemonStep.drain: {
      if (fault === Fault.stuckDrain) {
        const giveUp = since + options.drainTimeoutMs / options.speed;
        if (now.getTime() < giveUp) return giveUp;
        fail(kube, node, NodeState.Degraded, drainFailure(node));
        return undefined;
      }
      evictPods(kube, node);
      write(
        kube,
        advance(node, DaemonStep.apply, now, {
          [NodeAnnotation.lastAppliedDrain]: a.desiredDrain ?? `${DRAIN_PREFIX}${target}`,
        }),
      );
      return next(DaemonStep.apply);
    }
    case DaemonStep.apply:
      if (fault === Fault.failUpdate) {
        fail(kube, node, NodeState.Degraded, faultReason ?? failUpdateReason(target));
        return undefined;
      }
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
      return next(DaemonStep.reboot);
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
      return next(DaemonStep.resume);
    case DaemonStep.resume:
      write(
        kube,
        advance(node, DaemonStep.uncordon, now, {
          [NodeAnnotation.desiredDrain]: `${UNCORDON_PREFIX}${target}`,
        }),
      );
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
      // Another target may already be waiting.
      return desired && desired !== target ? now.getTime() : undefined;
  }
};
