/**
 * The MCO simulator's MachineConfigNodes: one per node, owned by it, following its primary pool,
 * and during a rollout always telling the same phase as the node annotations, as read by
 * `nodeRolloutPhase` from src/shared/mco.
 */
import type { Node } from '../../src/shared/k8s/types';
import type { MachineConfigNode, NodeStep } from '../../src/shared/mco';
import {
  MCN_NOT_YET_SET,
  nodeRolloutPhase,
  nodesByPrimaryPool,
  poolName,
  poolTargetConfig,
  readNodeAnnotations,
} from '../../src/shared/mco';
import type { JsonObject } from '../../src/cluster/apiserver/json';

import type { Sim } from './mcoHarness';
import { startSim, stopStartedSims } from './mcoHarness';

jest.setTimeout(30_000);

const MCO = 'machineconfiguration.openshift.io';
const WAIT_MS = 20_000;

afterEach(stopStartedSims);

const write = (s: Sim, kind: string, name: string, body: object, create = false): void => {
  const apiVersion = kind === 'Node' ? 'v1' : `${MCO}/v1`;
  const type = s.cluster.api.registry.findKind(apiVersion, kind);
  if (!type) throw new Error(`${kind} not served`);
  if (create) s.cluster.api.create(type, '', body as JsonObject);
  else s.cluster.api.patch(type, '', name, 'merge', JSON.stringify(body));
};

const waitUntil = async (what: string, check: () => boolean): Promise<void> => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > WAIT_MS) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

const mcnOf = (s: Sim, name: string): MachineConfigNode | undefined =>
  s.kube.machineConfigNodes().find((m) => m.metadata?.name === name);

const condition = (mcn: MachineConfigNode | undefined, type: string) =>
  mcn?.status?.conditions?.find((c) => c.type === type);

/** Each node with its primary pool's target. */
const targets = (s: Sim): [Node, string | undefined][] => {
  const pools = s.kube.pools();
  const result: [Node, string | undefined][] = [];
  for (const [name, nodes] of nodesByPrimaryPool(s.kube.nodes(), pools)) {
    const pool = pools.find((p) => poolName(p) === name);
    for (const n of nodes) result.push([n, pool ? poolTargetConfig(pool) : undefined]);
  }
  return result;
};

const allUpdated = (s: Sim): boolean =>
  targets(s).every(([n, target]) => {
    const a = readNodeAnnotations(n);
    return a.currentConfig === target && a.desiredConfig === target && a.state === 'Done';
  });

describe('MCO simulator MachineConfigNodes', () => {
  it('seeds one MCN per node, owned by it, and follows the primary pool', async () => {
    const s = await startSim({ workers: 2, speed: 200 });
    await waitUntil('converged', () => allUpdated(s) && s.kube.machineConfigNodes().length === 5);
    for (const [n, target] of targets(s)) {
      const name = n.metadata?.name ?? '';
      const mcn = mcnOf(s, name);
      expect(mcn?.apiVersion).toBe(`${MCO}/v1`);
      expect(mcn?.metadata?.ownerReferences).toEqual([
        expect.objectContaining({ kind: 'Node', name, uid: n.metadata?.uid }),
      ]);
      expect(mcn?.spec).toEqual({
        node: { name },
        pool: { name: name.startsWith('master') ? 'master' : 'worker' },
        configVersion: { desired: target },
      });
      expect(mcn?.status?.configVersion).toEqual({ current: target, desired: target });
      expect(mcn?.status?.observedGeneration).toBe((mcn?.metadata?.generation ?? 0) + 1);
      expect(condition(mcn, 'Updated')).toMatchObject({
        status: 'True',
        message: `Node ${name} Updated`,
      });
      expect(condition(mcn, 'Cordoned')).toMatchObject({
        status: 'False',
        reason: 'NotYetOccurred',
        message: 'This node has not yet entered the Cordoned phase',
      });
      expect(nodeRolloutPhase(n, target, mcn)).toMatchObject({
        source: 'MachineConfigNode',
        phase: 'done',
      });
    }

    // worker-1 moves to a custom pool: its MCN follows, then rolls to the pool's config.
    write(
      s,
      'MachineConfigPool',
      'kata-oc',
      {
        apiVersion: `${MCO}/v1`,
        kind: 'MachineConfigPool',
        metadata: { name: 'kata-oc' },
        spec: {
          machineConfigSelector: {
            matchExpressions: [
              { key: `${MCO}/role`, operator: 'In', values: ['kata-oc', 'worker'] },
            ],
          },
          nodeSelector: { matchLabels: { 'node-role.kubernetes.io/kata-oc': '' } },
        },
      },
      true,
    );
    write(s, 'Node', 'worker-1', {
      metadata: { labels: { 'node-role.kubernetes.io/kata-oc': '' } },
    });
    await waitUntil(
      'worker-1 in kata-oc',
      () => mcnOf(s, 'worker-1')?.spec?.pool?.name === 'kata-oc',
    );
    expect(mcnOf(s, 'worker-0')?.spec?.pool?.name).toBe('worker');

    // The MCN goes with its node.
    const nodeType = s.cluster.api.registry.findKind('v1', 'Node');
    if (!nodeType) throw new Error('Node not served');
    s.cluster.api.delete(nodeType, '', 'worker-0');
    await waitUntil('worker-0 MCN collected', () => mcnOf(s, 'worker-0') === undefined);
  });

  it('tells the same phase as the annotations at every change of a rollout', async () => {
    const s = await startSim({ workers: 4, speed: 100 });
    await waitUntil('converged', () => allUpdated(s) && s.kube.machineConfigNodes().length === 7);
    write(s, 'MachineConfigPool', 'worker', { spec: { maxUnavailable: 2 } });
    const before = new Map(targets(s).map(([n, t]) => [n.metadata?.name, t]));

    const problems: string[] = [];
    const mcnSteps = new Set<NodeStep>();
    let samples = 0;
    const sample = (): void => {
      samples++;
      const mcns = new Map(s.kube.machineConfigNodes().map((m) => [m.metadata?.name, m]));
      for (const [n, target] of targets(s)) {
        const name = n.metadata?.name ?? '';
        const mcn = mcns.get(name);
        const fromAnnotations = nodeRolloutPhase(n, target);
        const fromMcn = nodeRolloutPhase(n, target, mcn);
        const a = readNodeAnnotations(n);
        const where = `${name} ${JSON.stringify(a)} ${JSON.stringify(mcn?.status)}`;
        if (!mcn) problems.push(`${name}: no MCN`);
        if (fromMcn.machineConfigNodeIgnored && a.currentConfig === a.desiredConfig) {
          problems.push(
            `${name}: MCN ignored: ${JSON.stringify(fromMcn.machineConfigNodeIgnored)}`,
          );
        }
        // Only queued nodes (waiting, or targeted but not yet prepared) are read from annotations.
        if (fromMcn.source !== 'MachineConfigNode' && fromAnnotations.phase !== 'queued') {
          problems.push(`${name}: read from annotations at ${fromAnnotations.step}: ${where}`);
        }
        if (fromMcn.source === 'MachineConfigNode') mcnSteps.add(fromMcn.step);
        if (fromMcn.phase !== fromAnnotations.phase) {
          problems.push(
            `${name}: MCN ${fromMcn.step} vs annotations ${fromAnnotations.step}: ${where}`,
          );
        }
      }
    };
    // Every MCN write, read at once: a loaded machine may run several daemon steps in one
    // pass, and the coalesced sample below would then see only the last of them.
    const recordMcnStep = (name: string) => {
      const pair = targets(s).find(([n]) => n.metadata?.name === name);
      const mcn = mcnOf(s, name);
      if (!pair || !mcn) return;
      const phase = nodeRolloutPhase(pair[0], pair[1], mcn);
      if (phase.source === 'MachineConfigNode') mcnSteps.add(phase.step);
    };
    let pending = false;
    const unsubscribe = s.cluster.api.store.subscribe((event) => {
      if (event.gr === `${MCO}/machineconfignodes`) recordMcnStep(event.name);
      if (pending || (event.gr !== '/nodes' && event.gr !== `${MCO}/machineconfignodes`)) return;
      pending = true;
      // After the simulator's synchronous pass: the node and its MCN are written together.
      setImmediate(() => {
        pending = false;
        sample();
      });
    });

    for (const role of ['worker', 'master']) {
      write(
        s,
        'MachineConfig',
        `99-${role}-motd`,
        {
          apiVersion: `${MCO}/v1`,
          kind: 'MachineConfig',
          metadata: { name: `99-${role}-motd`, labels: { [`${MCO}/role`]: role } },
          spec: {
            config: {
              ignition: { version: '3.2.0' },
              storage: {
                files: [{ path: '/etc/motd', mode: 420, contents: { source: 'data:,hi' } }],
              },
            },
          },
        },
        true,
      );
    }
    await waitUntil('new targets', () =>
      targets(s).every(([n, t]) => t !== before.get(n.metadata?.name)),
    );
    await waitUntil('rollout done', () => allUpdated(s));
    sample();
    unsubscribe();

    expect(problems.slice(0, 5)).toEqual([]);
    expect(samples).toBeGreaterThan(10);
    for (const step of [
      'preparing',
      'cordoning',
      'draining',
      'applying',
      'rebooting',
      'resuming',
      'updated',
    ] as const) {
      expect(mcnSteps).toContain(step);
    }
    for (const [n, target] of targets(s)) {
      const mcn = mcnOf(s, n.metadata?.name ?? '');
      expect(target).not.toBe(before.get(n.metadata?.name));
      expect(mcn?.spec?.configVersion?.desired).toBe(target);
      expect(mcn?.status?.configVersion).toEqual({ current: target, desired: target });
      expect(condition(mcn, 'Updated')?.status).toBe('True');
      const others = (mcn?.status?.conditions ?? []).filter((c) => c.type !== 'Updated');
      expect(others.filter((c) => c.status !== 'False')).toEqual([]);
      expect(condition(mcn, 'Uncordoned')?.message).toBe(
        `Action during update to ${target ?? ''}: UnCordoned node. The node is reporting Unschedulable = false`,
      );
      expect(condition(mcn, 'NodeDegraded')?.message).toBe(
        `Node ${n.metadata?.name ?? ''} upgrade succeeded`,
      );
      expect(mcn?.status?.configVersion?.desired).not.toBe(MCN_NOT_YET_SET);
    }
  });
});
