/**
 * Pools, nodes and a typed stand-in for the SDK's watches, shared by the rollout specs (and the
 * rollout benchmark). Test data only.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import type { Condition, Node } from '../../../shared/k8s/types';
import type { KataConfig } from '../../../shared/kataconfig/types';
import { NodeAnnotation } from '../../../shared/mco/constants';
import type { MachineConfigNode, MachineConfigPool } from '../../../shared/mco/types';

export const OLD = 'rendered-kata-oc-00000000000000000000000000000000';
export const NEW = 'rendered-kata-oc-11111111111111111111111111111111';
export const KATA_ROLE = 'node-role.kubernetes.io/kata-oc';

export const pool = (
  name = 'kata-oc',
  status?: MachineConfigPool['status'],
  spec: MachineConfigPool['spec'] = {},
): MachineConfigPool => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'MachineConfigPool',
  metadata: { name, generation: 1, resourceVersion: '1' },
  spec: {
    nodeSelector: { matchLabels: { [`node-role.kubernetes.io/${name}`]: '' } },
    configuration: { name: NEW },
    ...spec,
  },
  ...(status ? { status } : {}),
});

export type Step = 'done' | 'queued' | 'working' | 'rebooting' | 'degraded';

const annotationsAt = (step: Step, reason: string): Record<string, string> => {
  const base: Record<string, string> = {
    [NodeAnnotation.currentConfig]: step === 'done' ? NEW : OLD,
    [NodeAnnotation.desiredConfig]: step === 'queued' ? OLD : NEW,
    [NodeAnnotation.state]: step === 'done' || step === 'queued' ? 'Done' : 'Working',
  };
  if (step === 'rebooting') base[NodeAnnotation.postConfigAction] = 'Rebooting';
  if (step === 'degraded') {
    base[NodeAnnotation.state] = 'Degraded';
    base[NodeAnnotation.reason] = reason;
  }
  return base;
};

/** A kata-oc node at `step` of the OLD → NEW rollout. */
export const node = (name: string, step: Step, resourceVersion = '1', reason = ''): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name,
    uid: `uid-${name}`,
    resourceVersion,
    labels: { 'node-role.kubernetes.io/worker': '', [KATA_ROLE]: '' },
    annotations: annotationsAt(step, reason),
  },
  spec: {},
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
});

export const machineConfigNode = (name: string, conditions: Condition[]): MachineConfigNode => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'MachineConfigNode',
  metadata: { name, resourceVersion: '1' },
  spec: { node: { name }, pool: { name: 'kata-oc' }, configVersion: { desired: NEW } },
  status: { conditions, configVersion: { current: OLD, desired: NEW } },
});

export interface ServedData {
  pool?: MachineConfigPool;
  poolError?: unknown;
  pools?: MachineConfigPool[];
  nodes?: Node[];
  nodesError?: unknown;
  machineConfigNodes?: MachineConfigNode[];
  kataConfigs?: KataConfig[];
}

type WatchArgs = Parameters<typeof SDK.useK8sWatchResource>[0];

/** Answers each watch the rollout view makes, by kind and by single-object or list. */
export const answerWatch =
  (data: ServedData) =>
  (resource: WatchArgs): [unknown, boolean, unknown] => {
    if (!resource) return [undefined, true, undefined];
    const kind = resource.groupVersionKind?.kind;
    if (kind === 'MachineConfigPool') {
      if (resource.isList) return [data.pools ?? (data.pool ? [data.pool] : []), true, undefined];
      return data.poolError ? [undefined, true, data.poolError] : [data.pool, true, undefined];
    }
    if (kind === 'Node') {
      return data.nodesError ? [[], true, data.nodesError] : [data.nodes ?? [], true, undefined];
    }
    if (kind === 'MachineConfigNode') {
      if (resource.isList) return [data.machineConfigNodes ?? [], true, undefined];
      const one = data.machineConfigNodes?.find((m) => m.metadata?.name === resource.name);
      return [one, true, undefined];
    }
    if (kind === 'KataConfig') return [data.kataConfigs ?? [], true, undefined];
    return [[], true, undefined];
  };

/**
 * jsdom lays nothing out, so every element measures 0 × 0 and a virtualiser shows no row. This
 * gives the rollout table's scroll box a browser-like viewport; returns the undo.
 */
export const giveRolloutScrollerAViewport = (width = 1200, height = 600): (() => void) => {
  const proto = HTMLElement.prototype;
  const original = {
    clientWidth: Object.getOwnPropertyDescriptor(proto, 'clientWidth'),
    clientHeight: Object.getOwnPropertyDescriptor(proto, 'clientHeight'),
  };
  const sized = (size: number, fallback: PropertyDescriptor | undefined) => ({
    configurable: true,
    get(this: HTMLElement) {
      if (this.dataset.test === 'rollout-table-scroller') return size;
      return (fallback?.get?.call(this) as number | undefined) ?? 0;
    },
  });
  Object.defineProperty(proto, 'clientWidth', sized(width, original.clientWidth));
  Object.defineProperty(proto, 'clientHeight', sized(height, original.clientHeight));
  return () => {
    for (const [key, descriptor] of Object.entries(original)) {
      if (descriptor) Object.defineProperty(proto, key, descriptor);
    }
  };
};
