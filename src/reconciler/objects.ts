/**
 * The objects the reconciler creates, built exactly as the upstream operator builds them
 * (osc-operator.md section 2.3), plus a `managed-by` label so that cleanup only ever deletes
 * what this reconciler created.
 */
import {
  KATA_CONFIG_API_VERSION,
  KATA_CONFIG_KIND,
  KATA_CRIO_CONFIG_NAME,
  KATA_EXTENSION_NAME_RHCOS,
  KATA_MACHINE_CONFIG_IGNITION_VERSION,
  KATA_MACHINE_CONFIG_NAME,
  KATA_NODE_ROLE_LABEL,
  KATA_POOL_MACHINE_CONFIG_ROLES,
  KATA_POOL_NAME,
  KATA_POOL_SELECTOR_LABEL,
  KATA_RUNTIME_CLASS_NAME,
  KATA_RUNTIME_CLASS_OVERHEAD,
  KATA_RUNTIME_HANDLER,
  MACHINE_CONFIG_API_VERSION,
  MACHINE_CONFIG_APP_LABEL,
  MASTER_POOL_SELECTOR_LABEL,
  kataNodeRoleLabel,
  kataPoolName,
} from '../shared/kataconfig';
import type { KataConfig } from '../shared/kataconfig';
import type { K8sObject, RuntimeClass } from '../shared/k8s';
import { MACHINE_CONFIG_ROLE_LABEL } from '../shared/mco';
import type { ContainerRuntimeConfig, MachineConfig, MachineConfigPool } from '../shared/mco';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'kata-console-plugin';
const MANAGED = { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE } as const;

/** True only for objects carrying our `managed-by` label: nothing else is ever deleted. */
export const isManagedByUs = (obj: K8sObject | null | undefined): boolean =>
  obj?.metadata?.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE;

export const buildMachineConfig = (kataConfigName: string, converged: boolean): MachineConfig => ({
  apiVersion: MACHINE_CONFIG_API_VERSION,
  kind: 'MachineConfig',
  metadata: {
    name: KATA_MACHINE_CONFIG_NAME,
    labels: {
      [MACHINE_CONFIG_ROLE_LABEL]: kataPoolName(converged),
      [MACHINE_CONFIG_APP_LABEL]: kataConfigName,
      ...MANAGED,
    },
  },
  spec: {
    extensions: [KATA_EXTENSION_NAME_RHCOS],
    config: { ignition: { version: KATA_MACHINE_CONFIG_IGNITION_VERSION } },
  },
});

export const buildKataPool = (): MachineConfigPool => ({
  apiVersion: MACHINE_CONFIG_API_VERSION,
  kind: 'MachineConfigPool',
  metadata: { name: KATA_POOL_NAME, labels: { [KATA_POOL_SELECTOR_LABEL]: '', ...MANAGED } },
  spec: {
    machineConfigSelector: {
      matchExpressions: [
        {
          key: MACHINE_CONFIG_ROLE_LABEL,
          operator: 'In',
          values: [...KATA_POOL_MACHINE_CONFIG_ROLES],
        },
      ],
    },
    nodeSelector: { matchLabels: { [KATA_NODE_ROLE_LABEL]: '' } },
  },
});

/** RuntimeClass `kata`, owned by the KataConfig so that garbage collection removes it. */
export const buildRuntimeClass = (kataConfig: KataConfig, converged: boolean): RuntimeClass => ({
  apiVersion: 'node.k8s.io/v1',
  kind: 'RuntimeClass',
  metadata: {
    name: KATA_RUNTIME_CLASS_NAME,
    labels: { ...MANAGED },
    ownerReferences: [
      {
        apiVersion: KATA_CONFIG_API_VERSION,
        kind: KATA_CONFIG_KIND,
        name: kataConfig.metadata?.name ?? '',
        uid: kataConfig.metadata?.uid ?? '',
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  },
  handler: KATA_RUNTIME_HANDLER,
  overhead: { podFixed: { ...KATA_RUNTIME_CLASS_OVERHEAD } },
  scheduling: { nodeSelector: { [kataNodeRoleLabel(converged)]: '' } },
});

export const buildCrioConfig = (logLevel: string, converged: boolean): ContainerRuntimeConfig => ({
  apiVersion: MACHINE_CONFIG_API_VERSION,
  kind: 'ContainerRuntimeConfig',
  metadata: { name: KATA_CRIO_CONFIG_NAME, labels: { ...MANAGED } },
  spec: {
    machineConfigPoolSelector: {
      matchLabels: { [converged ? MASTER_POOL_SELECTOR_LABEL : KATA_POOL_SELECTOR_LABEL]: '' },
    },
    containerRuntimeConfig: { logLevel },
  },
});
