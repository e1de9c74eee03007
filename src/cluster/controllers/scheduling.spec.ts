import type { Node, Pod } from '../../shared/k8s/types';
import { nodeUsage, placePod } from './scheduling';
import { nodeSupportsHandler } from './runtimeHandler';

const node = (name: string, extra: Partial<Node> = {}, ready = true): Node => ({
  metadata: { name, labels: {} },
  status: {
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    allocatable: { cpu: '1', memory: '1Gi', pods: '2' },
  },
  ...extra,
});

const pod = (cpu: string, spec: Pod['spec'] = {}): Pod => ({
  metadata: { name: 'p' },
  spec: { containers: [{ name: 'c', resources: { requests: { cpu } } }], ...spec },
});

describe('placePod', () => {
  it('reports every node with its first failing filter, in kube-scheduler wording', () => {
    const nodes = [
      node('cordoned', { spec: { unschedulable: true } }),
      node('tainted', {
        spec: { taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] },
      }),
      node('down', {}, false),
      node('small'),
    ];
    const result = placePod(pod('2'), nodes, new Map());
    expect(result).toEqual({
      message:
        '0/4 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: x}, ' +
        '1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 1 node(s) were unschedulable. ' +
        'preemption: 0/4 nodes are available: 3 Preemption is not helpful for scheduling, ' +
        '1 No preemption victims found for incoming pod.',
    });
  });

  it('tolerates taints, counts overhead and bound pods, and prefers the emptier node', () => {
    const nodes = [
      node('a', { spec: { taints: [{ key: 'kata', effect: 'NoSchedule' }] } }),
      node('b'),
    ];
    const bound = [pod('500m', { nodeName: 'b' })];
    const tolerant = pod('600m', { tolerations: [{ key: 'kata', operator: 'Exists' }] });
    expect(placePod(tolerant, nodes, nodeUsage(bound))).toMatchObject({
      node: { metadata: { name: 'a' } },
    });
    const withOverhead = pod('800m', { overhead: { cpu: '250m' } });
    expect(placePod(withOverhead, [node('b')], new Map())).toEqual({
      message: expect.stringContaining('1 Insufficient cpu') as unknown,
    });
    const finished: Pod = { ...pod('1', { nodeName: 'b' }), status: { phase: 'Succeeded' } };
    expect(placePod(pod('1'), [node('b')], nodeUsage([finished]))).toHaveProperty('node');
  });

  it('says so when there are no nodes, and enforces the pod count', () => {
    expect(placePod(pod('0'), [], new Map())).toEqual({
      message: 'no nodes available to schedule pods',
    });
    const full = nodeUsage([pod('0', { nodeName: 'b' }), pod('0', { nodeName: 'b' })]);
    expect(placePod(pod('0'), [node('b')], full)).toEqual({
      message: expect.stringContaining('1 Too many pods') as unknown,
    });
  });
});

describe('nodeSupportsHandler', () => {
  const withConfig = (config?: string): Node => ({
    metadata: {
      name: 'n',
      annotations: config ? { 'machineconfiguration.openshift.io/currentConfig': config } : {},
    },
  });
  const extensions = (name: string): string[] | undefined =>
    ({
      'rendered-kata': ['usbguard', 'kata-containers'],
      'rendered-rhcos': ['sandboxed-containers'],
      'rendered-plain': [],
    })[name];

  it('needs the extension in the current rendered config for kata only', () => {
    expect(nodeSupportsHandler(withConfig('rendered-kata'), 'kata', extensions)).toBe(true);
    expect(nodeSupportsHandler(withConfig('rendered-rhcos'), 'kata', extensions)).toBe(true);
    expect(nodeSupportsHandler(withConfig('rendered-plain'), 'kata', extensions)).toBe(false);
    expect(nodeSupportsHandler(withConfig('rendered-missing'), 'kata', extensions)).toBe(false);
    expect(nodeSupportsHandler(withConfig(), 'kata', extensions)).toBe(false);
    expect(nodeSupportsHandler(withConfig(), 'runc', extensions)).toBe(true);
  });
});
