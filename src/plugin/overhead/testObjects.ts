/** Objects and a watch stand-in shared by the overhead component tests. */
import type { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import type {
  K8sObject,
  LimitRange,
  Node,
  Pod,
  ResourceQuota,
  RuntimeClass,
} from '../../shared/k8s/types';
import type { KataConfig } from '../../shared/kataconfig/types';
import type { BlockingPod } from '../../shared/workloads';
import { toBlockingPod } from '../../shared/workloads';
import type { KataPodsState, useKataPods } from '../common/useKataPods';

export const KATA_LABEL = 'node-role.kubernetes.io/kata-oc';

export const kataRuntimeClass = (overrides: Partial<RuntimeClass> = {}): RuntimeClass => ({
  apiVersion: 'node.k8s.io/v1',
  kind: 'RuntimeClass',
  metadata: { name: 'kata', resourceVersion: '100' },
  handler: 'kata',
  overhead: { podFixed: { cpu: '250m', memory: '350Mi' } },
  scheduling: {
    nodeSelector: { [KATA_LABEL]: '' },
    tolerations: [{ key: 'kata', operator: 'Exists', effect: 'NoSchedule' }],
  },
  ...overrides,
});

export const node = (name: string, cpu: string, memory: string): Node => ({
  metadata: { name, labels: { [KATA_LABEL]: '' } },
  status: { allocatable: { cpu, memory } },
});

/** A running kata pod as the pod scan keeps it. */
const kataPod = (namespace: string, name: string): BlockingPod => {
  const pod: Pod = {
    metadata: { namespace, name },
    spec: { runtimeClassName: 'kata', overhead: { cpu: '250m', memory: '350Mi' } },
    status: { phase: 'Running' },
  };
  const record = toBlockingPod(pod, ['kata']);
  if (!record) throw new Error(`${name} is not a kata pod`);
  return record;
};

/** A finished pod scan over the whole cluster, with `overrides`. */
export const kataPodsScan = (overrides: Partial<KataPodsState> = {}): KataPodsState => ({
  phase: 'ready',
  loaded: true,
  pods: [kataPod('shop', 'web-1'), kataPod('shop', 'web-2')],
  progress: { scannedCount: 5, pageCount: 1, blockingCount: 2 },
  scope: 'cluster',
  skippedNamespaces: [],
  error: null,
  live: true,
  watchError: null,
  ...overrides,
});

/** Answers `useKataPods` with `scan`. */
export const serveKataPods = (
  mocked: jest.MockedFunction<typeof useKataPods>,
  scan: KataPodsState = kataPodsScan(),
): void => {
  mocked.mockReturnValue({ ...scan, rescan: jest.fn() });
};

/** What each list watch answers: `[items, loaded, error]`, by kind. */
export type Lists = Partial<Record<string, [K8sObject[], boolean, unknown]>>;

export const defaultLists = (): Lists => ({
  KataConfig: [
    [{ metadata: { name: 'example' }, status: { runtimeClasses: ['kata'] } } as KataConfig],
    true,
    undefined,
  ],
  Node: [[node('worker-0', '4', '16Gi'), node('worker-1', '2', '4Gi')], true, undefined],
  ResourceQuota: [
    [
      {
        metadata: { namespace: 'shop', name: 'q' },
        spec: { hard: { 'requests.memory': '8Gi' } },
      } as ResourceQuota,
    ],
    true,
    undefined,
  ],
  LimitRange: [[] as LimitRange[], true, undefined],
  RuntimeClass: [[kataRuntimeClass()], true, undefined],
});

/** Answers `useK8sWatchResource` list watches by kind from `lists`. */
export const serveLists = (
  mocked: jest.MockedFunction<typeof useK8sWatchResource>,
  lists: Lists,
): void => {
  mocked.mockImplementation(
    (resource) => lists[resource?.groupVersionKind?.kind ?? ''] ?? [[], true, undefined],
  );
};
