/** Builders of Nodes, pools and MachineConfigNodes for the unit tests of this folder. */
import type { Condition, Node, Taint } from '../k8s/types';
import { NodeAnnotation } from './constants';
import type { MachineConfigNode, MachineConfigPool } from './types';

export const OLD = 'rendered-worker-00000000000000000000000000000000';
export const NEW = 'rendered-worker-11111111111111111111111111111111';

type AnnotationKey = keyof typeof NodeAnnotation;

export interface TestNodeOptions {
  name?: string;
  labels?: Record<string, string>;
  annotations?: Partial<Record<AnnotationKey, string>>;
  ready?: 'True' | 'False' | 'Unknown' | null;
  readySince?: string;
  conditions?: Condition[];
  unschedulable?: boolean;
  taints?: Taint[];
}

export const testNode = (o: TestNodeOptions = {}): Node => {
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(o.annotations ?? {})) {
    annotations[NodeAnnotation[key as AnnotationKey]] = value;
  }
  const conditions: Condition[] = [...(o.conditions ?? [])];
  if (o.ready !== null) {
    conditions.push({
      type: 'Ready',
      status: o.ready ?? 'True',
      lastTransitionTime: o.readySince ?? '2024-01-01T00:00:00Z',
    });
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: o.name ?? 'node-a',
      labels: o.labels ?? { 'node-role.kubernetes.io/worker': '' },
      annotations,
    },
    spec: {
      ...(o.unschedulable ? { unschedulable: true } : {}),
      ...(o.taints ? { taints: o.taints } : {}),
    },
    status: { conditions },
  };
};

/** Annotation presets for the steps of one update from OLD to NEW. */
export const at = {
  done: (config = NEW) => ({
    currentConfig: config,
    desiredConfig: config,
    state: 'Done',
    desiredDrain: `uncordon-${config}`,
    lastAppliedDrain: `uncordon-${config}`,
  }),
  targeted: () => ({ ...at.done(OLD), desiredConfig: NEW }),
  working: () => ({ ...at.targeted(), state: 'Working' }),
  drainRequested: () => ({ ...at.working(), desiredDrain: `drain-${NEW}` }),
  drained: () => ({
    ...at.working(),
    desiredDrain: `drain-${NEW}`,
    lastAppliedDrain: `drain-${NEW}`,
  }),
  rebooting: () => ({ ...at.drained(), postConfigAction: 'Rebooting' }),
  uncordonRequested: () => ({ ...at.drained(), desiredDrain: `uncordon-${NEW}` }),
  degraded: (reason: string) => ({ ...at.drainRequested(), state: 'Degraded', reason }),
};

export const testPool = (
  name: string,
  spec: MachineConfigPool['spec'] = {},
  status?: MachineConfigPool['status'],
): MachineConfigPool => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'MachineConfigPool',
  metadata: { name, generation: 1 },
  spec: {
    nodeSelector: { matchLabels: { [`node-role.kubernetes.io/${name}`]: '' } },
    configuration: { name: NEW },
    ...spec,
  },
  ...(status ? { status } : {}),
});

export const condition = (
  type: string,
  status: 'True' | 'False' | 'Unknown',
  lastTransitionTime = '2025-01-01T10:00:00Z',
  message = '',
): Condition => ({ type, status, lastTransitionTime, message, reason: '' });

/** An MCN for `node-a` moving OLD → NEW, with the given conditions (others False). */
export const testMCN = (
  conditions: Condition[],
  current = OLD,
  desired = NEW,
): MachineConfigNode => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'MachineConfigNode',
  metadata: { name: 'node-a' },
  spec: { node: { name: 'node-a' }, pool: { name: 'worker' }, configVersion: { desired } },
  status: { conditions, configVersion: { current, desired } },
});
