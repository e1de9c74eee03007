/**
 * The OpenShift sandboxed containers (OSC) operator contract: every name, label, annotation,
 * finalizer, condition reason and message a KataConfig client relies on. Each string exists here
 * once; the plugin, the bundled reconciler and the local cluster import it from this file.
 * Source: ../../../../shared/reference/osc-operator.md (operator devel @ d0632e5, 1.5.1+ layout).
 */

// ---------------------------------------------------------------------------------------------
// API identity
// ---------------------------------------------------------------------------------------------

import { MCO_GROUP, NODE_ROLE_LABEL_PREFIX, PoolLabel, PoolName } from '../mco/constants';

export const KATA_CONFIG_GROUP = 'kataconfiguration.openshift.io';
export const KATA_CONFIG_VERSION = 'v1';
export const KATA_CONFIG_API_VERSION = `${KATA_CONFIG_GROUP}/${KATA_CONFIG_VERSION}`;
export const KATA_CONFIG_KIND = 'KataConfig';
export const KATA_CONFIG_LIST_KIND = 'KataConfigList';
export const KATA_CONFIG_PLURAL = 'kataconfigs';
export const KATA_CONFIG_SINGULAR = 'kataconfig';
export const KATA_CONFIG_CRD_NAME = `${KATA_CONFIG_PLURAL}.${KATA_CONFIG_GROUP}`;
/** Only the 4.6 "alpha" operator served this version; kept to recognise very old objects. */
export const KATA_CONFIG_LEGACY_ALPHA_VERSION = 'v1alpha1';
/** Name of the sample CR in the operator bundle (`alm-examples`). */
export const KATA_CONFIG_SAMPLE_NAME = 'example-kataconfig';

export const KATA_CONFIG_FINALIZER = 'kataconfiguration.openshift.io/finalizer';
/** Finalizer written by operators before about 1.2 (release-4.7, 4.8, 1.1). */
export const KATA_CONFIG_LEGACY_FINALIZER = 'finalizer.kataconfiguration.openshift.io';

/** The singleton is enforced by a validating webhook on CREATE only. */
export const KATA_CONFIG_WEBHOOK = {
  name: 'vkataconfig.kb.io',
  path: '/validate-kataconfiguration-openshift-io-v1-kataconfig',
  duplicateMessage: 'A KataConfig instance already exists, refusing to create a duplicate',
} as const;

// ---------------------------------------------------------------------------------------------
// Spec defaults and values
// ---------------------------------------------------------------------------------------------

/** Values `crio --log-level` accepts; upstream has no enum, so other strings are not rejected. */
export const CRIO_LOG_LEVELS = [
  'fatal',
  'panic',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
] as const;
export type CrioLogLevel = (typeof CRIO_LOG_LEVELS)[number];
export const DEFAULT_LOG_LEVEL: CrioLogLevel = 'info';
export const isCrioLogLevel = (value: unknown): value is CrioLogLevel =>
  typeof value === 'string' && (CRIO_LOG_LEVELS as readonly string[]).includes(value);

export const KATA_CONFIG_SPEC_DEFAULTS = {
  checkNodeEligibility: false,
  enablePeerPods: false,
  logLevel: DEFAULT_LOG_LEVEL,
} as const;

// ---------------------------------------------------------------------------------------------
// Operator deployment
// ---------------------------------------------------------------------------------------------

export const OPERATOR_NAMESPACE = 'openshift-sandboxed-containers-operator';
export const OPERATOR_LEADER_ELECTION_ID = '290f4947.kataconfiguration.openshift.io';
export const FEATURE_GATES_CONFIG_MAP = 'osc-feature-gates';
export const FEATURE_GATE_KEYS = {
  confidential: 'confidential',
  layeredImageDeployment: 'layeredImageDeployment',
} as const;

// ---------------------------------------------------------------------------------------------
// Node roles and labels
// ---------------------------------------------------------------------------------------------

export const KATA_POOL_NAME = 'kata-oc';
/** The operator puts this label (value "") on every selected worker; pool `kata-oc` selects it. */
export const KATA_NODE_ROLE_LABEL = `${NODE_ROLE_LABEL_PREFIX}${KATA_POOL_NAME}`;
export const WORKER_NODE_ROLE_LABEL = `${NODE_ROLE_LABEL_PREFIX}${PoolName.worker}`;
export const MASTER_NODE_ROLE_LABEL = `${NODE_ROLE_LABEL_PREFIX}${PoolName.master}`;

/** Node Feature Discovery label that `checkNodeEligibility` adds to the effective selector. */
export const NFD_KATA_ELIGIBILITY_LABEL = 'feature.node.kubernetes.io/runtime.kata';
export const NFD_KATA_ELIGIBILITY_VALUE = 'true';

// ---------------------------------------------------------------------------------------------
// MachineConfig, MachineConfigPool, ContainerRuntimeConfig
// ---------------------------------------------------------------------------------------------

export const MACHINE_CONFIG_API_VERSION = `${MCO_GROUP}/v1`;
export const KATA_MACHINE_CONFIG_NAME = '50-enable-sandboxed-containers-extension';
/** Created instead of the extension MC when the `layeredImageDeployment` feature gate is on. */
export const KATA_LAYERED_IMAGE_MACHINE_CONFIG_NAME = '50-enable-sandboxed-containers-image';
/** Extension name the operator writes by default (env `SANDBOXED_CONTAINERS_EXTENSION`). */
export const KATA_EXTENSION_NAME = 'kata-containers';
/** The RHCOS extension name, hard-coded before 1.4 and chosen again for RHCOS by newer operators. */
export const KATA_EXTENSION_NAME_RHCOS = 'sandboxed-containers';
export const KATA_EXTENSION_NAMES = [KATA_EXTENSION_NAME, KATA_EXTENSION_NAME_RHCOS] as const;
export const KATA_MACHINE_CONFIG_IGNITION_VERSION = '3.2.0';
/** The MC's `app` label carries the KataConfig name. */
export const MACHINE_CONFIG_APP_LABEL = 'app';

export const WORKER_POOL_NAME = PoolName.worker;
export const MASTER_POOL_NAME = PoolName.master;
/** The MCP handler only reacts to these pools. */
export const RELEVANT_POOL_NAMES = [KATA_POOL_NAME, WORKER_POOL_NAME, MASTER_POOL_NAME] as const;
/** Label on pool `kata-oc` that lets a ContainerRuntimeConfig select it. */
export const KATA_POOL_SELECTOR_LABEL = `${PoolLabel.poolSelectorPrefix}${KATA_POOL_NAME}`;
export const MASTER_POOL_SELECTOR_LABEL = `${PoolLabel.poolSelectorPrefix}${MASTER_POOL_NAME}`;
/** Pool `kata-oc` renders MCs labelled with either role. */
export const KATA_POOL_MACHINE_CONFIG_ROLES = [KATA_POOL_NAME, WORKER_POOL_NAME] as const;

export const KATA_CRIO_CONFIG_NAME = 'kata-crio-config';

// ---------------------------------------------------------------------------------------------
// RuntimeClasses
// ---------------------------------------------------------------------------------------------

export const KATA_RUNTIME_CLASS_NAME = 'kata';
export const KATA_RUNTIME_HANDLER = 'kata';
/** Upstream writes cpu "0.25", which the API server normalises to 250m. */
export const KATA_RUNTIME_CLASS_OVERHEAD = { cpu: '250m', memory: '350Mi' } as const;
export const PEER_PODS_RUNTIME_CLASS_NAME = 'kata-remote';
export const PEER_PODS_RUNTIME_HANDLER = 'kata-remote';
export const PEER_PODS_RUNTIME_CLASS_OVERHEAD = { cpu: '250m', memory: '350Mi' } as const;
/** Finalizer newer operators put on the RuntimeClasses they create. */
export const RUNTIME_CLASS_CLEANUP_FINALIZER = 'kataconfig.openshift.io/runtime-class-cleanup';

// ---------------------------------------------------------------------------------------------
// Other objects the operator owns
// ---------------------------------------------------------------------------------------------

export const KATA_SCC_NAME = 'sandboxed-containers-operator-scc';
export const KATA_MONITOR_DAEMON_SET_NAME = 'openshift-sandboxed-containers-monitor';
export const KATA_MONITOR_SERVICE_ACCOUNT = 'monitor';
export const DASHBOARD_CONFIG_MAP_NAME = 'grafana-dashboard-sandboxed-containers';
export const DASHBOARD_CONFIG_MAP_NAMESPACE = 'openshift-config-managed';
export const CONSOLE_DASHBOARD_LABEL = 'console.openshift.io/dashboard';

export const PEER_PODS_OBJECTS = {
  crioMachineConfig: '50-kata-remote',
  kataConfigMachineConfig: '40-worker-kata-remote-config',
  machineConfigAppLabelValue: 'peerpodconfig-openshift',
  peerPodConfig: 'peerpodconfig-openshift',
  cloudSecret: 'peer-pods-secret',
  configMap: 'peer-pods-cm',
  authJsonSecret: 'auth-json-secret',
  webhookDeployment: 'peer-pods-webhook',
  webhookService: 'peer-pods-webhook-svc',
  mutatingWebhookConfiguration: 'mutating-webhook-configuration',
} as const;

// ---------------------------------------------------------------------------------------------
// The InProgress condition
// ---------------------------------------------------------------------------------------------

/** The only condition type a KataConfig ever carries. */
export const IN_PROGRESS_CONDITION_TYPE = 'InProgress';

export const IN_PROGRESS_REASONS = {
  installing: 'Installing',
  updating: 'Updating',
  uninstalling: 'Uninstalling',
  failed: 'Failed',
  blockedByExistingKataPods: 'BlockedByExistingKataPods',
  /** Written by `resetInProgressCondition` once the MCO is done: status False, empty message. */
  none: '',
  podVmImageJobRunning: 'PodVMImageJobRunning',
  podVmImageJobCompleted: 'PodVMImageJobCompleted',
  podVmImageJobFailed: 'PodVMImageJobFailed',
  podVmImageJobStatusUnknown: 'PodVMImageJobStatusUnknown',
  podVmImageUnsupportedProvider: 'PodVMImageUnsupportedProvider',
} as const;
export type InProgressReason = (typeof IN_PROGRESS_REASONS)[keyof typeof IN_PROGRESS_REASONS];

export const IN_PROGRESS_MESSAGES = {
  installing: 'Performing initial installation of kata on cluster',
  updating: 'Adding and/or removing kata-enabled nodes',
  uninstalling: 'Removing kata from cluster',
  none: '',
  podVmImageCreating: 'Creating Pod VM Image',
  podVmImageDeleting: 'Deleting Pod VM Image',
  podVmImageCreated: 'Created Pod VM Image',
  podVmImageDeleted: 'Deleted Pod VM Image',
  podVmImageCreationFailed: 'Failed to create Pod VM Image',
  podVmImageDeletionFailed: 'Failed to delete Pod VM Image',
  podVmImageCreationUnknown: 'Pod VM Image creation status is unknown',
  podVmImageDeletionUnknown: 'Pod VM Image deletion status is unknown',
  podVmImageUnsupportedProvider: 'Pod VM image provider is unsupported',
} as const;

/** Reason `Failed`: the node's `machineconfiguration.openshift.io/reason` follows verbatim. */
export const failedNodeMessage = (nodeName: string, degradedReason: string): string =>
  `Node ${nodeName} Degraded: ${degradedReason}`;

/** Reason `BlockedByExistingKataPods`, exactly as upstream (it names the first pod's class). */
export const blockedByExistingKataPodsMessage = (runtimeClassName: string): string =>
  `existing pods using "${runtimeClassName}" RuntimeClass found. Please delete the pods manually for KataConfig deletion to proceed`;

/** How many pod names the detailed message lists before summarising the rest. */
export const BLOCKING_PODS_LISTED_MAX = 10;

/**
 * The bundled reconciler's blocked message: upstream's text unchanged (clients that match on it
 * keep working), then every blocking pod counted and the first few named as `namespace/name`.
 * Kubernetes names contain neither commas nor spaces, so the list parses back unambiguously.
 */
export const blockedByExistingKataPodsDetailedMessage = (
  runtimeClassName: string,
  podRefs: readonly string[],
): string => {
  const listed = podRefs.slice(0, BLOCKING_PODS_LISTED_MAX);
  const unlisted = podRefs.length - listed.length;
  const more = unlisted > 0 ? ` (+${unlisted} more)` : '';
  return (
    `${blockedByExistingKataPodsMessage(runtimeClassName)}. ` +
    `Blocking pods (${podRefs.length}): ${listed.join(', ')}${more}`
  );
};

/** Operators before 1.5 stored this in `status.unInstallationStatus.errorMessage`. */
export const LEGACY_BLOCKED_BY_KATA_PODS_MESSAGE =
  'Existing pods using Kata Runtime found. Please delete the pods manually for KataConfig deletion to proceed';
/** The 4.6 alpha operator's variant of the same message. */
export const ALPHA_BLOCKED_BY_KATA_PODS_MESSAGE =
  'Existing pods using Kata Runtime found. Please delete the pods manually for before deleting the KataConfig';

// ---------------------------------------------------------------------------------------------
// Errors and log lines clients may see (upstream sets no condition for these)
// ---------------------------------------------------------------------------------------------

export const NFD_MISSING_MESSAGE = 'no Nodes with required labels found. Is NFD running?';
export const INVALID_POOL_SELECTOR_MESSAGE =
  'Invalid KataConfig.spec.kataConfigPoolSelector - please fix your KataConfig';
export const WAITING_FOR_POOL_MESSAGE = 'Waiting for MachineConfigPool to be fully updated';
export const missingNodeAnnotationMessage = (annotation: string, nodeName: string): string =>
  `missing ${annotation} on node ${nodeName}`;

// ---------------------------------------------------------------------------------------------
// Events (only the peer-pods image generator emits any; involvedObject is the Job)
// ---------------------------------------------------------------------------------------------

export const EVENT_REASONS = {
  podVmImageJobFailed: 'PodVMImageJobFailed',
  podVmImageJobCompleted: 'PodVMImageJobCompleted',
  podVmImageJobRunning: 'PodVMImageJobRunning',
} as const;
export const EVENT_REPORTING_CONTROLLER = 'image-generator';
export const EVENT_REPORTING_INSTANCE = 'controller-manager';
export const EVENT_GENERATE_NAME = 'job-event-';
/** The same reason within this window is not emitted again. */
export const EVENT_SUPPRESSION_WINDOW_MS = 2 * 60 * 1000;

export const podVmImageJobEventMessages = {
  failed: (jobName: string): string => `PodVM image job (${jobName}) failed`,
  completed: (jobName: string): string => `PodVM image job (${jobName}) completed successfully`,
  running: (jobName: string): string => `PodVM image job (${jobName}) is running`,
} as const;
export const POD_VM_IMAGE_EVENT_ACTIONS = {
  failed: 'Check the logs for the job',
  completed: 'Check the pod vm image details in peer-pods-cm configmap',
} as const;

// ---------------------------------------------------------------------------------------------
// Requeue timings upstream uses (the bundled reconciler mirrors them)
// ---------------------------------------------------------------------------------------------

export const REQUEUE_AFTER_MS = {
  error: 15_000,
  nodeUpdateConflict: 10_000,
  nodeEligibility: 20_000,
  blockedByKataPods: 15_000,
} as const;
