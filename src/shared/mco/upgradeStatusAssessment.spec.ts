import { at, NEW, OLD, testNode, testPool } from './mcoTestObjects';
import {
  assessNode,
  assessPool,
  formatPoolCompletion,
  formatPoolStatus,
  versionsFromMachineConfigs,
} from './upgradeStatusAssessment';

const worker = testPool('worker');
const versionOf = (config: string) => ({ [OLD]: '4.20.1', [NEW]: '4.20.2' })[config];

describe('assessNode', () => {
  it('a paused pool shows outdated nodes as Excluded with no estimate', () => {
    const paused = testPool('worker', { paused: true });
    expect(
      assessNode(testNode({ annotations: at.done(OLD) }), paused, { versionOf }),
    ).toMatchObject({
      assessment: 'Excluded',
      phase: 'Paused',
      version: '4.20.1',
      estimate: '-',
    });
  });

  it('a targeted node the daemon has not started is Draining for oc, queued for us', () => {
    const a = assessNode(testNode({ annotations: at.targeted() }), worker);
    expect(a).toMatchObject({ assessment: 'Progressing', phase: 'Draining', estimate: '+10m' });
    expect(a.rollout.phase).toBe('queued');
  });

  it('state=Rebooting maps to Rebooting; post-config-action alone stays Updating', () => {
    const viaState = testNode({ annotations: { ...at.working(), state: 'Rebooting' } });
    expect(assessNode(viaState, worker)).toMatchObject({ phase: 'Rebooting', estimate: '+5m' });
    const viaAction = assessNode(testNode({ annotations: at.rebooting() }), worker);
    expect(viaAction).toMatchObject({ phase: 'Updating', estimate: '+5m' });
    expect(viaAction.rollout.phase).toBe('rebooting');
  });

  it('joins every unavailability reason and shortens the node name in degraded messages', () => {
    const sick = testNode({
      name: 'worker-long-name',
      annotations: at.done(OLD),
      ready: 'False',
      unschedulable: true,
    });
    expect(assessNode(sick, worker)).toMatchObject({
      assessment: 'Unavailable',
      message: 'Not ready | Node is marked unschedulable',
      estimate: '?',
    });
    const degraded = testNode({
      name: 'worker-long-name',
      annotations: at.degraded('failed to drain node: worker-long-name'),
    });
    expect(assessNode(degraded, worker).message).toBe('failed to drain node: <node>');
    const short = testNode({ name: 'w1', annotations: at.degraded('failed on w1') });
    expect(assessNode(short, worker).message).toBe('failed on w1');
  });

  it('reports an unknown version as ?', () => {
    expect(assessNode(testNode({ annotations: at.done() }), worker).version).toBe('?');
  });
});

describe('assessPool', () => {
  it('is Empty with no nodes and Pending when nothing has started', () => {
    expect(assessPool(worker, []).assessment).toBe('Empty');
    const pending = assessPool(worker, [testNode({ annotations: at.done(OLD) })]);
    expect(pending.assessment).toBe('Pending');
    expect(formatPoolCompletion(pending)).toBe('0% (0/1)');
  });

  it('rounds the completion half to even like Go', () => {
    const nodes = [
      ...Array.from({ length: 1 }, (_, i) => testNode({ name: `d${i}`, annotations: at.done() })),
      ...Array.from({ length: 7 }, (_, i) =>
        testNode({ name: `q${i}`, annotations: at.done(OLD) }),
      ),
    ];
    // 1/8 = 12.5% → "12%"
    const p = assessPool(worker, nodes);
    expect(formatPoolCompletion(p)).toBe('12% (1/8)');
    expect(formatPoolStatus(p)).toBe('8 Available, 0 Progressing, 0 Draining');
  });

  it('lists Excluded and Degraded only when present', () => {
    const paused = testPool('worker', { paused: true });
    const p = assessPool(paused, [
      testNode({ name: 'a', annotations: at.done(OLD) }),
      testNode({ name: 'b', annotations: at.degraded('boom') }),
    ]);
    expect(p.assessment).toBe('Degraded');
    expect(formatPoolStatus(p)).toBe(
      '2 Available, 0 Progressing, 1 Draining, 1 Excluded, 1 Degraded',
    );
  });
});

describe('versionsFromMachineConfigs', () => {
  it('maps rendered configs to their release-image-version, skipping unannotated ones', () => {
    const versions = versionsFromMachineConfigs([
      {
        metadata: {
          name: NEW,
          annotations: { 'machineconfiguration.openshift.io/release-image-version': '4.20.2' },
        },
      },
      { metadata: { name: OLD } },
      {},
    ]);
    expect([...versions]).toEqual([[NEW, '4.20.2']]);
  });
});
