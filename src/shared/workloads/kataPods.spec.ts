import type { OwnerReference, Pod } from '../k8s/types';
import {
  createBlockingPodScan,
  findBlockingPods,
  podAge,
  groupBlockingPodsByOwner,
  isKataPod,
  kataRuntimeClassNames,
  podOwner,
  summarizeBlockingPods,
  toBlockingPod,
} from './kataPods';

interface PodShape {
  namespace?: string;
  name?: string;
  runtimeClassName?: string;
  phase?: string;
  owner?: Partial<OwnerReference> | null;
  labels?: Record<string, string>;
  deletionTimestamp?: string;
}

const pod = ({
  namespace = 'ns',
  name,
  runtimeClassName,
  phase,
  owner,
  labels,
  deletionTimestamp,
}: PodShape): Pod => ({
  metadata: {
    namespace,
    name,
    uid: name ? `uid-${name}` : undefined,
    labels,
    deletionTimestamp,
    ownerReferences: owner === undefined ? undefined : ([owner] as OwnerReference[]),
  },
  spec: { runtimeClassName, nodeName: 'worker-0', containers: [{ name: 'c' }] },
  status: phase ? { phase } : {},
});

const KATA = ['kata'];

describe('kataRuntimeClassNames', () => {
  it('uses status.runtimeClasses when the operator has filled it', () => {
    expect(
      kataRuntimeClassNames({ status: { runtimeClasses: ['kata', 'kata-remote', 'kata'] } }),
    ).toEqual(['kata', 'kata-remote']);
  });

  it('falls back to kata, plus kata-remote with peer pods, while the status is empty', () => {
    expect(kataRuntimeClassNames({})).toEqual(['kata']);
    expect(kataRuntimeClassNames(null)).toEqual(['kata']);
    expect(kataRuntimeClassNames({ status: { runtimeClasses: [] } })).toEqual(['kata']);
    expect(kataRuntimeClassNames({ spec: { enablePeerPods: true }, status: null })).toEqual([
      'kata',
      'kata-remote',
    ]);
  });
});

describe('isKataPod and toBlockingPod', () => {
  it('picks pods by runtimeClassName only', () => {
    expect(isKataPod(pod({ name: 'a', runtimeClassName: 'kata' }), KATA)).toBe(true);
    expect(isKataPod(pod({ name: 'a', runtimeClassName: 'runc' }), KATA)).toBe(false);
    expect(isKataPod(pod({ name: 'a' }), KATA)).toBe(false);
    expect(isKataPod(pod({ name: 'a', runtimeClassName: 'kata-remote' }), KATA)).toBe(false);
    expect(
      isKataPod(pod({ name: 'a', runtimeClassName: 'kata-remote' }), ['kata', 'kata-remote']),
    ).toBe(true);
  });

  it('copies what the UI needs, and only that', () => {
    const blocking = toBlockingPod(
      pod({ namespace: 'apps', name: 'web-1', runtimeClassName: 'kata', phase: 'Running' }),
      KATA,
    );
    expect(blocking).toEqual({
      namespace: 'apps',
      name: 'web-1',
      uid: 'uid-web-1',
      runtimeClassName: 'kata',
      nodeName: 'worker-0',
      phase: 'Running',
      finished: false,
      terminating: false,
    });
  });

  // Upstream counts every pod object that exists, whatever its phase: finished pods block until
  // they are deleted. We keep that rule and flag them so the UI can explain it.
  it.each([
    ['Succeeded', true],
    ['Failed', true],
    ['Running', false],
    ['Pending', false],
    ['Unknown', false],
  ])('a %s pod blocks, with finished=%p', (phase, finished) => {
    const blocking = toBlockingPod(pod({ name: 'job-1', runtimeClassName: 'kata', phase }), KATA);
    expect(blocking?.finished).toBe(finished);
  });

  it('keeps terminating pods, flagged, because they still exist', () => {
    const blocking = toBlockingPod(
      pod({ name: 'a', runtimeClassName: 'kata', deletionTimestamp: '2024-10-01T10:00:00Z' }),
      KATA,
    );
    expect(blocking?.terminating).toBe(true);
  });

  it('never throws on malformed objects', () => {
    const malformed: unknown[] = [
      null,
      undefined,
      {},
      { metadata: null, spec: null },
      { spec: { runtimeClassName: 'kata' } },
      {
        metadata: { name: 'x', ownerReferences: [null] },
        spec: { runtimeClassName: 'kata' },
        status: null,
      },
    ];
    const results = malformed.map((shape) => toBlockingPod(shape as Pod, KATA));
    expect(results.slice(0, 5)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(results[5]).toEqual({
      namespace: '',
      name: 'x',
      runtimeClassName: 'kata',
      finished: false,
      terminating: false,
    });
  });
});

describe('podOwner', () => {
  const rs = (name: string): Partial<OwnerReference> => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    name,
    uid: 'u',
    controller: true,
  });

  it('maps a Deployment ReplicaSet to its Deployment using the pod-template-hash label', () => {
    expect(
      podOwner(
        pod({ name: 'p', owner: rs('web-7d4b9c'), labels: { 'pod-template-hash': '7d4b9c' } }),
      ),
    ).toEqual({
      kind: 'Deployment',
      name: 'web',
      via: { kind: 'ReplicaSet', name: 'web-7d4b9c' },
    });
  });

  it('keeps the ReplicaSet without the hash label, or when the hash does not match its name', () => {
    expect(podOwner(pod({ name: 'p', owner: rs('web-7d4b9c') }))).toEqual({
      kind: 'ReplicaSet',
      name: 'web-7d4b9c',
    });
    expect(
      podOwner(
        pod({ name: 'p', owner: rs('web-7d4b9c'), labels: { 'pod-template-hash': 'other' } }),
      ),
    ).toEqual({
      kind: 'ReplicaSet',
      name: 'web-7d4b9c',
    });
    expect(
      podOwner(pod({ name: 'p', owner: rs('-abc'), labels: { 'pod-template-hash': 'abc' } })),
    ).toEqual({
      kind: 'ReplicaSet',
      name: '-abc',
    });
  });

  it('does not strip anything for an empty hash label', () => {
    expect(
      podOwner(pod({ name: 'p', owner: rs('web-'), labels: { 'pod-template-hash': '' } })),
    ).toEqual({ kind: 'ReplicaSet', name: 'web-' });
  });

  it('uses the controller reference only', () => {
    expect(
      podOwner(pod({ name: 'p', owner: { kind: 'StatefulSet', name: 'db', controller: true } })),
    ).toEqual({
      kind: 'StatefulSet',
      name: 'db',
    });
    expect(
      podOwner(pod({ name: 'p', owner: { kind: 'StatefulSet', name: 'db' } })),
    ).toBeUndefined();
    expect(podOwner(pod({ name: 'p', owner: { kind: 'Job', controller: true } }))).toBeUndefined();
    expect(podOwner(pod({ name: 'p' }))).toBeUndefined();
  });
});

describe('createBlockingPodScan', () => {
  it('keeps only matching pods across pages and returns each page matches', () => {
    const scan = createBlockingPodScan(['kata', 'kata-remote']);
    const first = scan.add([
      pod({ namespace: 'b', name: 'kata-1', runtimeClassName: 'kata' }),
      pod({ namespace: 'b', name: 'runc-1' }),
    ]);
    const second = scan.add([
      pod({ namespace: 'a', name: 'remote-1', runtimeClassName: 'kata-remote' }),
      pod({ namespace: 'a', name: 'runc-2', runtimeClassName: 'runc' }),
    ]);
    expect(first.map((match) => match.name)).toEqual(['kata-1']);
    expect(second.map((match) => match.name)).toEqual(['remote-1']);
    expect(scan.blockingPods().map((match) => `${match.namespace}/${match.name}`)).toEqual([
      'a/remote-1',
      'b/kata-1',
    ]);
    expect(scan.scannedCount()).toBe(4);
  });

  it('keeps one record for a pod seen twice, with its latest state', () => {
    const scan = createBlockingPodScan(KATA);
    scan.add([pod({ name: 'a', runtimeClassName: 'kata', phase: 'Running' })]);
    scan.add([pod({ name: 'a', runtimeClassName: 'kata', phase: 'Succeeded' })]);
    expect(scan.blockingPods()).toHaveLength(1);
    expect(scan.blockingPods()[0]?.finished).toBe(true);
  });

  it('holds no reference to the pages it was given', () => {
    const scan = createBlockingPodScan(KATA);
    const page = [pod({ name: 'a', runtimeClassName: 'kata', labels: { big: 'x' } })];
    scan.add(page);
    const kept = scan.blockingPods()[0];
    expect(Object.values(kept ?? {})).not.toContain(page[0]?.metadata);
    expect(JSON.stringify(kept)).not.toContain('big');
  });

  it('pages through 100,000 pods and keeps only the kata ones', () => {
    const scan = createBlockingPodScan(KATA);
    for (let pageIndex = 0; pageIndex < 200; pageIndex += 1) {
      const page = Array.from({ length: 500 }, (_unused, index) => {
        const number = pageIndex * 500 + index;
        return pod({
          namespace: `ns-${pageIndex % 7}`,
          name: `pod-${number}`,
          runtimeClassName: number % 10_000 === 0 ? 'kata' : undefined,
        });
      });
      scan.add(page);
    }
    expect(scan.scannedCount()).toBe(100_000);
    expect(scan.blockingPods()).toHaveLength(10);
  });

  it('accepts empty, null and malformed pages', () => {
    const scan = createBlockingPodScan(KATA);
    expect(scan.add(null)).toEqual([]);
    expect(scan.add(undefined)).toEqual([]);
    expect(scan.add([null, undefined, {}])).toEqual([]);
    expect(scan.blockingPods()).toEqual([]);
  });

  it('is not affected by later changes to the names array it was given', () => {
    const names = ['kata'];
    const scan = createBlockingPodScan(names);
    names.push('runc');
    expect(scan.add([pod({ name: 'r', runtimeClassName: 'runc' })])).toEqual([]);
  });
});

describe('createBlockingPodScan, kept fresh by watch events', () => {
  it('adds a pod that starts blocking and drops one that stops or is deleted', () => {
    const scan = createBlockingPodScan(KATA);
    scan.add([pod({ name: 'a', runtimeClassName: 'kata' }), pod({ name: 'b' })]);
    expect(scan.update(pod({ name: 'b', runtimeClassName: 'kata' }))).toBe(true);
    expect(scan.blockingPods().map((p) => p.name)).toEqual(['a', 'b']);
    // An unrelated pod changing is no change to the list.
    expect(scan.update(pod({ name: 'c' }))).toBe(false);
    expect(scan.remove({ namespace: 'ns', name: 'a' })).toBe(true);
    expect(scan.remove({ namespace: 'ns', name: 'a' })).toBe(false);
    expect(scan.update(pod({ name: 'b', runtimeClassName: 'runc' }))).toBe(true);
    expect(scan.blockingPods()).toEqual([]);
    expect(scan.update(null)).toBe(false);
  });

  it('replaces a pod with its latest state', () => {
    const scan = createBlockingPodScan(KATA);
    scan.add([pod({ name: 'a', runtimeClassName: 'kata', phase: 'Running' })]);
    scan.update(pod({ name: 'a', runtimeClassName: 'kata', phase: 'Succeeded' }));
    expect(scan.blockingPods()).toEqual([expect.objectContaining({ name: 'a', finished: true })]);
  });
});

describe('toBlockingPod age', () => {
  it('copies the creation time so the UI can show the age', () => {
    const created = pod({ name: 'a', runtimeClassName: 'kata' });
    created.metadata = { ...created.metadata, creationTimestamp: '2026-11-25T10:00:00Z' };
    expect(toBlockingPod(created, KATA)?.created).toBe('2026-11-25T10:00:00Z');
  });
});

describe('podAge', () => {
  const created = '2026-11-25T10:00:00Z';
  const at = (seconds: number) => Date.parse(created) + seconds * 1000;

  it.each([
    [0, '0s'],
    [119, '119s'],
    [120, '2m'],
    [119 * 60, '119m'],
    [2 * 3600, '2h'],
    [47 * 3600 + 59 * 60, '47h'],
    [48 * 3600, '2d'],
    [30 * 86400, '30d'],
  ])('after %p seconds it is %p', (seconds, age) => {
    expect(podAge(created, at(seconds))).toBe(age);
  });

  it('is undefined without a valid time, and never negative (clock skew)', () => {
    expect(podAge(undefined, at(5))).toBeUndefined();
    expect(podAge('not a date', at(5))).toBeUndefined();
    expect(podAge(created, at(-30))).toBe('0s');
  });
});

describe('groupBlockingPodsByOwner', () => {
  const hash = { 'pod-template-hash': 'abc12' };
  const deployment = { kind: 'ReplicaSet', name: 'web-abc12', controller: true };
  const pods = findBlockingPods(
    [
      pod({
        namespace: 'shop',
        name: 'web-abc12-x',
        runtimeClassName: 'kata',
        owner: deployment,
        labels: hash,
      }),
      pod({
        namespace: 'shop',
        name: 'web-abc12-y',
        runtimeClassName: 'kata',
        owner: deployment,
        labels: hash,
      }),
      pod({
        namespace: 'other',
        name: 'web-abc12-z',
        runtimeClassName: 'kata',
        owner: deployment,
        labels: hash,
      }),
      pod({ namespace: 'shop', name: 'bare-2', runtimeClassName: 'kata', phase: 'Succeeded' }),
      pod({ namespace: 'shop', name: 'bare-1', runtimeClassName: 'kata' }),
      pod({
        namespace: 'shop',
        name: 'report-1',
        runtimeClassName: 'kata',
        phase: 'Failed',
        owner: { kind: 'Job', name: 'report', controller: true },
      }),
    ],
    KATA,
  );

  it('groups per namespace and owner, bare pods first, and counts finished pods', () => {
    const groups = groupBlockingPodsByOwner(pods);
    expect(
      groups.map((group) => ({
        namespace: group.namespace,
        owner: group.owner ? `${group.owner.kind}/${group.owner.name}` : null,
        pods: group.pods.map((member) => member.name),
        finishedCount: group.finishedCount,
      })),
    ).toEqual([
      { namespace: 'other', owner: 'Deployment/web', pods: ['web-abc12-z'], finishedCount: 0 },
      { namespace: 'shop', owner: null, pods: ['bare-1', 'bare-2'], finishedCount: 1 },
      {
        namespace: 'shop',
        owner: 'Deployment/web',
        pods: ['web-abc12-x', 'web-abc12-y'],
        finishedCount: 0,
      },
      { namespace: 'shop', owner: 'Job/report', pods: ['report-1'], finishedCount: 1 },
    ]);
  });

  it('returns no groups for no pods', () => {
    expect(groupBlockingPodsByOwner([])).toEqual([]);
  });
});

describe('summarizeBlockingPods', () => {
  const pods = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ namespace: 'ns', name }));

  it('names the first N and counts the rest', () => {
    expect(summarizeBlockingPods(pods, 3)).toEqual({
      count: 5,
      named: ['ns/a', 'ns/b', 'ns/c'],
      more: 2,
    });
  });

  it('names them all when there are few', () => {
    expect(summarizeBlockingPods(pods.slice(0, 2), 3)).toEqual({
      count: 2,
      named: ['ns/a', 'ns/b'],
      more: 0,
    });
    expect(summarizeBlockingPods([], 3)).toEqual({ count: 0, named: [], more: 0 });
  });

  it('treats a zero, negative, fractional or non-finite limit sanely', () => {
    expect(summarizeBlockingPods(pods, 0)).toEqual({ count: 5, named: [], more: 5 });
    expect(summarizeBlockingPods(pods, -2)).toEqual({ count: 5, named: [], more: 5 });
    expect(summarizeBlockingPods(pods, 1.9).named).toEqual(['ns/a']);
    expect(summarizeBlockingPods(pods, Number.NaN)).toEqual({ count: 5, named: [], more: 5 });
  });
});
