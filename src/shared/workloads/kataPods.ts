/**
 * Pods that block a KataConfig uninstall.
 *
 * The upstream operator (processKataConfigDeleteRequest → listKataPods) lists every pod in
 * every namespace and refuses to uninstall while any has `spec.runtimeClassName` in
 * `status.runtimeClasses`. It ignores the pod phase, so this module does too:
 *
 * - Finished pods (phase Succeeded or Failed) still block until they are deleted. They are
 *   kept with `finished: true` so the UI can say "completed, delete it to continue" instead of
 *   leaving the user wondering why a pod that no longer runs is in the way.
 * - Terminating pods (deletionTimestamp set) still exist, so they still block; they carry
 *   `terminating: true` because they will go away on their own.
 *
 * Unlike upstream, every blocking pod is counted and named, not just the first one.
 */
import { KATA_RUNTIME_CLASS_NAME, PEER_PODS_RUNTIME_CLASS_NAME } from '../kataconfig/constants';
import type { OwnerReference, Pod } from '../k8s/types';

const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** The fields of a KataConfig this module reads; structural so any KataConfig type fits. */
export interface KataConfigRuntimeClassSource {
  spec?: { enablePeerPods?: boolean | null } | null;
  status?: { runtimeClasses?: readonly string[] | null } | null;
}

/**
 * The RuntimeClass names whose pods block uninstall. Upstream reads `status.runtimeClasses`;
 * while that is still empty (install not finished, or an old status) we fall back to the names
 * the operator would create, so a manually created `kata` class is not overlooked.
 */
export const kataRuntimeClassNames = (
  kataConfig: KataConfigRuntimeClassSource | null | undefined,
): string[] => {
  const fromStatus = (kataConfig?.status?.runtimeClasses ?? []).filter(
    (name): name is string => typeof name === 'string' && name !== '',
  );
  if (fromStatus.length > 0) return [...new Set(fromStatus)];
  return kataConfig?.spec?.enablePeerPods === true
    ? [KATA_RUNTIME_CLASS_NAME, PEER_PODS_RUNTIME_CLASS_NAME]
    : [KATA_RUNTIME_CLASS_NAME];
};

export interface PodOwner {
  kind: string;
  name: string;
  /** Set when the owner was derived: the ReplicaSet a Deployment's pod actually belongs to. */
  via?: { kind: string; name: string };
}

/** Only the fields the UI needs, copied out so the listed page can be garbage collected. */
export interface BlockingPod {
  namespace: string;
  name: string;
  uid?: string;
  runtimeClassName: string;
  nodeName?: string;
  phase?: string;
  /** Succeeded or Failed: not running, but it still blocks until deleted. */
  finished: boolean;
  /** Being deleted already. */
  terminating: boolean;
  /** The controlling owner, or undefined for a bare pod. */
  owner?: PodOwner;
  /** `metadata.creationTimestamp`, for the pod's age. */
  created?: string;
}

const FINISHED_PHASES: readonly string[] = ['Succeeded', 'Failed'];

export const isPodFinished = (pod: Pod): boolean =>
  FINISHED_PHASES.includes(pod.status?.phase ?? '');

const isNonEmptyString = (value: unknown): value is string =>
  typeof value === 'string' && value !== '';

const controllerReference = (pod: Pod): { kind: string; name: string } | undefined => {
  const references = pod.metadata?.ownerReferences;
  if (!Array.isArray(references)) return undefined;
  // Entries from a misbehaving client may be null or half filled.
  for (const reference of references as readonly (Partial<OwnerReference> | null)[]) {
    if (
      reference?.controller === true &&
      isNonEmptyString(reference.kind) &&
      isNonEmptyString(reference.name)
    ) {
      return { kind: reference.kind, name: reference.name };
    }
  }
  return undefined;
};

/**
 * The workload a pod belongs to. A ReplicaSet named `<deployment>-<hash>` whose pods carry
 * the matching `pod-template-hash` label was made by a Deployment, so the Deployment is the
 * owner worth acting on; without the label the ReplicaSet stands on its own.
 */
export const podOwner = (pod: Pod): PodOwner | undefined => {
  const reference = controllerReference(pod);
  if (!reference) return undefined;
  if (reference.kind === 'ReplicaSet') {
    const hash = pod.metadata?.labels?.[POD_TEMPLATE_HASH_LABEL];
    const hashSuffix = `-${hash ?? ''}`;
    if (isNonEmptyString(hash) && reference.name.endsWith(hashSuffix)) {
      const deploymentName = reference.name.slice(0, -hashSuffix.length);
      if (deploymentName !== '') {
        return {
          kind: 'Deployment',
          name: deploymentName,
          via: { kind: 'ReplicaSet', name: reference.name },
        };
      }
    }
  }
  return { kind: reference.kind, name: reference.name };
};

/** Whether the pod uses one of the kata RuntimeClasses (and so blocks uninstall). */
export const isKataPod = (
  pod: Pod | null | undefined,
  runtimeClassNames: readonly string[],
): boolean => {
  const runtimeClassName = pod?.spec?.runtimeClassName;
  return isNonEmptyString(runtimeClassName) && runtimeClassNames.includes(runtimeClassName);
};

/**
 * The blocking-pod record for a pod, or undefined when it does not block. A pod object without
 * a name cannot come from the API server and could not be acted on, so it is skipped.
 */
export const toBlockingPod = (
  pod: Pod | null | undefined,
  runtimeClassNames: readonly string[],
): BlockingPod | undefined => {
  if (!pod || !isKataPod(pod, runtimeClassNames)) return undefined;
  const name = pod.metadata?.name;
  if (!isNonEmptyString(name)) return undefined;
  const blocking: BlockingPod = {
    namespace: pod.metadata?.namespace ?? '',
    name,
    runtimeClassName: pod.spec?.runtimeClassName ?? '',
    finished: isPodFinished(pod),
    terminating: isNonEmptyString(pod.metadata?.deletionTimestamp),
  };
  const { uid } = pod.metadata ?? {};
  if (isNonEmptyString(uid)) blocking.uid = uid;
  const nodeName = pod.spec?.nodeName;
  if (isNonEmptyString(nodeName)) blocking.nodeName = nodeName;
  const phase = pod.status?.phase;
  if (isNonEmptyString(phase)) blocking.phase = phase;
  const owner = podOwner(pod);
  if (owner) blocking.owner = owner;
  const created = pod.metadata?.creationTimestamp;
  if (isNonEmptyString(created)) blocking.created = created;
  return blocking;
};

/**
 * A compact age in the style of `kubectl get pods` (90s, 45m, 30h, 12d): the largest unit that
 * still shows two digits of precision. Undefined without a valid creation time.
 */
export const podAge = (created: string | undefined, nowMs: number): string | undefined => {
  const createdMs = created ? Date.parse(created) : Number.NaN;
  if (!Number.isFinite(createdMs)) return undefined;
  const totalSeconds = Math.max(0, Math.floor((nowMs - createdMs) / 1000));
  if (totalSeconds < 120) return `${String(totalSeconds)}s`;
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 120) return `${String(minutes)}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${String(hours)}h`;
  return `${String(Math.floor(hours / 24))}d`;
};

export const blockingPodKey = (pod: Pick<BlockingPod, 'namespace' | 'name'>): string =>
  `${pod.namespace}/${pod.name}`;

const byNamespaceThenName = (left: BlockingPod, right: BlockingPod): number =>
  left.namespace.localeCompare(right.namespace) || left.name.localeCompare(right.name);

export interface BlockingPodScan {
  /**
   * Feeds one page of a pod list. Returns the blocking pods found in it; only those are kept,
   * so memory follows the number of kata pods, not the number of pods in the cluster.
   */
  add: (pagePods: readonly (Pod | null | undefined)[] | null | undefined) => BlockingPod[];
  /** Every blocking pod seen so far, by namespace then name. */
  blockingPods: () => BlockingPod[];
  /** How many pod objects were examined, for progress and logs. */
  scannedCount: () => number;
  /**
   * Applies a later state of one pod (from a watch): kept, replaced or dropped as it now does
   * or does not block. Returns whether the blocking set changed.
   */
  update: (pod: Pod | null | undefined) => boolean;
  /** Drops a pod that was deleted. Returns whether it was blocking. */
  remove: (pod: Pick<BlockingPod, 'namespace' | 'name'>) => boolean;
}

/**
 * An accumulator for a paged pod list (`limit` + `continue`). A pod seen twice (pages can
 * overlap after a relist) is kept once, with its latest state.
 */
export const createBlockingPodScan = (runtimeClassNames: readonly string[]): BlockingPodScan => {
  const names = [...runtimeClassNames];
  const found = new Map<string, BlockingPod>();
  let scanned = 0;
  return {
    add: (pagePods) => {
      const pageMatches: BlockingPod[] = [];
      for (const pod of pagePods ?? []) {
        scanned += 1;
        const blocking = toBlockingPod(pod, names);
        if (blocking) {
          found.set(blockingPodKey(blocking), blocking);
          pageMatches.push(blocking);
        }
      }
      return pageMatches;
    },
    blockingPods: () => [...found.values()].sort(byNamespaceThenName),
    scannedCount: () => scanned,
    update: (pod) => {
      const blocking = toBlockingPod(pod, names);
      if (blocking) {
        found.set(blockingPodKey(blocking), blocking);
        return true;
      }
      const name = pod?.metadata?.name;
      return isNonEmptyString(name)
        ? found.delete(blockingPodKey({ namespace: pod?.metadata?.namespace ?? '', name }))
        : false;
    },
    remove: (pod) => found.delete(blockingPodKey(pod)),
  };
};

/** One-shot form of the scan, for a pod list already in memory (a watch cache). */
export const findBlockingPods = (
  pods: readonly (Pod | null | undefined)[] | null | undefined,
  runtimeClassNames: readonly string[],
): BlockingPod[] => {
  const scan = createBlockingPodScan(runtimeClassNames);
  scan.add(pods);
  return scan.blockingPods();
};

export interface BlockingPodGroup {
  namespace: string;
  /** Undefined for the bare pods of the namespace, which are grouped together. */
  owner?: PodOwner;
  pods: BlockingPod[];
  finishedCount: number;
}

const ownerSortKey = (group: BlockingPodGroup): string =>
  group.owner ? `1/${group.owner.kind}/${group.owner.name}` : '0';

/**
 * Groups blocking pods by namespace and controlling owner, so the UI can offer one action per
 * workload (scale down or delete the Deployment) rather than one per pod. Owners are
 * namespaced, so the same owner name in two namespaces makes two groups.
 */
export const groupBlockingPodsByOwner = (pods: readonly BlockingPod[]): BlockingPodGroup[] => {
  const groups = new Map<string, BlockingPodGroup>();
  for (const pod of pods) {
    const key = JSON.stringify([pod.namespace, pod.owner?.kind ?? '', pod.owner?.name ?? '']);
    let group = groups.get(key);
    if (!group) {
      group = { namespace: pod.namespace, pods: [], finishedCount: 0 };
      if (pod.owner) group.owner = pod.owner;
      groups.set(key, group);
    }
    group.pods.push(pod);
    if (pod.finished) group.finishedCount += 1;
  }
  return [...groups.values()]
    .map((group) => ({ ...group, pods: [...group.pods].sort(byNamespaceThenName) }))
    .sort(
      (left, right) =>
        left.namespace.localeCompare(right.namespace) ||
        ownerSortKey(left).localeCompare(ownerSortKey(right)),
    );
};

export interface BlockingPodSummary {
  count: number;
  /** The first `maxNamed` pods as `namespace/name`, in the order given. */
  named: string[];
  /** How many were not named. */
  more: number;
}

/** The figures for the BlockedByExistingKataPods message: a few names and "and N more". */
export const summarizeBlockingPods = (
  pods: readonly Pick<BlockingPod, 'namespace' | 'name'>[],
  maxNamed: number,
): BlockingPodSummary => {
  const limit = Number.isFinite(maxNamed) ? Math.max(0, Math.floor(maxNamed)) : 0;
  const named = pods.slice(0, limit).map(blockingPodKey);
  return { count: pods.length, named, more: pods.length - named.length };
};
