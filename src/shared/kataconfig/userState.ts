/**
 * One user-facing state for a KataConfig and the pool running its rollout. Returns ids and raw
 * data only; the UI translates. Accepts anything the API may return and never throws.
 */
import type { NormalizedKataNodes } from './accessors';
import {
  findInProgressCondition,
  isRecord,
  isWaitingForMcoToStart,
  kataNodesOf,
  runtimeClassesOf,
} from './accessors';
import { IN_PROGRESS_MESSAGES, IN_PROGRESS_REASONS } from './constants';
import type { PoolSnapshot } from './statusDerivation';
import { isPoolUpdating, poolTargetConfig } from './statusDerivation';
import type { KataConfigLayout, LegacyFailedNode } from './types';
import { detectLayout, isLegacyLayout } from './types';

// ---------------------------------------------------------------------------------------------
// Message parsing
// ---------------------------------------------------------------------------------------------

export interface FailedNodeDetails {
  nodeName: string;
  /** The node's MCO `reason` annotation; "" when the node had none. */
  nodeReason: string;
}

/** Reads `Node <name> Degraded: <reason>`; null for any other text. */
export const parseFailedMessage = (message: string): FailedNodeDetails | null => {
  const match = /^Node (\S+) Degraded: ?([\s\S]*)$/.exec(message);
  if (match?.[1] === undefined) {
    return null;
  }
  return { nodeName: match[1], nodeReason: match[2] ?? '' };
};

export interface BlockingPodsDetails {
  /** The RuntimeClass named in the message; null for pre-1.5 messages, which name none. */
  runtimeClassName: string | null;
  /** Total blocking pods when the message counts them (bundled reconciler); else null. */
  podCount: number | null;
  /** `namespace/name` of the pods the message lists (at most the first few). */
  podRefs: string[];
}

const RUNTIME_CLASS_PATTERN = /existing pods using "([^"]*)" RuntimeClass found/i;
const POD_LIST_PATTERN = /Blocking pods \((\d+)\): (.*?)(?: \(\+\d+ more\))?$/;

/** Reads upstream's (and our detailed) BlockedByExistingKataPods message. */
export const parseBlockedMessage = (message: string): BlockingPodsDetails => {
  const runtimeClassName = RUNTIME_CLASS_PATTERN.exec(message)?.[1] ?? null;
  const podList = POD_LIST_PATTERN.exec(message);
  if (podList?.[1] === undefined) {
    return { runtimeClassName, podCount: null, podRefs: [] };
  }
  const podRefs = (podList[2] ?? '')
    .split(', ')
    .map((ref) => ref.trim())
    .filter((ref) => ref !== '');
  return { runtimeClassName, podCount: Number(podList[1]), podRefs };
};

export type PeerPodsImageJobState =
  'running' | 'completed' | 'failed' | 'statusUnknown' | 'unsupportedProvider';

// Maps, not object literals: a reason such as 'constructor' must not hit Object.prototype.
const PEER_PODS_IMAGE_REASONS = new Map<string, PeerPodsImageJobState>([
  [IN_PROGRESS_REASONS.podVmImageJobRunning, 'running'],
  [IN_PROGRESS_REASONS.podVmImageJobCompleted, 'completed'],
  [IN_PROGRESS_REASONS.podVmImageJobFailed, 'failed'],
  [IN_PROGRESS_REASONS.podVmImageJobStatusUnknown, 'statusUnknown'],
  [IN_PROGRESS_REASONS.podVmImageUnsupportedProvider, 'unsupportedProvider'],
]);

const PEER_PODS_IMAGE_OPERATIONS = new Map<string, 'create' | 'delete'>([
  [IN_PROGRESS_MESSAGES.podVmImageCreating, 'create'],
  [IN_PROGRESS_MESSAGES.podVmImageCreated, 'create'],
  [IN_PROGRESS_MESSAGES.podVmImageCreationFailed, 'create'],
  [IN_PROGRESS_MESSAGES.podVmImageCreationUnknown, 'create'],
  [IN_PROGRESS_MESSAGES.podVmImageDeleting, 'delete'],
  [IN_PROGRESS_MESSAGES.podVmImageDeleted, 'delete'],
  [IN_PROGRESS_MESSAGES.podVmImageDeletionFailed, 'delete'],
  [IN_PROGRESS_MESSAGES.podVmImageDeletionUnknown, 'delete'],
]);

// ---------------------------------------------------------------------------------------------
// Pool summary
// ---------------------------------------------------------------------------------------------

export interface PoolProgress {
  name: string;
  /** Rendered MachineConfig the pool is moving to. */
  targetConfig: string;
  updating: boolean;
  machineCount: number | null;
  updatedMachineCount: number | null;
  readyMachineCount: number | null;
  degradedMachineCount: number | null;
}

const countOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;

export const summarizePool = (pool: PoolSnapshot | null | undefined): PoolProgress | null => {
  if (!isRecord(pool)) {
    return null;
  }
  const status = recordAt(pool, 'status');
  const name = recordAt(pool, 'metadata').name;
  return {
    name: typeof name === 'string' ? name : '',
    targetConfig: poolTargetConfig(pool),
    updating: isPoolUpdating(pool),
    machineCount: countOrNull(status.machineCount),
    updatedMachineCount: countOrNull(status.updatedMachineCount),
    readyMachineCount: countOrNull(status.readyMachineCount),
    degradedMachineCount: countOrNull(status.degradedMachineCount),
  };
};

// ---------------------------------------------------------------------------------------------
// Legacy summary
// ---------------------------------------------------------------------------------------------

export interface LegacyStatusSummary {
  runtimeClassName: string | null;
  totalNodesCount: number | null;
  /** `installationStatus.IsInProgress` (or the alpha `inProgress.isInProgress`); null if unset. */
  installInProgress: boolean | null;
  uninstallInProgress: boolean | null;
  completedNodes: string[];
  completedNodesCount: number | null;
  installingNodes: string[];
  failedNodes: { name: string; error: string }[];
  failedReason: string | null;
  uninstallingNodes: string[];
  uninstallFailedNodes: { name: string; error: string }[];
  /** `unInstallationStatus.errorMessage`: the blocked-by-kata-pods text. */
  uninstallErrorMessage: string | null;
}

const recordAt = (source: unknown, key: string): Record<string, unknown> => {
  if (!isRecord(source)) {
    return {};
  }
  const value = source[key];
  return isRecord(value) ? value : {};
};

const stringsAt = (source: Record<string, unknown>, key: string): string[] => {
  const value = source[key];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
};

const textOrNull = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/** 'True'/'False' strings and booleans alike; anything else is unknown. */
const flagOf = (value: unknown): boolean | null => {
  if (value === true || value === 'True') {
    return true;
  }
  if (value === false || value === 'False') {
    return false;
  }
  return null;
};

const failedNodesAt = (failed: Record<string, unknown>): { name: string; error: string }[] => {
  const list = failed.failedNodesList;
  if (!Array.isArray(list)) {
    return [];
  }
  return list
    .filter((item: unknown): item is LegacyFailedNode => isRecord(item))
    .map((item) => ({
      name: typeof item.name === 'string' ? item.name : '',
      error: typeof item.error === 'string' ? item.error : '',
    }));
};

export const summarizeLegacyStatus = (kataConfig: unknown): LegacyStatusSummary => {
  const status = recordAt(kataConfig, 'status');
  const install = recordAt(status, 'installationStatus');
  // v1 serialises the in-progress block as `inprogress`, v1alpha1 as `inProgress`.
  const installProgress = isRecord(install.inprogress)
    ? install.inprogress
    : recordAt(install, 'inProgress');
  const completed = recordAt(install, 'completed');
  const failed = recordAt(install, 'failed');
  const uninstall = recordAt(status, 'unInstallationStatus');
  const uninstallProgress = recordAt(uninstall, 'inProgress');
  return {
    runtimeClassName: textOrNull(status.runtimeClass),
    totalNodesCount: countOrNull(status.totalNodesCount),
    installInProgress: flagOf(install.IsInProgress) ?? flagOf(installProgress.isInProgress),
    uninstallInProgress: flagOf(uninstallProgress.status),
    completedNodes: stringsAt(completed, 'completedNodesList'),
    completedNodesCount: countOrNull(completed.completedNodesCount),
    installingNodes: stringsAt(installProgress, 'binariesInstallNodesList'),
    failedNodes: failedNodesAt(failed),
    failedReason: textOrNull(failed.failedNodesReason),
    uninstallingNodes: stringsAt(uninstallProgress, 'binariesUninstallNodesList'),
    uninstallFailedNodes: failedNodesAt(recordAt(uninstall, 'failed')),
    uninstallErrorMessage: textOrNull(uninstall.errorMessage),
  };
};

// ---------------------------------------------------------------------------------------------
// The state
// ---------------------------------------------------------------------------------------------

export type KataConfigOperation = 'install' | 'update' | 'uninstall';

interface StateCommon {
  name: string;
  /** `metadata.deletionTimestamp` is set: an uninstall was requested. */
  deletionRequested: boolean;
  deletionTimestamp: string | null;
}

export interface InProgressConditionView {
  status: string;
  reason: string;
  message: string;
}

export interface CurrentLayoutDetails extends StateCommon {
  layout: Exclude<KataConfigLayout, 'legacy-v1' | 'legacy-v1alpha1'>;
  kataNodes: NormalizedKataNodes;
  runtimeClasses: string[];
  condition: InProgressConditionView | null;
  /** `lastTransitionTime` of the InProgress condition, as stored. */
  since: string | null;
  pool: PoolProgress | null;
}

export type UnknownStateCause =
  /** No InProgress condition: the operator has not reconciled this object (yet). */
  | 'noCondition'
  /** A reason this version does not know. */
  | 'unrecognizedReason'
  /** Empty reason with a status other than False. */
  | 'inconsistentStatus'
  /** The object is not a Kubernetes object at all. */
  | 'malformed';

export type KataConfigUserState =
  | { kind: 'notInstalled' }
  | (CurrentLayoutDetails & { kind: 'waitingForMco'; operation: KataConfigOperation })
  | (CurrentLayoutDetails & { kind: 'installing' })
  | (CurrentLayoutDetails & { kind: 'updatingNodes' })
  | (CurrentLayoutDetails & { kind: 'installed' })
  | (CurrentLayoutDetails & {
      kind: 'failed';
      operation: 'install' | 'uninstall';
      /** Node named in the message, or the first failed node when the message names none. */
      nodeName: string | null;
      nodeReason: string | null;
      failedNodes: string[];
    })
  | (CurrentLayoutDetails & { kind: 'uninstalling' })
  | (CurrentLayoutDetails & { kind: 'uninstallBlocked'; blocking: BlockingPodsDetails })
  | (CurrentLayoutDetails & {
      kind: 'peerPodsImage';
      job: PeerPodsImageJobState;
      operation: 'create' | 'delete' | null;
    })
  | (StateCommon & {
      kind: 'legacyLayout';
      layout: 'legacy-v1' | 'legacy-v1alpha1';
      legacy: LegacyStatusSummary;
    })
  | (CurrentLayoutDetails & { kind: 'unknown'; cause: UnknownStateCause });

export type KataConfigUserStateKind = KataConfigUserState['kind'];

const OPERATION_BY_REASON = new Map<string, KataConfigOperation>([
  [IN_PROGRESS_REASONS.installing, 'install'],
  [IN_PROGRESS_REASONS.updating, 'update'],
  [IN_PROGRESS_REASONS.uninstalling, 'uninstall'],
]);

const commonOf = (kataConfig: Record<string, unknown>): StateCommon => {
  const metadata = recordAt(kataConfig, 'metadata');
  const deletionTimestamp = textOrNull(metadata.deletionTimestamp);
  return {
    name: typeof metadata.name === 'string' ? metadata.name : '',
    deletionRequested: deletionTimestamp !== null,
    deletionTimestamp,
  };
};

/**
 * The single state a UI shows for a KataConfig. `kataConfig` null or undefined means none
 * exists. `pool` is the pool running the current rollout: `kata-oc` (`master` on converged
 * clusters), or `worker` while uninstalling; it only refines the picture.
 */
export const deriveKataConfigUserState = (
  kataConfig: unknown,
  pool?: PoolSnapshot | null,
): KataConfigUserState => {
  if (kataConfig === null || kataConfig === undefined) {
    return { kind: 'notInstalled' };
  }
  const object: Record<string, unknown> = isRecord(kataConfig) ? kataConfig : {};
  const common = commonOf(object);
  const layout = detectLayout(object);
  if (isLegacyLayout(layout)) {
    return { ...common, kind: 'legacyLayout', layout, legacy: summarizeLegacyStatus(object) };
  }
  const condition = findInProgressCondition(object);
  const details: CurrentLayoutDetails = {
    ...common,
    layout,
    kataNodes: kataNodesOf(object),
    runtimeClasses: runtimeClassesOf(object),
    condition: condition
      ? { status: condition.status, reason: condition.reason, message: condition.message }
      : null,
    // An empty timestamp is as good as none.
    since: condition && condition.lastTransitionTime !== '' ? condition.lastTransitionTime : null,
    pool: summarizePool(pool),
  };
  if (!isRecord(kataConfig)) {
    return { ...details, kind: 'unknown', cause: 'malformed' };
  }
  if (condition === null) {
    return { ...details, kind: 'unknown', cause: 'noCondition' };
  }

  const { reason, message } = condition;
  // The reason is the specific signal; upstream pairs each with one status, so a mismatched
  // status is not worth hiding the phase for.
  const operation = OPERATION_BY_REASON.get(reason);
  if (operation !== undefined) {
    // Once the pool reports Updating the MCO has started, even if the flag is not cleared yet.
    const mcoStarted = details.pool?.updating === true;
    if (isWaitingForMcoToStart(object) && !mcoStarted) {
      return { ...details, kind: 'waitingForMco', operation };
    }
    if (operation === 'install') {
      return { ...details, kind: 'installing' };
    }
    return { ...details, kind: operation === 'update' ? 'updatingNodes' : 'uninstalling' };
  }

  switch (reason) {
    case IN_PROGRESS_REASONS.failed: {
      const parsed = parseFailedMessage(message);
      const { failedToInstall, failedToUninstall } = details.kataNodes;
      const failedNodes = [...failedToInstall, ...failedToUninstall];
      const uninstalling =
        failedToUninstall.length > 0 || (failedToInstall.length === 0 && common.deletionRequested);
      return {
        ...details,
        kind: 'failed',
        operation: uninstalling ? 'uninstall' : 'install',
        nodeName: parsed?.nodeName ?? failedNodes[0] ?? null,
        nodeReason: parsed?.nodeReason ?? null,
        failedNodes,
      };
    }
    case IN_PROGRESS_REASONS.blockedByExistingKataPods:
      return { ...details, kind: 'uninstallBlocked', blocking: parseBlockedMessage(message) };
    case IN_PROGRESS_REASONS.none:
      return condition.status === 'False'
        ? { ...details, kind: 'installed' }
        : { ...details, kind: 'unknown', cause: 'inconsistentStatus' };
    default: {
      const job = PEER_PODS_IMAGE_REASONS.get(reason);
      if (job !== undefined) {
        const imageOperation = PEER_PODS_IMAGE_OPERATIONS.get(message) ?? null;
        return { ...details, kind: 'peerPodsImage', job, operation: imageOperation };
      }
      return { ...details, kind: 'unknown', cause: 'unrecognizedReason' };
    }
  }
};
