/**
 * The slice of the Kubernetes core API this project reads and writes.
 * Every field is optional where the API server may omit it, so that code
 * handling real (and sometimes inconsistent) objects is forced to cope.
 */

export type Labels = Record<string, string>;

/**
 * One of the documented values `T`, or any other string: API data from a newer or odd
 * server must still type-check, while editors keep suggesting the documented values.
 */
export type OpenString<T extends string> = T | (string & Record<never, never>);

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Labels;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
}

export interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** metav1.Condition and the older per-kind condition shapes share these fields. */
export interface Condition {
  type: string;
  status: OpenString<ConditionStatus>;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastHeartbeatTime?: string;
  observedGeneration?: number;
}

export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  key: string;
  operator: OpenString<LabelSelectorOperator>;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Labels | null;
  matchExpressions?: LabelSelectorRequirement[] | null;
}

export interface Taint {
  key: string;
  value?: string;
  effect: OpenString<'NoSchedule' | 'PreferNoSchedule' | 'NoExecute'>;
  timeAdded?: string;
}

export interface Toleration {
  key?: string;
  operator?: OpenString<'Exists' | 'Equal'>;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** Resource name to quantity string, e.g. `{ cpu: '250m', memory: '350Mi' }`. */
export type ResourceList = Record<string, string>;

export interface Node extends K8sObject {
  spec?: {
    unschedulable?: boolean;
    taints?: Taint[];
    providerID?: string;
  };
  status?: {
    conditions?: Condition[];
    allocatable?: ResourceList;
    capacity?: ResourceList;
    nodeInfo?: Record<string, string>;
  };
}

export interface Container {
  name: string;
  image?: string;
  resources?: { requests?: ResourceList; limits?: ResourceList };
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface Pod extends K8sObject {
  spec?: {
    nodeName?: string;
    runtimeClassName?: string;
    nodeSelector?: Labels;
    tolerations?: Toleration[];
    overhead?: ResourceList;
    containers?: Container[];
    initContainers?: Container[];
  };
  status?: {
    phase?: OpenString<PodPhase>;
    conditions?: Condition[];
    startTime?: string;
  };
}

export interface RuntimeClass extends K8sObject {
  handler: string;
  overhead?: { podFixed?: ResourceList };
  scheduling?: { nodeSelector?: Labels; tolerations?: Toleration[] };
}

export interface ResourceQuota extends K8sObject {
  spec?: { hard?: ResourceList };
  status?: { hard?: ResourceList; used?: ResourceList };
}

export interface LimitRangeItem {
  type: OpenString<'Container' | 'Pod' | 'PersistentVolumeClaim'>;
  max?: ResourceList;
  min?: ResourceList;
  default?: ResourceList;
  defaultRequest?: ResourceList;
}

export interface LimitRange extends K8sObject {
  spec?: { limits?: LimitRangeItem[] };
}

export interface List<T> {
  apiVersion?: string;
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string };
  items: T[];
}
