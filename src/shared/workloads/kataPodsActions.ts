/**
 * What the uninstall wizard can do about a blocking pod: delete it, or stop the workload that
 * owns it so it is not recreated. Console scales a workload by patching `spec.replicas` (its
 * "Edit Pod count"); a Job has no replicas, so stopping it means deleting it with its pods.
 */
import type { KindModel } from '../k8s/model';
import type { BlockingPod } from './kataPods';

const appsModel = (kind: string, plural: string, abbr: string): KindModel => ({
  apiGroup: 'apps',
  apiVersion: 'v1',
  kind,
  plural,
  abbr,
  label: kind,
  labelPlural: `${kind}s`,
  namespaced: true,
});

export const DeploymentModel = appsModel('Deployment', 'deployments', 'D');
export const StatefulSetModel = appsModel('StatefulSet', 'statefulsets', 'SS');
export const ReplicaSetModel = appsModel('ReplicaSet', 'replicasets', 'RS');
export const JobModel: KindModel = {
  apiGroup: 'batch',
  apiVersion: 'v1',
  kind: 'Job',
  plural: 'jobs',
  abbr: 'J',
  label: 'Job',
  labelPlural: 'Jobs',
  namespaced: true,
};

const SCALABLE_OWNERS: readonly KindModel[] = [DeploymentModel, StatefulSetModel, ReplicaSetModel];

/** Kinds that replace a deleted pod: deleting only the pod does not unblock the uninstall. */
const RECREATING_OWNER_KINDS: readonly string[] = [
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'ReplicationController',
];

export interface OwnerStopAction {
  /** `scaleToZero`: patch `spec.replicas` to 0; `deleteOwner`: delete the Job and its pods. */
  kind: 'scaleToZero' | 'deleteOwner';
  namespace: string;
  name: string;
  model: KindModel;
}

/** How the pod's owner can be stopped, or undefined for a bare pod or an owner we cannot stop. */
export const ownerStopAction = (pod: BlockingPod): OwnerStopAction | undefined => {
  const owner = pod.owner;
  if (!owner) return undefined;
  const scalable = SCALABLE_OWNERS.find((model) => model.kind === owner.kind);
  if (scalable) {
    return { kind: 'scaleToZero', namespace: pod.namespace, name: owner.name, model: scalable };
  }
  if (owner.kind === JobModel.kind) {
    return { kind: 'deleteOwner', namespace: pod.namespace, name: owner.name, model: JobModel };
  }
  return undefined;
};

export const ownerStopActionKey = (action: OwnerStopAction): string =>
  `${action.namespace}/${action.model.kind}/${action.name}`;

/** A pod that a controller would replace once deleted (finished pods are not replaced). */
export const isRecreatedWhenDeleted = (pod: BlockingPod): boolean =>
  !pod.finished && pod.owner !== undefined && RECREATING_OWNER_KINDS.includes(pod.owner.kind);

export interface PodDeletionPlan {
  pods: BlockingPod[];
  /** Pods a controller will replace: the list will not shrink for them. */
  recreated: BlockingPod[];
}

export const planPodDeletion = (pods: readonly BlockingPod[]): PodDeletionPlan => ({
  pods: [...pods],
  recreated: pods.filter(isRecreatedWhenDeleted),
});

export interface OwnerStopPlan {
  /** One action per distinct owner. */
  actions: OwnerStopAction[];
  /** How many of the given pods those actions remove. */
  coveredPodCount: number;
  /** Pods without an owner that can be stopped: they need deleting instead. */
  uncovered: BlockingPod[];
}

/** The distinct owners of the given pods, with what stopping them does. */
export const planOwnerStops = (pods: readonly BlockingPod[]): OwnerStopPlan => {
  const actions = new Map<string, OwnerStopAction>();
  const uncovered: BlockingPod[] = [];
  let coveredPodCount = 0;
  for (const pod of pods) {
    const action = ownerStopAction(pod);
    if (!action) {
      uncovered.push(pod);
      continue;
    }
    coveredPodCount += 1;
    actions.set(ownerStopActionKey(action), action);
  }
  return { actions: [...actions.values()], coveredPodCount, uncovered };
};

/**
 * JSON patch that scales a Deployment, StatefulSet or ReplicaSet to zero replicas. `add` also
 * works where an object omits replicas, where `replace` would fail.
 */
export const SCALE_TO_ZERO_PATCH = [{ op: 'add', path: '/spec/replicas', value: 0 }] as const;
