/**
 * What belongs to the simulator alone: its bookkeeping annotations, the fault switches and the
 * step timings. The MCO contract itself (annotations, states, conditions) comes from
 * src/shared/mco and is never redefined here.
 */

/** Annotation prefix for simulator bookkeeping and fault switches (not an MCO key). */
export const SIM_PREFIX = 'sim.kata-local/';

export const SimAnnotation = {
  /** The daemon step that runs next (see `DaemonStep`); absent while the node is idle. */
  step: `${SIM_PREFIX}daemon-step`,
  /** When that step started (ISO 8601 with milliseconds): timers are re-derived from it. */
  stepSince: `${SIM_PREFIX}daemon-step-since`,
  /** The rendered config the daemon is applying (it may lag desiredConfig). */
  target: `${SIM_PREFIX}daemon-target`,
  /** Fault switch, see `Fault`. Remove it to recover. */
  fault: `${SIM_PREFIX}fault`,
  /** Optional reason text for `fail-update` and `unreconcilable`. */
  faultReason: `${SIM_PREFIX}fault-reason`,
} as const;

/** Values of the `sim.kata-local/fault` node annotation. */
export const Fault = {
  /** Applying files/OS fails: state=Degraded with a reason; the node stays cordoned. */
  failUpdate: 'fail-update',
  /** The drain never finishes; after the drain timeout the node goes Degraded. */
  stuckDrain: 'stuck-drain',
  /** The node never comes back from its reboot (Ready=False). */
  noReboot: 'no-reboot',
  /** The change cannot be reconciled: state=Unreconcilable before anything is touched. */
  unreconcilable: 'unreconcilable',
} as const;
export type FaultValue = (typeof Fault)[keyof typeof Fault];

/** The daemon and drain-controller steps, in order; each one is a single visible write. */
export const DaemonStep = {
  prepare: 'prepare',
  requestDrain: 'request-drain',
  cordon: 'cordon',
  drain: 'drain',
  apply: 'apply',
  reboot: 'reboot',
  resume: 'resume',
  uncordon: 'uncordon',
  complete: 'complete',
} as const;
export type DaemonStepValue = (typeof DaemonStep)[keyof typeof DaemonStep];

/** How long each step takes at speed 1, in ms (a worker takes about 20 s in all). */
export const STEP_DURATION_MS: Record<DaemonStepValue, number> = {
  prepare: 1000,
  'request-drain': 500,
  cordon: 1000,
  drain: 4000,
  apply: 4000,
  reboot: 6000,
  resume: 1000,
  uncordon: 1000,
  complete: 500,
};

/** Control-plane nodes run fewer pods, so they drain faster. */
export const MASTER_DRAIN_MS = 2000;

/** The daemon gives up waiting for a drain after 1 h (MCO `drain wait`). */
export const DEFAULT_DRAIN_TIMEOUT_MS = 60 * 60 * 1000;

/** OS image and versions written into rendered configs. */
export const OS_IMAGE_URL =
  'registry.example/openshift-release-dev/ocp-v4.0-art-dev@sha256:5b0b1c1e8e4b4b6e9d1f7f6a9cbe0f3c2d5a8e7b9c0d1e2f3a4b5c6d7e8f9a0b';
export const RELEASE_VERSION = '4.22.0';
export const CONTROLLER_VERSION = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
export const RENDERED_IGNITION_VERSION = '3.5.0';
