import { nodeRolloutPhase } from './nodePhase';
import { at, condition, NEW, OLD, testMCN, testNode } from './mcoTestObjects';

const CORDON_TIME = '2025-01-01T09:00:00Z';
const cordonTaint = {
  key: 'node.kubernetes.io/unschedulable',
  effect: 'NoSchedule',
  timeAdded: CORDON_TIME,
};

describe('nodeRolloutPhase from annotations', () => {
  it('done: current == desired == target and Done', () => {
    expect(nodeRolloutPhase(testNode({ annotations: at.done() }), NEW)).toMatchObject({
      phase: 'done',
      step: 'updated',
      targeted: false,
      source: 'annotations',
    });
  });

  it('queued: still on the old config, with the UpdateInProgress taint time', () => {
    const node = testNode({
      annotations: at.done(OLD),
      taints: [
        { key: 'UpdateInProgress', effect: 'PreferNoSchedule', timeAdded: '2025-01-01T08:00:00Z' },
      ],
    });
    expect(nodeRolloutPhase(node, NEW)).toMatchObject({
      phase: 'queued',
      step: 'waiting',
      since: '2025-01-01T08:00:00Z',
      targeted: false,
    });
  });

  it('queued (targeted): desiredConfig set but the daemon still says Done', () => {
    expect(nodeRolloutPhase(testNode({ annotations: at.targeted() }), NEW)).toMatchObject({
      phase: 'queued',
      step: 'targeted',
      targeted: true,
    });
  });

  it('applying: Working without a drain request yet', () => {
    expect(nodeRolloutPhase(testNode({ annotations: at.working() }), NEW).phase).toBe('applying');
  });

  it('cordoned: drain requested, node not cordoned yet', () => {
    expect(nodeRolloutPhase(testNode({ annotations: at.drainRequested() }), NEW)).toMatchObject({
      phase: 'cordoned',
      step: 'cordoning',
    });
  });

  it('draining: drain requested and cordoned, since the cordon time', () => {
    const node = testNode({
      annotations: at.drainRequested(),
      unschedulable: true,
      taints: [cordonTaint],
    });
    expect(nodeRolloutPhase(node, NEW)).toMatchObject({ phase: 'draining', since: CORDON_TIME });
  });

  it('draining compares the drain annotations with each other, not with desiredConfig', () => {
    const node = testNode({
      annotations: { ...at.working(), desiredDrain: 'drain-rendered-worker-older' },
      unschedulable: true,
    });
    expect(nodeRolloutPhase(node, NEW).phase).toBe('draining');
  });

  it('applying: drain finished (desiredDrain == lastAppliedDrain == drain-X)', () => {
    const node = testNode({ annotations: at.drained(), unschedulable: true });
    expect(nodeRolloutPhase(node, NEW)).toMatchObject({ phase: 'applying', step: 'applying' });
  });

  it('rebooting: post-config-action Rebooting, dated by the Ready transition when NotReady', () => {
    const ready = testNode({ annotations: at.rebooting(), unschedulable: true });
    expect(nodeRolloutPhase(ready, NEW)).toMatchObject({ phase: 'rebooting', since: undefined });
    const notReady = testNode({
      annotations: at.rebooting(),
      ready: 'Unknown',
      readySince: '2025-01-01T10:05:00Z',
    });
    expect(nodeRolloutPhase(notReady, NEW)).toMatchObject({
      phase: 'rebooting',
      since: '2025-01-01T10:05:00Z',
    });
  });

  it('rebooting: a NotReady node mid-update is rebooting even without the annotation', () => {
    const node = testNode({
      annotations: at.drained(),
      ready: 'False',
      readySince: '2025-01-01T10:06:00Z',
    });
    expect(nodeRolloutPhase(node, NEW)).toMatchObject({
      phase: 'rebooting',
      since: '2025-01-01T10:06:00Z',
    });
  });

  it('rebooting (uncordoning): back from the reboot, uncordon requested', () => {
    const node = testNode({ annotations: at.uncordonRequested(), unschedulable: true });
    expect(nodeRolloutPhase(node, NEW)).toMatchObject({ phase: 'rebooting', step: 'uncordoning' });
  });

  it('rebooting (uncordoning): uncordon carried out, the daemon has not reported Done yet', () => {
    const uncordoned = {
      ...at.uncordonRequested(),
      lastAppliedDrain: `uncordon-${NEW}`,
    };
    const node = testNode({ annotations: uncordoned });
    expect(nodeRolloutPhase(node, NEW)).toMatchObject({ phase: 'rebooting', step: 'uncordoning' });
  });

  it('degraded and unreconcilable carry the reason annotation verbatim', () => {
    const reason =
      'failed to drain node: node-a after 1 hour. Please see machine-config-controller logs';
    expect(nodeRolloutPhase(testNode({ annotations: at.degraded(reason) }), NEW)).toMatchObject({
      phase: 'degraded',
      reason,
    });
    const unreconcilable = testNode({
      annotations: { ...at.working(), state: 'Unreconcilable', reason: "can't reconcile config" },
    });
    expect(nodeRolloutPhase(unreconcilable, NEW)).toMatchObject({
      phase: 'degraded',
      reason: "can't reconcile config",
    });
  });

  it('degraded without a reason still says something, as a note to translate', () => {
    const node = testNode({ annotations: { ...at.working(), state: 'Degraded' } });
    const phase = nodeRolloutPhase(node, NEW);
    expect(phase).toMatchObject({
      phase: 'degraded',
      note: { id: 'degradedWithoutReason', params: { state: 'Degraded' } },
    });
    expect(phase.reason).toBeUndefined();
  });

  it('says what a waiting node waits for, as notes', () => {
    expect(nodeRolloutPhase(testNode({ annotations: at.done(OLD) }), NEW).note).toEqual({
      id: 'waitingForTarget',
      params: {},
    });
    expect(nodeRolloutPhase(testNode({ annotations: at.targeted() }), NEW).note).toEqual({
      id: 'waitingForDaemon',
      params: {},
    });
    expect(nodeRolloutPhase(testNode({ annotations: at.drainRequested() }), NEW).note).toEqual({
      id: 'waitingForCordon',
      params: {},
    });
  });

  it('follows a node still working towards an older target, without calling it targeted', () => {
    const node = testNode({ annotations: at.drainRequested(), unschedulable: true });
    const later = 'rendered-worker-22222222222222222222222222222222';
    expect(nodeRolloutPhase(node, later)).toMatchObject({ phase: 'draining', targeted: false });
  });
});

describe('nodeRolloutPhase tolerates bad data', () => {
  it.each([
    ['no annotations at all', {}, { id: 'noMcoAnnotations', params: {} }],
    [
      'currentConfig missing',
      { desiredConfig: NEW, state: 'Done' },
      { id: 'annotationMissing', params: { annotation: 'currentConfig' } },
    ],
    [
      'desiredConfig missing',
      { currentConfig: NEW, state: 'Done' },
      { id: 'annotationMissing', params: { annotation: 'desiredConfig' } },
    ],
    [
      'state missing',
      { currentConfig: OLD, desiredConfig: NEW },
      { id: 'annotationMissing', params: { annotation: 'state' } },
    ],
    [
      'unknown state',
      { ...at.working(), state: 'Sleeping' },
      { id: 'unrecognisedState', params: { state: 'Sleeping' } },
    ],
    [
      'Working on its own config',
      { ...at.done(), state: 'Working' },
      { id: 'stateContradictsConfig', params: { state: 'Working' } },
    ],
  ])('%s → unknown with a note', (_label, annotations, note) => {
    const phase = nodeRolloutPhase(testNode({ annotations }), NEW);
    expect(phase.phase).toBe('unknown');
    expect(phase.note).toEqual(note);
    expect(phase.reason).toBeUndefined();
  });

  it('a pool without a target → unknown', () => {
    expect(nodeRolloutPhase(testNode({ annotations: at.done() }), undefined).note).toEqual({
      id: 'noTargetConfig',
      params: {},
    });
    expect(nodeRolloutPhase(testNode({ annotations: at.done() }), '').phase).toBe('unknown');
  });

  it('an empty object does not throw', () => {
    expect(nodeRolloutPhase({}, NEW)).toMatchObject({ node: '', phase: 'unknown' });
    expect(nodeRolloutPhase({ metadata: { annotations: {} }, status: {} }, NEW).phase).toBe(
      'unknown',
    );
  });
});

describe('nodeRolloutPhase from a MachineConfigNode', () => {
  const working = testNode({ annotations: at.drainRequested(), unschedulable: true });

  it.each([
    [[condition('UpdatePrepared', 'True', 'T1')], 'applying', 'preparing', 'T1'],
    [
      [condition('UpdatePrepared', 'True'), condition('Cordoned', 'True', 'T2')],
      'cordoned',
      'cordoned',
      'T2',
    ],
    [
      [condition('Cordoned', 'True'), condition('Drained', 'Unknown', 'T3')],
      'draining',
      'draining',
      'T3',
    ],
    [
      [condition('Drained', 'True', 'T4'), condition('Cordoned', 'True')],
      'applying',
      'applying',
      'T4',
    ],
    [
      [condition('Drained', 'True'), condition('AppliedFilesAndOS', 'Unknown', 'T5')],
      'applying',
      'applying',
      'T5',
    ],
    [
      [condition('AppliedFilesAndOS', 'True'), condition('RebootedNode', 'Unknown', 'T6')],
      'rebooting',
      'rebooting',
      'T6',
    ],
    [
      [condition('RebootedNode', 'True'), condition('Resumed', 'True', 'T7')],
      'rebooting',
      'resuming',
      'T7',
    ],
    [
      [condition('Resumed', 'True'), condition('Uncordoned', 'True', 'T8')],
      'rebooting',
      'uncordoning',
      'T8',
    ],
    [[condition('UpdatePostActionComplete', 'Unknown', 'T9')], 'applying', 'post-action', 'T9'],
  ])('conditions %j → %s (%s) since the condition time', (conditions, phase, step, since) => {
    expect(nodeRolloutPhase(working, NEW, testMCN(conditions))).toMatchObject({
      phase,
      step,
      since,
      source: 'MachineConfigNode',
    });
  });

  it('Updated=True on the target → done, since its transition', () => {
    const node = testNode({ annotations: at.done() });
    const mcn = testMCN([condition('Updated', 'True', 'T10')], NEW, NEW);
    expect(nodeRolloutPhase(node, NEW, mcn)).toMatchObject({ phase: 'done', since: 'T10' });
  });

  it('NodeDegraded=True → degraded with its message and time', () => {
    const node = testNode({ annotations: at.working() });
    const mcn = testMCN([
      condition('NodeDegraded', 'True', 'T11', 'Node node-a upgrade failure. boom'),
    ]);
    expect(nodeRolloutPhase(node, NEW, mcn)).toMatchObject({
      phase: 'degraded',
      reason: 'Node node-a upgrade failure. boom',
      since: 'T11',
    });
  });

  it('falls back to annotations when the MCN disagrees with the node', () => {
    const mcn = testMCN([condition('Drained', 'Unknown')], OLD, 'rendered-worker-other');
    const phase = nodeRolloutPhase(working, NEW, mcn);
    expect(phase).toMatchObject({ phase: 'draining', source: 'annotations' });
    expect(phase.machineConfigNodeIgnored).toEqual({
      id: 'desiredConfigDiffers',
      params: { machineConfigNode: 'rendered-worker-other', node: NEW },
    });
  });

  it('falls back when the MCN belongs to another node or has no conditions', () => {
    const other = {
      ...testMCN([condition('Drained', 'Unknown')]),
      spec: { node: { name: 'node-b' } },
    };
    expect(nodeRolloutPhase(working, NEW, other).machineConfigNodeIgnored).toEqual({
      id: 'describesOtherNode',
      params: { node: 'node-b' },
    });
    expect(nodeRolloutPhase(working, NEW, testMCN([])).machineConfigNodeIgnored).toEqual({
      id: 'noConditions',
      params: {},
    });
  });

  it('falls back while the MCN desired config is still not-yet-set', () => {
    const mcn = testMCN([condition('Updated', 'False')]);
    mcn.status = { ...mcn.status, configVersion: { current: OLD, desired: 'not-yet-set' } };
    const phase = nodeRolloutPhase(working, NEW, mcn);
    expect(phase.source).toBe('annotations');
    expect(phase.machineConfigNodeIgnored).toEqual({ id: 'desiredConfigNotSet', params: {} });
  });

  it('trusts the annotations once the daemon reports Done even if the MCN lags', () => {
    const node = testNode({ annotations: at.done() });
    const mcn = testMCN(
      [condition('UpdateComplete', 'True'), condition('Uncordoned', 'True')],
      OLD,
      NEW,
    );
    expect(nodeRolloutPhase(node, NEW, mcn)).toMatchObject({
      phase: 'done',
      source: 'annotations',
    });
  });
});
