import type { LimitRange, Node, ResourceQuota, RuntimeClass } from '../k8s/types';
import { toBlockingPod } from './kataPods';
import { reviewOverheadChange } from './overheadRules';
import type { OverheadFinding, OverheadReviewInput, ReviewedPod } from './overheadRules';

const KATA_NODE_LABEL = 'node-role.kubernetes.io/kata-oc';

const runtimeClass = (podFixed?: Record<string, string>, handler = 'kata'): RuntimeClass => ({
  apiVersion: 'node.k8s.io/v1',
  kind: 'RuntimeClass',
  metadata: { name: 'kata' },
  handler,
  ...(podFixed ? { overhead: { podFixed } } : {}),
  scheduling: { nodeSelector: { [KATA_NODE_LABEL]: '' } },
});

const kataNode = (name: string, cpu: string, memory: string, kata = true): Node => ({
  metadata: { name, labels: kata ? { [KATA_NODE_LABEL]: '' } : {} },
  status: { allocatable: { cpu, memory, pods: '250' } },
});

const kataPod = (
  namespace: string,
  name: string,
  phase = 'Running',
  runtimeClassName = 'kata',
): ReviewedPod => {
  // As the pod scan records it.
  const record = toBlockingPod(
    {
      metadata: { namespace, name },
      spec: { runtimeClassName, overhead: { cpu: '250m', memory: '350Mi' } },
      status: { phase },
    },
    [runtimeClassName],
  );
  if (!record) throw new Error(`${name} is not a kata pod`);
  return record;
};

const DEFAULTS = { cpu: '250m', memory: '350Mi' };

const review = (input: Partial<OverheadReviewInput> & Pick<OverheadReviewInput, 'proposed'>) =>
  reviewOverheadChange({ nodes: [kataNode('big', '16', '64Gi')], ...input });

const ids = (findings: OverheadFinding[]): string[] => findings.map((finding) => finding.id);

const find = <Id extends OverheadFinding['id']>(findings: OverheadFinding[], id: Id) =>
  findings.find((finding): finding is Extract<OverheadFinding, { id: Id }> => finding.id === id);

describe('reviewOverheadChange', () => {
  it('raises nothing for the measured defaults on a roomy cluster', () => {
    const result = review({ proposed: runtimeClass(DEFAULTS), current: runtimeClass(DEFAULTS) });
    expect(result.findings).toEqual([]);
    expect(result.canSave).toBe(true);
    expect(result.podFixed.cpu?.nanos).toBe(250_000_000n);
    expect(result.podFixed.memory?.nanos).toBe(350n * 1024n ** 2n * 1_000_000_000n);
  });

  it('treats the operator literal 0.25 as equal to 250m', () => {
    const result = review({
      proposed: runtimeClass({ cpu: '0.25', memory: '350Mi' }),
      current: runtimeClass(DEFAULTS),
    });
    expect(result.findings).toEqual([]);
  });

  describe('invalid quantities', () => {
    it.each([
      ['cpu', '250 m', 'containsWhitespace'],
      ['memory', '350MB', 'unknownSuffix'],
      ['memory', '', 'empty'],
      ['cpu', '1e', 'invalidExponent'],
    ])('%s %p blocks saving with reason %s', (resource, value, reason) => {
      const result = review({ proposed: runtimeClass({ ...DEFAULTS, [resource]: value }) });
      expect(result.canSave).toBe(false);
      expect(result.findings[0]).toEqual({
        id: 'invalidQuantity',
        severity: 'danger',
        blocking: true,
        params: { resource, value, reason },
      });
      expect(result.podFixed).not.toHaveProperty(resource);
    });

    it('blocks a negative overhead', () => {
      const result = review({ proposed: runtimeClass({ ...DEFAULTS, memory: '-1Mi' }) });
      expect(result.canSave).toBe(false);
      expect(find(result.findings, 'negativeQuantity')?.params).toEqual({
        resource: 'memory',
        value: '-1Mi',
      });
    });

    it('validates other resources in podFixed too', () => {
      const result = review({
        proposed: runtimeClass({ ...DEFAULTS, 'ephemeral-storage': 'lots' }),
      });
      expect(find(result.findings, 'invalidQuantity')?.params.resource).toBe('ephemeral-storage');
      expect(result.canSave).toBe(false);
    });
  });

  describe('below the measured defaults', () => {
    it('warns per resource, with the value in canonical form', () => {
      const result = review({ proposed: runtimeClass({ cpu: '0.1', memory: '160Mi' }) });
      expect(result.canSave).toBe(true);
      expect(result.findings).toEqual([
        {
          id: 'belowMeasuredDefault',
          severity: 'warning',
          blocking: false,
          params: { resource: 'cpu', value: '100m', recommended: '250m' },
        },
        {
          id: 'belowMeasuredDefault',
          severity: 'warning',
          blocking: false,
          params: { resource: 'memory', value: '160Mi', recommended: '350Mi' },
        },
      ]);
    });

    it('does not warn exactly at the default or above it', () => {
      expect(review({ proposed: runtimeClass({ cpu: '250m', memory: '500Mi' }) }).findings).toEqual(
        [],
      );
    });

    it('warns when overhead or one resource is not set at all', () => {
      expect(ids(review({ proposed: runtimeClass() }).findings)).toEqual([
        'overheadNotSet',
        'overheadNotSet',
      ]);
      expect(
        find(review({ proposed: runtimeClass({ cpu: '1' }) }).findings, 'overheadNotSet')?.params,
      ).toEqual({
        resource: 'memory',
        recommended: '350Mi',
      });
    });
  });

  describe('against the smallest kata node', () => {
    const nodes = [
      kataNode('large', '8', '32Gi'),
      kataNode('small', '2', '3Gi'),
      kataNode('medium', '4', '8Gi'),
      kataNode('not-kata', '500m', '512Mi', false),
    ];

    it('is fine when every kata node can hold the overhead (non-kata nodes are ignored)', () => {
      expect(
        review({ proposed: runtimeClass({ cpu: '1', memory: '2Gi' }), nodes }).findings,
      ).toEqual([]);
    });

    it('names the smallest node and counts the nodes that cannot hold it', () => {
      const result = review({ proposed: runtimeClass({ cpu: '3', memory: '4Gi' }), nodes });
      expect(result.canSave).toBe(true);
      expect(result.findings).toEqual([
        {
          id: 'exceedsNodeAllocatable',
          severity: 'danger',
          blocking: false,
          params: {
            resource: 'cpu',
            value: '3',
            node: 'small',
            allocatable: '2',
            nodesAffected: 1,
            nodesChecked: 3,
          },
        },
        {
          id: 'exceedsNodeAllocatable',
          severity: 'danger',
          blocking: false,
          params: {
            resource: 'memory',
            value: '4Gi',
            node: 'small',
            allocatable: '3Gi',
            nodesAffected: 1,
            nodesChecked: 3,
          },
        },
      ]);
    });

    it('uses allocatable in any notation and skips nodes without it', () => {
      const mixed = [
        kataNode('kib', '3500m', '4194304Ki'),
        { metadata: { name: 'no-status', labels: { [KATA_NODE_LABEL]: '' } } },
        {
          metadata: { name: 'bad', labels: { [KATA_NODE_LABEL]: '' } },
          status: { allocatable: { cpu: 'lots' } },
        },
      ] as Node[];
      const result = review({ proposed: runtimeClass({ cpu: '4', memory: '4Gi' }), nodes: mixed });
      expect(find(result.findings, 'exceedsNodeAllocatable')?.params).toMatchObject({
        resource: 'cpu',
        node: 'kib',
        allocatable: '3500m',
        nodesChecked: 1,
      });
      expect(ids(result.findings)).toEqual(['exceedsNodeAllocatable']);
    });

    it('checks every node when the RuntimeClass has no nodeSelector', () => {
      const proposed = { ...runtimeClass({ cpu: '1', memory: '1Gi' }), scheduling: undefined };
      const result = review({ proposed, nodes });
      expect(find(result.findings, 'exceedsNodeAllocatable')?.params).toMatchObject({
        node: 'not-kata',
        nodesAffected: 1,
        nodesChecked: 4,
      });
    });

    it('says when no kata node reports allocatable resources', () => {
      const result = review({ proposed: runtimeClass(DEFAULTS), nodes: [] });
      expect(ids(result.findings)).toEqual(['noNodesToCheck']);
      expect(review({ proposed: runtimeClass(DEFAULTS), nodes: null }).findings[0]?.id).toBe(
        'noNodesToCheck',
      );
    });
  });

  describe('running pods, quotas and limit ranges', () => {
    const pods = [
      kataPod('shop', 'web-1'),
      kataPod('shop', 'web-2'),
      kataPod('batch', 'done-1', 'Succeeded'),
      kataPod('ci', 'runner', 'Pending'),
      kataPod('plain', 'runc-pod', 'Running', 'runc'),
      {} as ReviewedPod,
    ];
    const quota = (namespace: string, hard: Record<string, string>): ResourceQuota => ({
      metadata: { namespace, name: 'quota' },
      spec: { hard },
    });
    const limitRange = (
      namespace: string,
      type: string,
      max: Record<string, string>,
    ): LimitRange => ({
      metadata: { namespace, name: 'limits' },
      spec: { limits: [{ type, max }] },
    });

    it('tells how many running kata pods keep the old overhead when it changes', () => {
      const result = review({
        proposed: runtimeClass({ cpu: '500m', memory: '500Mi' }),
        current: runtimeClass(DEFAULTS),
        pods,
      });
      expect(result.findings).toEqual([
        {
          id: 'appliesToNewPodsOnly',
          severity: 'info',
          blocking: false,
          params: { runningPods: 3 },
        },
      ]);
    });

    it('says nothing about running pods when the overhead is unchanged or new', () => {
      expect(
        review({ proposed: runtimeClass(DEFAULTS), current: runtimeClass(DEFAULTS), pods })
          .findings,
      ).toEqual([]);
      expect(review({ proposed: runtimeClass(DEFAULTS), pods }).findings).toEqual([]);
    });

    it('counts adding or removing a resource as a change', () => {
      const result = review({
        proposed: runtimeClass({ ...DEFAULTS, 'ephemeral-storage': '1Gi' }),
        current: runtimeClass(DEFAULTS),
      });
      expect(ids(result.findings)).toEqual(['appliesToNewPodsOnly']);
    });

    it('names namespaces with running kata pods whose quota counts cpu or memory', () => {
      const result = review({
        proposed: runtimeClass(DEFAULTS),
        pods,
        resourceQuotas: [
          quota('shop', { 'requests.memory': '10Gi' }),
          quota('ci', { 'limits.cpu': '4' }),
          quota('batch', { cpu: '4' }), // only finished kata pods there
          quota('plain', { memory: '4Gi' }), // no kata pods there
          quota('shop', { pods: '10' }),
        ],
      });
      expect(result.findings).toEqual([
        {
          id: 'quotaCountsOverhead',
          severity: 'warning',
          blocking: false,
          params: { namespaces: ['ci', 'shop'] },
        },
      ]);
    });

    it('ignores quotas that count neither cpu nor memory', () => {
      const result = review({
        proposed: runtimeClass(DEFAULTS),
        pods,
        resourceQuotas: [quota('shop', { pods: '10', 'requests.storage': '1Ti' })],
      });
      expect(result.findings).toEqual([]);
    });

    it('names namespaces whose LimitRange caps a Pod, but not only containers', () => {
      const result = review({
        proposed: runtimeClass(DEFAULTS),
        pods,
        limitRanges: [
          limitRange('shop', 'Pod', { memory: '2Gi' }),
          limitRange('ci', 'Container', { cpu: '2' }),
          limitRange('ci', 'Pod', { 'ephemeral-storage': '2Gi' }),
        ],
      });
      expect(result.findings).toEqual([
        {
          id: 'limitRangeCountsOverhead',
          severity: 'warning',
          blocking: false,
          params: { namespaces: ['shop'] },
        },
      ]);
    });

    it('copes with quotas and limit ranges missing their spec', () => {
      const result = review({
        proposed: runtimeClass(DEFAULTS),
        pods,
        resourceQuotas: [{ metadata: { namespace: 'shop' } }, { status: { hard: { cpu: '1' } } }],
        limitRanges: [
          { metadata: { namespace: 'shop' } },
          { metadata: { namespace: 'shop' }, spec: { limits: [null] } } as unknown as LimitRange,
        ],
      });
      expect(result.findings).toEqual([]);
    });

    it('reads a quota from status.hard when the spec is absent', () => {
      const result = review({
        proposed: runtimeClass(DEFAULTS),
        pods,
        resourceQuotas: [{ metadata: { namespace: 'shop' }, status: { hard: { memory: '1Gi' } } }],
      });
      expect(ids(result.findings)).toEqual(['quotaCountsOverhead']);
    });
  });

  describe('handler', () => {
    it('rejects a changed handler, which the API server treats as immutable', () => {
      const result = review({
        proposed: runtimeClass(DEFAULTS, 'kata-qemu'),
        current: runtimeClass(DEFAULTS),
      });
      expect(result.canSave).toBe(false);
      expect(result.findings).toEqual([
        {
          id: 'handlerImmutable',
          severity: 'danger',
          blocking: true,
          params: { current: 'kata', proposed: 'kata-qemu' },
        },
      ]);
    });

    it('rejects a missing handler', () => {
      const proposed = { ...runtimeClass(DEFAULTS), handler: undefined } as unknown as RuntimeClass;
      const result = review({ proposed });
      expect(ids(result.findings)).toEqual(['handlerRequired']);
      expect(result.canSave).toBe(false);
    });
  });

  it('orders blocking findings first, then danger, warning, info', () => {
    const result = review({
      proposed: runtimeClass({ cpu: '64', memory: '100Mi' }, 'other'),
      current: runtimeClass(DEFAULTS),
      pods: [kataPod('shop', 'web-1')],
      resourceQuotas: [{ metadata: { namespace: 'shop' }, spec: { hard: { cpu: '4' } } }],
    });
    expect(ids(result.findings)).toEqual([
      'handlerImmutable',
      'exceedsNodeAllocatable',
      'belowMeasuredDefault',
      'quotaCountsOverhead',
      'appliesToNewPodsOnly',
    ]);
  });

  it('never throws on a proposal of the wrong shape', () => {
    const shapes: unknown[] = [
      {},
      { handler: 'kata', overhead: null },
      { handler: 'kata', overhead: { podFixed: 'x' } },
    ];
    for (const shape of shapes) {
      expect(() => reviewOverheadChange({ proposed: shape as RuntimeClass })).not.toThrow();
    }
    const result = reviewOverheadChange({
      proposed: {
        handler: 'kata',
        overhead: { podFixed: { cpu: 1, memory: null } },
      } as unknown as RuntimeClass,
      nodes: [{}, { metadata: { labels: null } } as unknown as Node],
      pods: [{} as ReviewedPod],
    });
    expect(ids(result.findings)).toEqual(['invalidQuantity', 'noNodesToCheck']);
    expect(result.podFixed.cpu?.nanos).toBe(1_000_000_000n);
  });
});
