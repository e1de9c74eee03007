/**
 * What a fresh simulated cluster has: the base MachineConfigs, the `master` and `worker` pools,
 * 3 control-plane nodes and N workers already Done on their rendered configs. Every object is
 * created only when absent, and nodes only when the cluster has none, so this is safe to run on
 * every start.
 */
import type { Condition, Node, Taint } from '../../shared/k8s/types';
import type { MachineConfig, MachineConfigPool } from '../../shared/mco';
import {
  MACHINE_CONFIG_ROLE_LABEL,
  MachineConfigAnnotation,
  MCO_GROUP,
  NODE_ROLE_LABEL_PREFIX,
  NodeAnnotation,
  NodeState,
  PoolLabel,
  PoolName,
  UNCORDON_PREFIX,
} from '../../shared/mco';
import type { Kube } from './kube';
import { syncMachineConfigNodes } from './machineConfigNode';
import { renderPool } from './render';
import { CONTROLLER_VERSION } from './simConstants';

export const MASTER_COUNT = 3;
export const CONTROL_PLANE_ROLE_LABEL = `${NODE_ROLE_LABEL_PREFIX}control-plane`;
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

const dataUrl = (text: string): string => `data:,${encodeURIComponent(text)}`;

const file = (path: string, contents: string, mode = 420): Record<string, unknown> => ({
  path,
  mode,
  overwrite: true,
  contents: { source: dataUrl(contents) },
});

const machineConfig = (
  name: string,
  role: string,
  config: Record<string, unknown>,
  generated: boolean,
): MachineConfig => ({
  apiVersion: `${MCO_GROUP}/v1`,
  kind: 'MachineConfig',
  metadata: {
    name,
    labels: { [MACHINE_CONFIG_ROLE_LABEL]: role },
    ...(generated
      ? {
          annotations: {
            [MachineConfigAnnotation.generatedByControllerVersion]: CONTROLLER_VERSION,
          },
        }
      : {}),
  },
  spec: { config, extensions: [], fips: false, kernelArguments: [], kernelType: 'default' },
});

const ignition = (version: string, rest: Record<string, unknown>): Record<string, unknown> => ({
  ignition: { version },
  ...rest,
});

/** The MachineConfigs an installer-provisioned cluster has for one role. */
export const baseMachineConfigs = (role: string): MachineConfig[] => [
  machineConfig(
    `00-${role}`,
    role,
    ignition('3.5.0', {
      storage: {
        files: [
          file('/etc/kubernetes/kubelet-ca.crt', '-----BEGIN CERTIFICATE-----\n(simulated)\n'),
          file('/etc/sysctl.d/inotify.conf', 'fs.inotify.max_user_watches = 65536\n'),
        ],
      },
      systemd: {
        units: [
          { name: 'kubelet.service', enabled: true, contents: '[Unit]\nDescription=Kubelet\n' },
          { name: 'crio.service', enabled: true },
        ],
      },
    }),
    true,
  ),
  machineConfig(
    `01-${role}-container-runtime`,
    role,
    ignition('3.5.0', {
      storage: {
        files: [file('/etc/crio/crio.conf.d/00-default', '[crio.runtime]\nlog_level = "info"\n')],
      },
    }),
    true,
  ),
  machineConfig(
    `01-${role}-kubelet`,
    role,
    ignition('3.5.0', {
      storage: { files: [file('/etc/kubernetes/kubelet.conf', 'kind: KubeletConfiguration\n')] },
    }),
    true,
  ),
  machineConfig(
    `99-${role}-generated-registries`,
    role,
    ignition('3.5.0', {
      storage: {
        files: [file('/etc/containers/registries.conf', 'unqualified-search-registries = []\n')],
      },
    }),
    true,
  ),
  machineConfig(
    `99-${role}-ssh`,
    role,
    ignition('3.2.0', {
      passwd: {
        users: [
          {
            name: 'core',
            sshAuthorizedKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIsim admin@local'],
          },
        ],
      },
    }),
    false,
  ),
];

const defaultPool = (name: string, extraLabels: Record<string, string>): MachineConfigPool => ({
  apiVersion: `${MCO_GROUP}/v1`,
  kind: 'MachineConfigPool',
  metadata: {
    name,
    labels: {
      [PoolLabel.mcoBuiltIn]: '',
      [`${PoolLabel.poolSelectorPrefix}${name}`]: '',
      ...extraLabels,
    },
  },
  spec: {
    machineConfigSelector: { matchLabels: { [MACHINE_CONFIG_ROLE_LABEL]: name } },
    nodeSelector: { matchLabels: { [`${NODE_ROLE_LABEL_PREFIX}${name}`]: '' } },
    paused: false,
  },
});

export const defaultPools = (): MachineConfigPool[] => [
  defaultPool(PoolName.master, { [PoolLabel.requiredForUpgrade]: '' }),
  defaultPool(PoolName.worker, {}),
];

const readyConditions = (now: string): Condition[] => [
  {
    type: 'MemoryPressure',
    status: 'False',
    reason: 'KubeletHasSufficientMemory',
    message: 'kubelet has sufficient memory available',
    lastHeartbeatTime: now,
    lastTransitionTime: now,
  },
  {
    type: 'DiskPressure',
    status: 'False',
    reason: 'KubeletHasNoDiskPressure',
    message: 'kubelet has no disk pressure',
    lastHeartbeatTime: now,
    lastTransitionTime: now,
  },
  {
    type: 'PIDPressure',
    status: 'False',
    reason: 'KubeletHasSufficientPID',
    message: 'kubelet has sufficient PID available',
    lastHeartbeatTime: now,
    lastTransitionTime: now,
  },
  {
    type: 'Ready',
    status: 'True',
    reason: 'KubeletReady',
    message: 'kubelet is posting ready status',
    lastHeartbeatTime: now,
    lastTransitionTime: now,
  },
];

/** A node as the kubelet registers it, already Done on `config`. */
export const simulatedNode = (
  name: string,
  role: 'master' | 'worker',
  index: number,
  config: string,
): Node => {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const zone = ZONES[index % ZONES.length] ?? 'us-east-1a';
  const master = role === PoolName.master;
  const taints: Taint[] = master
    ? [{ key: `${NODE_ROLE_LABEL_PREFIX}master`, effect: 'NoSchedule' }]
    : [];
  const capacity = master
    ? { cpu: '4', memory: '16331884Ki', pods: '250', 'ephemeral-storage': '125293548Ki' }
    : { cpu: '8', memory: '32761580Ki', pods: '250', 'ephemeral-storage': '125293548Ki' };
  const allocatable = master
    ? { cpu: '3500m', memory: '15180908Ki', pods: '250', 'ephemeral-storage': '114396791822' }
    : { cpu: '7500m', memory: '31610604Ki', pods: '250', 'ephemeral-storage': '114396791822' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': master ? 'm6i.xlarge' : 'm6i.2xlarge',
        'node.openshift.io/os_id': 'rhcos',
        'topology.kubernetes.io/region': 'us-east-1',
        'topology.kubernetes.io/zone': zone,
        ...(master
          ? { [`${NODE_ROLE_LABEL_PREFIX}master`]: '', [CONTROL_PLANE_ROLE_LABEL]: '' }
          : { [`${NODE_ROLE_LABEL_PREFIX}worker`]: '' }),
      },
      annotations: {
        [NodeAnnotation.currentConfig]: config,
        [NodeAnnotation.desiredConfig]: config,
        [NodeAnnotation.state]: NodeState.Done,
        [NodeAnnotation.reason]: '',
        [NodeAnnotation.desiredDrain]: `${UNCORDON_PREFIX}${config}`,
        [NodeAnnotation.lastAppliedDrain]: `${UNCORDON_PREFIX}${config}`,
        [NodeAnnotation.controlPlaneTopology]: 'HighlyAvailable',
      },
    },
    spec: {
      providerID: `aws:///${zone}/i-0${(index + (master ? 100 : 200)).toString(16)}sim`,
      taints,
    },
    status: {
      capacity,
      allocatable,
      conditions: readyConditions(now),
      nodeInfo: {
        architecture: 'amd64',
        containerRuntimeVersion: 'cri-o://1.35.1-2.rhaos4.22.el9',
        kernelVersion: '5.14.0-570.el9_6.x86_64',
        kubeProxyVersion: '',
        kubeletVersion: 'v1.35.1',
        operatingSystem: 'linux',
        osImage: 'Red Hat Enterprise Linux CoreOS 9.6.20260101-0 (Plow)',
      },
    },
  };
};

/** Seeds what is missing; returns how many nodes were created. */
export const seedMco = (kube: Kube, workers: number): number => {
  for (const role of [PoolName.master, PoolName.worker]) {
    for (const mc of baseMachineConfigs(role)) kube.createIfMissing('MachineConfig', mc);
  }
  for (const pool of defaultPools()) kube.createIfMissing('MachineConfigPool', pool);
  if (kube.nodes().length > 0) return 0;
  const machineConfigs = kube.machineConfigs();
  const pools = kube.pools();
  const configFor = (role: string): string => {
    const pool = pools.find((p) => p.metadata?.name === role);
    const rendered = pool ? renderPool(pool, machineConfigs) : undefined;
    if (!rendered?.ok) throw new Error(`MCO simulator: cannot render the ${role} pool`);
    return rendered.name;
  };
  const masterConfig = configFor(PoolName.master);
  const workerConfig = configFor(PoolName.worker);
  let created = 0;
  for (let i = 0; i < MASTER_COUNT; i++) {
    if (kube.createIfMissing('Node', simulatedNode(`master-${i}`, 'master', i, masterConfig)))
      created++;
  }
  for (let i = 0; i < workers; i++) {
    if (kube.createIfMissing('Node', simulatedNode(`worker-${i}`, 'worker', i, workerConfig)))
      created++;
  }
  syncMachineConfigNodes(kube, pools, new Date());
  return created;
};
