import type { KindModel } from '../k8s/model';
import { MCO_GROUP } from './constants';

const mcoKind = (kind: string, plural: string, abbr: string, labelPlural: string): KindModel => ({
  apiGroup: MCO_GROUP,
  apiVersion: 'v1',
  kind,
  plural,
  abbr,
  label: kind,
  labelPlural,
  namespaced: false,
  crd: true,
});

export const MachineConfigModel = mcoKind(
  'MachineConfig',
  'machineconfigs',
  'MC',
  'MachineConfigs',
);

export const MachineConfigPoolModel = mcoKind(
  'MachineConfigPool',
  'machineconfigpools',
  'MCP',
  'MachineConfigPools',
);

/** v1 only from 4.22; v1alpha1 (4.15–4.18 TechPreview) is not modelled. */
export const MachineConfigNodeModel = mcoKind(
  'MachineConfigNode',
  'machineconfignodes',
  'MCN',
  'MachineConfigNodes',
);

export const ContainerRuntimeConfigModel = mcoKind(
  'ContainerRuntimeConfig',
  'containerruntimeconfigs',
  'CRC',
  'ContainerRuntimeConfigs',
);
