/**
 * KataConfig wire types. The current layout (operator 1.5.1+) is what we read and write; the
 * legacy layouts are read-only, so objects written by old operators still display sensibly.
 * Every field is optional where the API server or an old operator may omit it.
 */
import type { K8sObject, LabelSelector } from '../k8s/types';

export interface KataConfigSpec {
  /** Null or absent selects every worker node. */
  kataConfigPoolSelector?: LabelSelector | null;
  checkNodeEligibility?: boolean;
  /** A `crio --log-level` value; the CRD has no enum. */
  logLevel?: string;
  enablePeerPods?: boolean;
}

export interface KataNodesStatus {
  /** Nodes with kata installed, queued or installing; excludes nodes on their way out. */
  nodeCount?: number;
  /** Always `installed.length`. */
  readyNodeCount?: number;
  installed?: string[];
  installing?: string[];
  waitingToInstall?: string[];
  failedToInstall?: string[];
  uninstalling?: string[];
  waitingToUninstall?: string[];
  failedToUninstall?: string[];
}

/** The seven node lists of `status.kataNodes`, in the order upstream documents them. */
export const KATA_NODE_LISTS = [
  'installed',
  'installing',
  'waitingToInstall',
  'failedToInstall',
  'uninstalling',
  'waitingToUninstall',
  'failedToUninstall',
] as const;
export type KataNodeListName = (typeof KATA_NODE_LISTS)[number];

export interface KataConfigCondition {
  /** Always `InProgress`. */
  type: string;
  /** `True`, `False` or `Unknown`; typed as string because API data may hold anything. */
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface KataConfigStatus {
  runtimeClasses?: string[] | null;
  kataNodes?: KataNodesStatus;
  conditions?: KataConfigCondition[];
  waitingForMcoToStart?: boolean;
}

export interface KataConfig extends K8sObject {
  spec?: KataConfigSpec | null;
  status?: KataConfigStatus;
}

// ---------------------------------------------------------------------------------------------
// Legacy layouts (read-only)
// ---------------------------------------------------------------------------------------------

export interface LegacyFailedNode {
  name?: string;
  error?: string;
}

export interface LegacyCompletedNodes {
  completedNodesCount?: number;
  completedNodesList?: string[];
}

export interface LegacyFailedNodes {
  failedNodesCount?: number;
  failedNodesReason?: string;
  failedNodesList?: LegacyFailedNode[];
}

export interface LegacyInstallationStatus {
  /** v1 (1.0-1.4): a ConditionStatus string; this is what `oc get` printed as InProgress. */
  IsInProgress?: string;
  /** v1 serialises this key lower-case. */
  inprogress?: {
    inProgressNodesCount?: number;
    isInProgress?: boolean;
    binariesInstallNodesList?: string[];
  };
  /** v1alpha1 (4.6) spelling of the same block. */
  inProgress?: {
    inProgressNodesCount?: number;
    isInProgress?: boolean | string;
    binariesInstallNodesList?: string[];
  };
  completed?: LegacyCompletedNodes;
  failed?: LegacyFailedNodes;
}

export interface LegacyUninstallationStatus {
  inProgress?: {
    inProgressNodesCount?: number;
    /** ConditionStatus string, added with the blocked-by-pods message (v1). */
    status?: string;
    binariesUninstallNodesList?: string[];
  };
  completed?: LegacyCompletedNodes;
  failed?: LegacyFailedNodes;
  /** Set when uninstall is blocked by kata pods. */
  errorMessage?: string;
}

/** Status written by operators 4.6 (v1alpha1) through 1.4.x. */
export interface LegacyKataConfigStatus {
  /** A single RuntimeClass name. */
  runtimeClass?: string;
  kataImage?: string;
  totalNodesCount?: number;
  installationStatus?: LegacyInstallationStatus;
  unInstallationStatus?: LegacyUninstallationStatus;
  upgradeStatus?: Record<string, unknown>;
  /** 4.8-1.3 only. */
  prevMcpGeneration?: number;
  /** 1.4.x only. */
  waitingForMcoToStart?: boolean;
}

export interface LegacyKataConfigSpec extends KataConfigSpec {
  /** v1alpha1 only: the kata-deploy image. */
  config?: { sourceImage?: string };
  /** 1.2-1.3.1 only. */
  kataMonitorImage?: string;
}

export interface LegacyKataConfig extends K8sObject {
  spec?: LegacyKataConfigSpec | null;
  status?: LegacyKataConfigStatus;
}

/**
 * Operator 1.5.0 already used the current layout but named the list `runtimeClass`; 1.5.1
 * renamed it to `runtimeClasses`.
 */
export interface TransitionalKataConfigStatus extends KataConfigStatus {
  runtimeClass?: string[];
}

// ---------------------------------------------------------------------------------------------
// Layout detection
// ---------------------------------------------------------------------------------------------

export type KataConfigLayout =
  /** 1.5.1 and later: `runtimeClasses`, `kataNodes`, `conditions`. */
  | 'current'
  /** 1.5.0: the current layout with the list still named `runtimeClass`. */
  | 'current-1.5.0'
  /** 1.0 to 1.4.x (`v1`): `installationStatus`, `unInstallationStatus`, `totalNodesCount`. */
  | 'legacy-v1'
  /** 4.6 (`v1alpha1`). */
  | 'legacy-v1alpha1';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const LEGACY_STATUS_KEYS = [
  'installationStatus',
  'unInstallationStatus',
  'upgradeStatus',
  'totalNodesCount',
  'prevMcpGeneration',
  'kataImage',
] as const;

const CURRENT_STATUS_KEYS = ['runtimeClasses', 'kataNodes', 'conditions'] as const;

/**
 * Which operator generation wrote this object. Decides from the status first (what the UI
 * displays), then from legacy-only spec fields; an object with neither is treated as current,
 * because a fresh object looks the same to every operator generation.
 */
export const detectLayout = (obj: unknown): KataConfigLayout => {
  if (!isRecord(obj)) {
    return 'current';
  }
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  if (apiVersion.endsWith('/v1alpha1')) {
    return 'legacy-v1alpha1';
  }
  const status = isRecord(obj.status) ? obj.status : {};
  // Current keys win over legacy leftovers: no legacy operator ever wrote them.
  if (CURRENT_STATUS_KEYS.some((key) => key in status)) {
    return Array.isArray(status.runtimeClass) && !('runtimeClasses' in status)
      ? 'current-1.5.0'
      : 'current';
  }
  if (Array.isArray(status.runtimeClass)) {
    return 'current-1.5.0';
  }
  if (LEGACY_STATUS_KEYS.some((key) => key in status) || typeof status.runtimeClass === 'string') {
    return 'legacy-v1';
  }
  const spec = isRecord(obj.spec) ? obj.spec : {};
  if ('kataMonitorImage' in spec) {
    return 'legacy-v1';
  }
  if (isRecord(spec.config) && 'sourceImage' in spec.config) {
    return 'legacy-v1alpha1';
  }
  return 'current';
};

export const isLegacyLayout = (
  layout: KataConfigLayout,
): layout is 'legacy-v1' | 'legacy-v1alpha1' =>
  layout === 'legacy-v1' || layout === 'legacy-v1alpha1';
