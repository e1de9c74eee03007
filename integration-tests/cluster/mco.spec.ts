/**
 * The MCO simulator against a real local cluster: seeding, rollouts bounded by maxUnavailable,
 * pool counts and conditions checked against src/shared/mco at every change, custom pools,
 * injected faults and a restart in the middle of a rollout.
 */
import type { Node } from '../../src/shared/k8s/types';
import type { MachineConfig, MachineConfigPool } from '../../src/shared/mco';
import {
  computePoolCounts,
  emptyToUndefined,
  isNodeFailing,
  isNodeUnavailable,
  isPoolFullyUpdated,
  NodeAnnotation,
  nodesOfPool,
  poolTargetConfig,
  readNodeAnnotations,
} from '../../src/shared/mco';
import type { JsonObject } from '../../src/cluster/apiserver/json';
import type { ResourceType } from '../../src/cluster/apiserver/registry';
import type { StoreEvent } from '../../src/cluster/apiserver/store';
import { SimAnnotation } from '../../src/cluster/mco/simConstants';

import { startMcoSimulator } from '../../src/cluster/mco/simulator';
import type { Sim } from './mcoHarness';
import { startSim, stopSim, stopStartedSims } from './mcoHarness';

jest.setTimeout(60_000);

const SPEED = 100;
const WAIT_MS = 60_000;
const MCO = 'machineconfiguration.openshift.io';
const ROLE = `${MCO}/role`;

afterEach(stopStartedSims);

const typeOf = (s: Sim, apiVersion: string, kind: string): ResourceType => {
  const type = s.cluster.api.registry.findKind(apiVersion, kind);
  if (!type) throw new Error(`${kind} not served`);
  return type;
};

const patch = (s: Sim, apiVersion: string, kind: string, name: string, body: unknown): void => {
  s.cluster.api.patch(typeOf(s, apiVersion, kind), '', name, 'merge', JSON.stringify(body));
};

const patchNode = (s: Sim, name: string, body: unknown): void => {
  patch(s, 'v1', 'Node', name, body);
};

const create = (s: Sim, kind: 'MachineConfig' | 'MachineConfigPool', obj: object): void => {
  s.cluster.api.create(typeOf(s, `${MCO}/v1`, kind), '', obj as JsonObject);
};

const userConfig = (name: string, role: string, path: string): MachineConfig => ({
  apiVersion: `${MCO}/v1`,
  kind: 'MachineConfig',
  metadata: { name, labels: { [ROLE]: role } },
  spec: {
    config: {
      ignition: { version: '3.2.0' },
      storage: { files: [{ path, mode: 420, contents: { source: 'data:,hello' } }] },
    },
  },
});

const pool = (s: Sim, name: string): MachineConfigPool => {
  const found = s.kube.pools().find((p) => p.metadata?.name === name);
  if (!found) throw new Error(`no pool ${name}`);
  return found;
};

const node = (s: Sim, name: string): Node => {
  const found = s.kube.nodes().find((n) => n.metadata?.name === name);
  if (!found) throw new Error(`no node ${name}`);
  return found;
};

const cond = (p: MachineConfigPool, type: string) =>
  p.status?.conditions?.find((c) => c.type === type);

const waitUntil = async (what: string, check: () => boolean): Promise<void> => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > WAIT_MS) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** Converged: target rendered, every node on it, Updated=True, status caught up. */
const converged = (p: MachineConfigPool): boolean => {
  const target = poolTargetConfig(p);
  return (
    !!target &&
    p.status?.configuration?.name === target &&
    cond(p, 'Updated')?.status === 'True' &&
    p.status.observedGeneration === p.metadata?.generation
  );
};

const waitConverged = (s: Sim, name: string, changedFrom?: string): Promise<void> =>
  waitUntil(`pool ${name} to converge`, () => {
    const p = pool(s, name);
    return converged(p) && poolTargetConfig(p) !== changedFrom;
  });

/**
 * Checks the MCO rules at every change: pool status equals computePoolCounts over the pool's
 * nodes at that instant, conditions follow the counts, and no pool has more nodes in flight
 * (unavailable or failing) than maxUnavailable. Returns the problems found and the peak.
 */
const monitor = (s: Sim, maxUnavailable: Record<string, number>) => {
  const problems: string[] = [];
  const peak: Record<string, number> = {};
  const check = (event: StoreEvent): void => {
    const pools = s.kube.pools();
    const nodes = s.kube.nodes();
    for (const p of pools) {
      const name = p.metadata?.name ?? '';
      const own = nodesOfPool(p, nodes, pools);
      const inFlight = own.filter((n) => isNodeUnavailable(n) || isNodeFailing(n)).length;
      peak[name] = Math.max(peak[name] ?? 0, inFlight);
      const limit = maxUnavailable[name] ?? 1;
      if (inFlight > limit) problems.push(`${name}: ${inFlight} nodes in flight > ${limit}`);
      if (event.gr !== `${MCO}/machineconfigpools` || event.name !== name || !p.status) continue;
      // Right after a spec change (a new render) the status describes the previous generation.
      if (p.status.observedGeneration !== p.metadata?.generation) continue;
      const counts = computePoolCounts(p, own);
      const published = {
        machineCount: p.status.machineCount,
        updatedMachineCount: p.status.updatedMachineCount,
        readyMachineCount: p.status.readyMachineCount,
        unavailableMachineCount: p.status.unavailableMachineCount,
        degradedMachineCount: p.status.degradedMachineCount,
      };
      if (JSON.stringify(published) !== JSON.stringify(counts)) {
        problems.push(`${name}: status ${JSON.stringify(published)} != ${JSON.stringify(counts)}`);
      }
      const target = poolTargetConfig(p) ?? '';
      const updated = cond(p, 'Updated');
      const updating = cond(p, 'Updating');
      if (isPoolFullyUpdated(counts)) {
        if (
          updated?.status !== 'True' ||
          updated.message !== `All nodes are updated with MachineConfig ${target}` ||
          updating?.status !== 'False' ||
          p.status.configuration?.name !== target
        ) {
          problems.push(`${name}: fully updated but conditions ${JSON.stringify(p.status)}`);
        }
      } else if (!p.spec?.paused) {
        if (
          updated?.status !== 'False' ||
          updating?.status !== 'True' ||
          updating.message !== `All nodes are updating to MachineConfig ${target}` ||
          p.status.configuration?.name === target
        ) {
          problems.push(`${name}: updating but conditions ${JSON.stringify(p.status)}`);
        }
      }
    }
  };
  const unsubscribe = s.cluster.api.store.subscribe((event) => {
    if (event.gr === '/nodes' || event.gr === `${MCO}/machineconfigpools`) check(event);
  });
  return { problems, peak, stop: unsubscribe };
};

/** The node's visible MCO state, for following one node through its update. */
const snapshot = (n: Node): string => {
  const a = readNodeAnnotations(n);
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  return [
    a.state,
    a.desiredDrain?.split('-')[0],
    a.lastAppliedDrain?.split('-')[0],
    emptyToUndefined(a.postConfigAction) ?? '-',
    n.spec?.unschedulable ? 'cordoned' : 'schedulable',
    ready,
  ].join(' ');
};

describe('MCO simulator', () => {
  it('seeds control-plane and worker nodes, base configs and converged pools', async () => {
    const s = await startSim({ workers: 4, speed: SPEED });
    await waitConverged(s, 'master');
    await waitConverged(s, 'worker');
    const nodes = s.kube.nodes();
    expect(nodes.map((n) => n.metadata?.name).sort()).toEqual([
      'master-0',
      'master-1',
      'master-2',
      'worker-0',
      'worker-1',
      'worker-2',
      'worker-3',
    ]);
    const master = node(s, 'master-0');
    expect(master.metadata?.labels).toMatchObject({
      'node-role.kubernetes.io/master': '',
      'node-role.kubernetes.io/control-plane': '',
    });
    expect(node(s, 'worker-0').status?.allocatable).toMatchObject({ cpu: '7500m', pods: '250' });
    for (const name of ['master', 'worker']) {
      const p = pool(s, name);
      const target = poolTargetConfig(p) ?? '';
      expect(target).toMatch(new RegExp(`^rendered-${name}-[0-9a-f]{32}$`));
      expect(p.status).toMatchObject({
        machineCount: name === 'master' ? 3 : 4,
        updatedMachineCount: name === 'master' ? 3 : 4,
        readyMachineCount: name === 'master' ? 3 : 4,
        unavailableMachineCount: 0,
        degradedMachineCount: 0,
      });
      expect(cond(p, 'Updated')?.message).toBe(
        `All nodes are updated with MachineConfig ${target}`,
      );
      expect(cond(p, 'Degraded')?.status).toBe('False');
      expect(p.spec?.configuration?.source?.map((r) => r.name)).toEqual([
        `00-${name}`,
        `01-${name}-container-runtime`,
        `01-${name}-kubelet`,
        `99-${name}-generated-registries`,
        `99-${name}-ssh`,
      ]);
      const rendered = s.kube.machineConfigs().find((mc) => mc.metadata?.name === target);
      expect(rendered?.spec?.config?.ignition?.version).toBe('3.5.0');
      expect(rendered?.metadata?.ownerReferences?.[0]?.name).toBe(name);
    }
    // Seeding is idempotent: a second start on the same data adds nothing.
    await s.sim.stop();
    const again = startMcoSimulator(s.cluster.api, { workers: 9, speed: SPEED });
    s.sim = again;
    expect(s.kube.nodes()).toHaveLength(7);
  });

  it('rolls a new worker config out within maxUnavailable, counts and conditions right at every change', async () => {
    const s = await startSim({ workers: 5, speed: SPEED });
    await waitConverged(s, 'worker');
    patch(s, `${MCO}/v1`, 'MachineConfigPool', 'worker', { spec: { maxUnavailable: 2 } });
    const before = poolTargetConfig(pool(s, 'worker'));
    const masterBefore = poolTargetConfig(pool(s, 'master'));
    const watch = monitor(s, { worker: 2, master: 1 });
    const history: string[] = [];
    const unsubscribe = s.cluster.api.store.subscribe((event) => {
      if (event.gr !== '/nodes' || event.name !== 'worker-0') return;
      const line = snapshot(event.object);
      if (history[history.length - 1] !== line) history.push(line);
    });
    create(s, 'MachineConfig', userConfig('99-worker-motd', 'worker', '/etc/motd'));
    await waitConverged(s, 'worker', before);
    unsubscribe();
    watch.stop();
    expect(watch.problems).toEqual([]);
    expect(watch.peak.worker).toBe(2);
    const target = poolTargetConfig(pool(s, 'worker')) ?? '';
    for (const n of s.kube.nodes().filter((x) => x.metadata?.name?.startsWith('worker-'))) {
      expect(readNodeAnnotations(n)).toMatchObject({
        currentConfig: target,
        desiredConfig: target,
        state: 'Done',
        reason: '',
        desiredDrain: `uncordon-${target}`,
        lastAppliedDrain: `uncordon-${target}`,
      });
      expect(n.spec?.unschedulable).toBeUndefined();
      expect(n.spec?.taints?.map((t) => t.key) ?? []).toEqual([]);
      expect(n.metadata?.annotations?.[SimAnnotation.step]).toBeUndefined();
    }
    // One node's walk through the daemon sequence (state, drain requests, reboot, cordon, Ready).
    expect(history).toEqual([
      'Done uncordon uncordon - schedulable True',
      'Working uncordon uncordon - schedulable True',
      'Working drain uncordon - schedulable True',
      'Working drain uncordon - cordoned True',
      'Working drain drain - cordoned True',
      'Working drain drain Rebooting cordoned True',
      'Working drain drain Rebooting cordoned False',
      'Working drain drain - cordoned False',
      'Working drain drain - cordoned True',
      'Working uncordon drain - cordoned True',
      'Working uncordon uncordon - schedulable True',
      'Done uncordon uncordon - schedulable True',
    ]);
    const rendered = s.kube.machineConfigs().find((mc) => mc.metadata?.name === target);
    expect(JSON.stringify(rendered?.spec?.config)).toContain('/etc/motd');
    expect(poolTargetConfig(pool(s, 'master'))).toBe(masterBefore);
  });

  it('moves labelled workers into a kata-oc pool that renders worker configs plus its own', async () => {
    const s = await startSim({ workers: 3, speed: SPEED });
    await waitConverged(s, 'worker');
    const watch = monitor(s, { worker: 1, master: 1, 'kata-oc': 1 });
    for (const name of ['worker-1', 'worker-2']) {
      patchNode(s, name, { metadata: { labels: { 'node-role.kubernetes.io/kata-oc': '' } } });
    }
    create(s, 'MachineConfig', {
      apiVersion: `${MCO}/v1`,
      kind: 'MachineConfig',
      metadata: {
        name: '50-enable-sandboxed-containers-extension',
        labels: { [ROLE]: 'kata-oc' },
      },
      spec: { config: { ignition: { version: '3.2.0' } }, extensions: ['sandboxed-containers'] },
    });
    create(s, 'MachineConfigPool', {
      apiVersion: `${MCO}/v1`,
      kind: 'MachineConfigPool',
      metadata: { name: 'kata-oc', labels: { [`pools.operator.${MCO}/kata-oc`]: '' } },
      spec: {
        machineConfigSelector: {
          matchExpressions: [{ key: ROLE, operator: 'In', values: ['kata-oc', 'worker'] }],
        },
        nodeSelector: { matchLabels: { 'node-role.kubernetes.io/kata-oc': '' } },
      },
    });
    await waitUntil('kata-oc to converge', () => {
      const p = pool(s, 'kata-oc');
      return converged(p) && p.status?.machineCount === 2;
    });
    watch.stop();
    expect(watch.problems).toEqual([]);
    const kata = pool(s, 'kata-oc');
    const target = poolTargetConfig(kata) ?? '';
    expect(target).toMatch(/^rendered-kata-oc-[0-9a-f]{32}$/);
    expect(kata.spec?.configuration?.source?.map((r) => r.name)).toEqual([
      '00-worker',
      '01-worker-container-runtime',
      '01-worker-kubelet',
      '50-enable-sandboxed-containers-extension',
      '99-worker-generated-registries',
      '99-worker-ssh',
    ]);
    const rendered = s.kube.machineConfigs().find((mc) => mc.metadata?.name === target);
    expect(rendered?.spec?.extensions).toEqual(['sandboxed-containers']);
    for (const name of ['worker-1', 'worker-2']) {
      expect(readNodeAnnotations(node(s, name)).currentConfig).toBe(target);
    }
    const worker = pool(s, 'worker');
    expect(worker.status).toMatchObject({ machineCount: 1, updatedMachineCount: 1 });
    expect(readNodeAnnotations(node(s, 'worker-0')).currentConfig).toBe(poolTargetConfig(worker));
  });

  it('degrades the pool on injected faults with the MCO messages, and recovers when cleared', async () => {
    const s = await startSim({ workers: 3, speed: SPEED, drainTimeoutMs: 30_000 });
    await waitConverged(s, 'worker');
    const reason = 'failed to update OS: simulated pull failure';
    patchNode(s, 'worker-0', {
      metadata: {
        annotations: { [SimAnnotation.fault]: 'fail-update', [SimAnnotation.faultReason]: reason },
      },
    });
    let before = poolTargetConfig(pool(s, 'worker'));
    create(s, 'MachineConfig', userConfig('99-worker-a', 'worker', '/etc/a'));
    await waitUntil('worker pool to report the degraded node', () => {
      return cond(pool(s, 'worker'), 'NodeDegraded')?.status === 'True';
    });
    let p = pool(s, 'worker');
    expect(cond(p, 'NodeDegraded')).toMatchObject({
      reason: '1 nodes are reporting degraded status on sync',
      message: `Node worker-0 is reporting: "${reason}"`,
    });
    expect(cond(p, 'Degraded')).toMatchObject({
      status: 'True',
      message: `Node worker-0 is reporting: "${reason}"`,
    });
    expect(cond(p, 'Updating')?.status).toBe('True');
    expect(p.status?.degradedMachineCount).toBe(1);
    expect(readNodeAnnotations(node(s, 'worker-0'))).toMatchObject({
      state: 'Degraded',
      reason,
    });
    // The failing node holds the only slot: nobody else is targeted.
    const target = poolTargetConfig(p);
    for (const name of ['worker-1', 'worker-2']) {
      expect(readNodeAnnotations(node(s, name)).desiredConfig).not.toBe(target);
    }
    patchNode(s, 'worker-0', {
      metadata: { annotations: { [SimAnnotation.fault]: null, [SimAnnotation.faultReason]: null } },
    });
    await waitConverged(s, 'worker', before);
    p = pool(s, 'worker');
    expect(cond(p, 'NodeDegraded')).toMatchObject({ status: 'False', reason: '', message: '' });
    expect(cond(p, 'Degraded')?.status).toBe('False');
    expect(p.status?.degradedMachineCount).toBe(0);

    // A drain that never finishes: Degraded with the daemon's drain message after the timeout.
    patchNode(s, 'worker-0', {
      metadata: { annotations: { [SimAnnotation.fault]: 'stuck-drain' } },
    });
    before = poolTargetConfig(p);
    create(s, 'MachineConfig', userConfig('99-worker-b', 'worker', '/etc/b'));
    await waitUntil('the drain to time out', () => {
      return cond(pool(s, 'worker'), 'NodeDegraded')?.status === 'True';
    });
    expect(cond(pool(s, 'worker'), 'NodeDegraded')?.message).toBe(
      'Node worker-0 is reporting: "failed to drain node: worker-0 after 1 hour. Please see machine-config-controller logs for more information"',
    );
    expect(node(s, 'worker-0').spec?.unschedulable).toBe(true);
    patchNode(s, 'worker-0', { metadata: { annotations: { [SimAnnotation.fault]: null } } });
    await waitConverged(s, 'worker', before);

    // A node that never comes back from its reboot: unavailable, not degraded.
    patchNode(s, 'worker-0', { metadata: { annotations: { [SimAnnotation.fault]: 'no-reboot' } } });
    before = poolTargetConfig(pool(s, 'worker'));
    create(s, 'MachineConfig', userConfig('99-worker-c', 'worker', '/etc/c'));
    await waitUntil('the node to hang in its reboot', () => {
      const n = node(s, 'worker-0');
      return (
        n.metadata?.annotations?.[NodeAnnotation.postConfigAction] === 'Rebooting' &&
        n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'False' &&
        pool(s, 'worker').status?.unavailableMachineCount === 1
      );
    });
    p = pool(s, 'worker');
    expect(cond(p, 'Degraded')?.status).toBe('False');
    expect(cond(p, 'Updating')?.status).toBe('True');
    patchNode(s, 'worker-0', { metadata: { annotations: { [SimAnnotation.fault]: null } } });
    await waitConverged(s, 'worker', before);
  });

  it('resumes a rollout after a restart in the middle of it', async () => {
    const s = await startSim({ workers: 3, speed: 20 });
    await waitConverged(s, 'worker');
    const before = poolTargetConfig(pool(s, 'worker'));
    create(s, 'MachineConfig', userConfig('99-worker-restart', 'worker', '/etc/restart'));
    const target = (): string => poolTargetConfig(pool(s, 'worker')) ?? '';
    await waitUntil('one node updated and the next one mid-update', () => {
      const workers = s.kube.nodes().filter((n) => n.metadata?.name?.startsWith('worker-'));
      const t = target();
      const done = workers.filter((n) => readNodeAnnotations(n).currentConfig === t);
      const busy = workers.filter((n) => n.metadata?.annotations?.[SimAnnotation.step]);
      return t !== before && done.length === 1 && busy.length === 1;
    });
    const doneName = s.kube.nodes().find((n) => readNodeAnnotations(n).currentConfig === target())
      ?.metadata?.name;
    await stopSim(s);

    const again = await startSim({ workers: 3, speed: SPEED, dataDir: s.dataDir });
    expect(again.cluster.resumed).toBe(true);
    const watch = monitor(again, { worker: 1, master: 1 });
    let retargeted = false;
    const unsubscribe = again.cluster.api.store.subscribe((event) => {
      if (event.gr === '/nodes' && event.name === doneName) {
        const a = readNodeAnnotations(event.object);
        if (a.currentConfig !== a.desiredConfig) retargeted = true;
      }
    });
    await waitConverged(again, 'worker', before);
    unsubscribe();
    watch.stop();
    expect(watch.problems).toEqual([]);
    expect(retargeted).toBe(false);
    expect(again.kube.nodes()).toHaveLength(6);
  });
});
