/**
 * The Machine Config Operator contract: every annotation, label, state, condition type and taint
 * that the rollout logic reads. Source: ../../../../shared/reference/mco-rollout.md (sections 1–3, 6).
 */

export const MCO_GROUP = 'machineconfiguration.openshift.io';
const PREFIX = `${MCO_GROUP}/`;

/** Annotations the MCO controllers and the machine-config daemon write on Nodes. */
export const NodeAnnotation = {
  /** Rendered config fully applied (written by the daemon on SetDone). */
  currentConfig: `${PREFIX}currentConfig`,
  /** Rendered config the node should move to; writing it starts an update. */
  desiredConfig: `${PREFIX}desiredConfig`,
  /** Daemon state, see `NodeState`. */
  state: `${PREFIX}state`,
  /** Human-readable error for Degraded/Unreconcilable; "" once Done. */
  reason: `${PREFIX}reason`,
  /** `drain-<rendered>` or `uncordon-<rendered>`: a request to the drain controller. */
  desiredDrain: `${PREFIX}desiredDrain`,
  /** Set equal to `desiredDrain` once the drain controller has carried the request out. */
  lastAppliedDrain: `${PREFIX}lastAppliedDrain`,
  /** `Rebooting` just before the reboot, "" after boot. */
  postConfigAction: `${PREFIX}post-config-action`,
  currentImage: `${PREFIX}currentImage`,
  desiredImage: `${PREFIX}desiredImage`,
  controlPlaneTopology: `${PREFIX}controlPlaneTopology`,
  lastSyncedControllerConfigResourceVersion: `${PREFIX}lastSyncedControllerConfigResourceVersion`,
  lastObservedServerCA: `${PREFIX}lastObservedServerCAAnnotation`,
  firstPivotConfig: `${PREFIX}firstPivotConfig`,
  customPoolLabelsApplied: `${PREFIX}customPoolLabelsApplied`,
  /** Value `accessed` once somebody logged in over SSH. */
  ssh: `${PREFIX}ssh`,
  ostreeFinalizeStagedFailure: `${PREFIX}ostree-finalize-staged-failure`,
} as const;

/** Annotations on (rendered) MachineConfigs. */
export const MachineConfigAnnotation = {
  generatedByControllerVersion: `${PREFIX}generated-by-controller-version`,
  /** OCP version of a rendered config: how a rendered name is tied to a release. */
  releaseImageVersion: `${PREFIX}release-image-version`,
  osImageUrlOverridden: `${PREFIX}os-image-url-overridden`,
} as const;

/** The label pools select MachineConfigs on (`machineConfigSelector`). */
export const MACHINE_CONFIG_ROLE_LABEL = `${PREFIX}role`;

export const PoolLabel = {
  mcoBuiltIn: `${PREFIX}mco-built-in`,
  requiredForUpgrade: `operator.${PREFIX}required-for-upgrade`,
  /** `pools.operator.machineconfiguration.openshift.io/<pool>`, selected by KubeletConfig/ContainerRuntimeConfig. */
  poolSelectorPrefix: `pools.operator.${PREFIX}`,
} as const;

/** Values of the daemon `state` annotation. */
export const NodeState = {
  Done: 'Done',
  Working: 'Working',
  Degraded: 'Degraded',
  Unreconcilable: 'Unreconcilable',
  /** A daemon constant, but the daemon writes it to `post-config-action`, not to `state`. */
  Rebooting: 'Rebooting',
} as const;
export type NodeStateValue = (typeof NodeState)[keyof typeof NodeState];

/** States in which the daemon has given up on the current update. */
export const FAILED_NODE_STATES: readonly string[] = [NodeState.Degraded, NodeState.Unreconcilable];

export const PostConfigAction = {
  Rebooting: 'Rebooting',
} as const;

/** Verbs of the `desiredDrain`/`lastAppliedDrain` annotations (`<verb>-<rendered config>`). */
export const DrainVerb = {
  drain: 'drain',
  uncordon: 'uncordon',
} as const;
export type DrainVerbValue = (typeof DrainVerb)[keyof typeof DrainVerb];
export const DRAIN_PREFIX = `${DrainVerb.drain}-`;
export const UNCORDON_PREFIX = `${DrainVerb.uncordon}-`;

/** MachineConfigPool condition types (openshift/api MachineConfigPoolConditionType). */
export const PoolConditionType = {
  Updated: 'Updated',
  Updating: 'Updating',
  Degraded: 'Degraded',
  NodeDegraded: 'NodeDegraded',
  RenderDegraded: 'RenderDegraded',
  ImageBuildDegraded: 'ImageBuildDegraded',
  PinnedImageSetsDegraded: 'PinnedImageSetsDegraded',
  PoolSynchronizerDegraded: 'PoolSynchronizerDegraded',
  BuildPending: 'BuildPending',
  Building: 'Building',
  BuildSuccess: 'BuildSuccess',
  BuildFailed: 'BuildFailed',
  BuildInterrupted: 'BuildInterrupted',
} as const;

/** MachineConfigNode condition types (openshift/api StateProgress). */
export const MCNConditionType = {
  UpdatePrepared: 'UpdatePrepared',
  UpdateExecuted: 'UpdateExecuted',
  UpdatePostActionComplete: 'UpdatePostActionComplete',
  RebootedNode: 'RebootedNode',
  Resumed: 'Resumed',
  UpdateComplete: 'UpdateComplete',
  Updated: 'Updated',
  Cordoned: 'Cordoned',
  Drained: 'Drained',
  AppliedFilesAndOS: 'AppliedFilesAndOS',
  Uncordoned: 'Uncordoned',
  NodeDegraded: 'NodeDegraded',
  PinnedImageSetsProgressing: 'PinnedImageSetsProgressing',
  PinnedImageSetsDegraded: 'PinnedImageSetsDegraded',
  /** ImageModeStatusReporting gate: these replace AppliedFilesAndOS. */
  AppliedFiles: 'AppliedFiles',
  AppliedOSImage: 'AppliedOSImage',
  ImagePulledFromRegistry: 'ImagePulledFromRegistry',
  InternalReleaseImageDegraded: 'InternalReleaseImageDegraded',
} as const;

/** Placeholder the MCO writes in MachineConfigNode fields it has not filled yet. */
export const MCN_NOT_YET_SET = 'not-yet-set';

/** Put by the MCC on every node of a pool whose desiredConfig differs from the pool target. */
export const UPDATE_IN_PROGRESS_TAINT = {
  key: 'UpdateInProgress',
  effect: 'PreferNoSchedule',
} as const;

/** Added by Kubernetes while `spec.unschedulable` is true (a cordon). */
export const UNSCHEDULABLE_TAINT_KEY = 'node.kubernetes.io/unschedulable';

/** Node conditions the MCO checks before it counts a node ready or picks it as a candidate. */
export const NodeConditionType = {
  Ready: 'Ready',
  DiskPressure: 'DiskPressure',
  NetworkUnavailable: 'NetworkUnavailable',
} as const;

export const NODE_ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';

/** The MCO never manages nodes carrying this OS label value. */
export const NODE_OS_LABEL = 'kubernetes.io/os';
export const WINDOWS_OS = 'windows';

export const PoolName = {
  master: 'master',
  worker: 'worker',
  arbiter: 'arbiter',
} as const;

/** Rendered configs are named `rendered-<pool>-<32 hex>`. */
export const RENDERED_CONFIG_PREFIX = 'rendered-';

/** Pool `spec.maxUnavailable` when unset. */
export const DEFAULT_MAX_UNAVAILABLE = 1;
