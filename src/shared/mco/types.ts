/**
 * `machineconfiguration.openshift.io/v1` kinds, following openshift/api
 * (machineconfiguration/v1/types.go and types_machineconfignode.go).
 * Fields are optional where real objects may lack them, so callers must cope with partial data.
 */
import type { Condition, K8sObject, LabelSelector } from '../k8s/types';

/** Kubernetes IntOrString: `2` or `'20%'`. */
export type IntOrString = number | string;

/** corev1.ObjectReference (defined here because only MCO kinds use it so far). */
export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** `default`, `realtime` or `64k-pages`. */
export type KernelType = string;

export interface MachineConfigSpec {
  osImageURL?: string;
  baseOSExtensionsContainerImage?: string;
  /** An inline Ignition config, e.g. `{ ignition: { version: '3.5.0' }, storage: {...} }`. */
  config?: { ignition?: { version?: string } } & Record<string, unknown>;
  kernelArguments?: string[] | null;
  extensions?: string[] | null;
  fips?: boolean;
  kernelType?: KernelType;
}

/** Cluster-scoped, no status subresource. */
export interface MachineConfig extends K8sObject {
  spec?: MachineConfigSpec;
}

/** A rendered config reference plus the MachineConfigs it was merged from. */
export interface MachineConfigPoolStatusConfiguration extends ObjectReference {
  source?: ObjectReference[];
}

export interface MachineConfigPoolSpec {
  machineConfigSelector?: LabelSelector | null;
  nodeSelector?: LabelSelector | null;
  paused?: boolean;
  /** Default 1; an integer or a percentage of the pool's nodes. */
  maxUnavailable?: IntOrString | null;
  /** The target rendered config, written by the render controller. */
  configuration?: MachineConfigPoolStatusConfiguration;
  pinnedImageSets?: { name: string }[];
  osImageStream?: { name: string };
}

export interface CertExpiry {
  bundle: string;
  subject: string;
  expiry?: string;
}

export interface PoolSynchronizerStatus {
  /** `PinnedImageSets`. */
  poolSynchronizerType: string;
  machineCount: number;
  updatedMachineCount: number;
  readyMachineCount: number;
  availableMachineCount: number;
  unavailableMachineCount: number;
  observedGeneration?: number;
}

export interface MachineConfigPoolStatus {
  observedGeneration?: number;
  /** The current rendered config: copied from spec only once every node is updated. */
  configuration?: MachineConfigPoolStatusConfiguration;
  machineCount?: number;
  updatedMachineCount?: number;
  readyMachineCount?: number;
  unavailableMachineCount?: number;
  degradedMachineCount?: number;
  conditions?: Condition[];
  certExpirys?: CertExpiry[];
  poolSynchronizersStatus?: PoolSynchronizerStatus[];
  osImageStream?: { name: string };
}

/** Cluster-scoped, status subresource. */
export interface MachineConfigPool extends K8sObject {
  spec?: MachineConfigPoolSpec;
  status?: MachineConfigPoolStatus;
}

export interface MachineConfigNodeSpec {
  node?: { name?: string };
  /** The node's primary pool, or `not-yet-set`. */
  pool?: { name?: string };
  /** Written by the controller when it targets the node. */
  configVersion?: { desired?: string };
  configImage?: { desiredImage?: string };
}

export interface MachineConfigNodePinnedImageSet {
  name: string;
  currentGeneration?: number;
  desiredGeneration?: number;
  lastFailedGeneration?: number;
  lastFailedGenerationError?: string;
}

export interface MachineConfigNodeStatus {
  conditions?: Condition[];
  observedGeneration?: number;
  /** `desired` stays `not-yet-set` until UpdatePrepared=True. */
  configVersion?: { current?: string; desired?: string };
  configImage?: { currentImage?: string; desiredImage?: string };
  pinnedImageSets?: MachineConfigNodePinnedImageSet[];
  irreconcilableChanges?: { fieldPath: string; diff: string }[];
}

/** `machineconfiguration.openshift.io/v1` MachineConfigNode (GA in 4.19); name equals the node's. */
export interface MachineConfigNode extends K8sObject {
  spec?: MachineConfigNodeSpec;
  status?: MachineConfigNodeStatus;
}

export interface ContainerRuntimeConfiguration {
  pidsLimit?: number | null;
  logLevel?: string;
  logSizeMax?: string | null;
  overlaySize?: string | null;
  /** `crun` or `runc`. */
  defaultRuntime?: string;
}

export interface ContainerRuntimeConfig extends K8sObject {
  spec?: {
    /** Usually `pools.operator.machineconfiguration.openshift.io/<pool>: ""`. */
    machineConfigPoolSelector?: LabelSelector | null;
    containerRuntimeConfig?: ContainerRuntimeConfiguration;
  };
  status?: {
    observedGeneration?: number;
    /** Types `Success` / `Failure`. */
    conditions?: Condition[];
  };
}
