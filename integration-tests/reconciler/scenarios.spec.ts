/**
 * The reconciler against the MCO simulator, one KataConfig lifecycle per test, each ending with
 * the cluster clean: node eligibility (NFD) on and off; a KataConfig deleted mid-install; a
 * burst of conflicting writes by another client; and the whole lifecycle driven by real kubectl
 * 1.35 (apply, wait, get, edit, delete).
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RuntimeClass } from '../../src/shared/k8s';
import { crioConfigSpec, Harness, KC, MCO, waitFor } from './harness';
import type { Reconciler } from './harness';

jest.setTimeout(120_000);

const MCO_V1 = `${MCO}/v1`;
const KATA_LABEL = 'node-role.kubernetes.io/kata-oc';
const NFD_LABEL = 'feature.node.kubernetes.io/runtime.kata';
const FINALIZER = 'kataconfiguration.openshift.io/finalizer';
const FAULT = 'sim.kata-local/fault';
const WORKERS = ['worker-0', 'worker-1', 'worker-2'];
const NAME = 'example-kataconfig';
const SLOW = 60_000;

describe('reconciler scenarios with the MCO simulator', () => {
  let h: Harness;
  let reconciler: Reconciler;

  const installed = (names: string[]): boolean => {
    const kc = h.kataConfig();
    return (
      h.inProgress()?.status === 'False' &&
      h.inProgress()?.reason === '' &&
      JSON.stringify(kc?.status?.kataNodes?.installed ?? []) === JSON.stringify(names) &&
      kc?.status?.kataNodes?.readyNodeCount === names.length &&
      kc.status.kataNodes.nodeCount === names.length &&
      JSON.stringify(kc.status.runtimeClasses) === '["kata"]'
    );
  };
  const eventReasons = (): string[] =>
    h
      .list('v1', 'Event', 'default')
      .filter((e) => (e.involvedObject as { uid?: string }).uid === h.kataConfig()?.metadata?.uid)
      .map((e) => (typeof e.reason === 'string' ? e.reason : ''));

  /** After an uninstall: nothing of ours left, every worker back on the worker config. */
  const expectClean = async (): Promise<void> => {
    await waitFor('KataConfig gone', () => h.kataConfig() === null, SLOW);
    expect(h.kataLabelledNodes()).toEqual([]);
    expect(h.managed(MCO_V1, 'MachineConfig')).toEqual([]);
    expect(h.managed(MCO_V1, 'MachineConfigPool')).toEqual([]);
    expect(h.list(MCO_V1, 'ContainerRuntimeConfig')).toEqual([]);
    expect(
      h
        .list(MCO_V1, 'MachineConfigPool')
        .map((p) => (p.metadata as { name: string }).name)
        .sort(),
    ).toEqual(['master', 'worker']);
    await waitFor(
      'RuntimeClass collected',
      () => h.list('node.k8s.io/v1', 'RuntimeClass').length === 0,
      SLOW,
    );
    const target = h.poolTarget('worker');
    await waitFor(
      'every worker back on the worker config',
      () => WORKERS.every((node) => h.currentConfig(node) === target),
      SLOW,
    );
  };

  beforeAll(async () => {
    h = await Harness.start(3, 200);
    reconciler = await h.startLeader('replica-a', SLOW);
  });

  afterAll(() => h.stop());

  it('checks node eligibility: no NFD label fails clearly, labelled nodes install, off installs all', async () => {
    h.create(KC, 'KataConfig', { metadata: { name: NAME }, spec: { checkNodeEligibility: true } });
    await waitFor('Failed', () => h.inProgress()?.reason === 'Failed', SLOW);
    expect(h.inProgress()).toMatchObject({
      status: 'True',
      message: 'no Nodes with required labels found. Is NFD running?',
    });
    // Nothing is changed until a node is eligible: no finalizer, no labels, no objects.
    expect(h.kataConfig()?.metadata?.finalizers ?? []).toEqual([]);
    expect(h.kataLabelledNodes()).toEqual([]);
    expect(h.managed(MCO_V1, 'MachineConfig')).toEqual([]);
    expect(h.get(MCO_V1, 'MachineConfigPool', 'kata-oc')).toBeNull();
    await waitFor('a Failed warning', () => eventReasons().includes('Failed'), SLOW);

    // NFD labels two workers: only they are selected.
    for (const node of ['worker-0', 'worker-2'])
      h.patch('v1', 'Node', node, { metadata: { labels: { [NFD_LABEL]: 'true' } } });
    await waitFor(
      'installed on the eligible workers',
      () => installed(['worker-0', 'worker-2']),
      SLOW,
    );
    expect(h.kataConfig()?.metadata?.finalizers).toEqual([FINALIZER]);
    expect(h.kataLabelledNodes()).toEqual(['worker-0', 'worker-2']);
    expect(h.currentConfig('worker-1')).toBe(h.poolTarget('worker'));
    expect(h.currentConfig('worker-0')).toBe(h.poolTarget('kata-oc'));
    const rc = h.get('node.k8s.io/v1', 'RuntimeClass', 'kata') as RuntimeClass | null;
    expect(rc?.scheduling).toEqual({ nodeSelector: { [KATA_LABEL]: '' } });

    // Eligibility off: every worker.
    h.patch(KC, 'KataConfig', NAME, { spec: { checkNodeEligibility: false } });
    await waitFor('worker-1 labelled', () => h.kataLabelledNodes().join() === WORKERS.join(), SLOW);
    await waitFor('installed on every worker', () => installed(WORKERS), SLOW);
    expect(eventReasons()).toEqual(expect.arrayContaining(['Updating', 'NodesLabelled']));
    for (const node of WORKERS) expect(h.currentConfig(node)).toBe(h.poolTarget('kata-oc'));

    h.delete(KC, 'KataConfig', NAME);
    await expectClean();
    for (const node of ['worker-0', 'worker-2'])
      h.patch('v1', 'Node', node, { metadata: { labels: { [NFD_LABEL]: null } } });
  });

  it('finishes an install in flight before uninstalling a KataConfig deleted mid-install', async () => {
    // worker-1 never comes back from its reboot until the fault is lifted: the install stalls.
    h.patch('v1', 'Node', 'worker-1', { metadata: { annotations: { [FAULT]: 'no-reboot' } } });
    h.create(KC, 'KataConfig', { metadata: { name: NAME }, spec: { checkNodeEligibility: false } });
    await waitFor(
      'worker-1 installing',
      () => h.kataConfig()?.status?.kataNodes?.installing?.includes('worker-1'),
      SLOW,
    );
    expect(h.inProgress()).toMatchObject({ status: 'True', reason: 'Installing' });

    h.delete(KC, 'KataConfig', NAME);
    await waitFor('UninstallWaiting', () => eventReasons().includes('UninstallWaiting'), SLOW);
    // Still installing: nothing undone while the MCO is mid-rollout.
    expect(h.kataConfig()?.metadata?.deletionTimestamp).toBeTruthy();
    expect(h.kataConfig()?.metadata?.finalizers).toEqual([FINALIZER]);
    expect(h.inProgress()?.reason).toBe('Installing');
    expect(h.kataLabelledNodes()).toEqual(WORKERS);
    expect(h.managed(MCO_V1, 'MachineConfig')).toEqual([
      '50-enable-sandboxed-containers-extension',
    ]);

    const uid = h.kataConfig()?.metadata?.uid;
    const storeOrder = (event: { metadata?: unknown }): number =>
      Number((event.metadata as { resourceVersion?: string } | undefined)?.resourceVersion);
    const reasons = (): string[] =>
      h
        .list('v1', 'Event', 'default')
        .filter((e) => (e.involvedObject as { uid?: string }).uid === uid)
        // Event names are generated (random suffixes): the store's resourceVersion gives the order.
        .sort((a, b) => storeOrder(a) - storeOrder(b))
        .map((e) => (typeof e.reason === 'string' ? e.reason : ''));
    h.patch('v1', 'Node', 'worker-1', { metadata: { annotations: { [FAULT]: null } } });
    await expectClean();
    // The install finished (RuntimeClass and reset) before the uninstall started.
    const seen = reasons();
    expect(seen).toEqual(
      expect.arrayContaining(['RuntimeClassCreated', 'Ready', 'Uninstalling', 'Uninstalled']),
    );
    expect(seen.indexOf('RuntimeClassCreated')).toBeLessThan(seen.indexOf('Uninstalling'));
    expect(h.nodes().every((n) => !n.annotations?.[FAULT])).toBe(true);
  });

  it('converges under a burst of conflicting writes by another client, losing no update', async () => {
    const conflictsBefore = reconciler.logs.filter((l) => l.status === 409).length;
    h.create(KC, 'KataConfig', { metadata: { name: NAME }, spec: { checkNodeEligibility: false } });
    // Another client edits spec, metadata and status while the reconciler installs.
    for (let i = 0; i < 30; i += 1) {
      h.patch(KC, 'KataConfig', NAME, {
        metadata: { annotations: { [`burst.example.com/edit-${String(i)}`]: String(i) } },
        spec: { logLevel: i % 2 === 0 ? 'info' : 'debug' },
      });
      if (i % 3 === 0)
        h.patch(
          KC,
          'KataConfig',
          NAME,
          { status: { kataNodes: { nodeCount: 99, readyNodeCount: 99 }, runtimeClasses: [] } },
          'status',
        );
      await new Promise((r) => setTimeout(r, 15));
    }
    await waitFor('installed on every worker', () => installed(WORKERS), SLOW);
    const kc = h.kataConfig()!;
    expect(kc.spec?.logLevel).toBe('debug');
    expect(kc.metadata?.finalizers).toEqual([FINALIZER]);
    const annotations = kc.metadata?.annotations ?? {};
    for (let i = 0; i < 30; i += 1)
      expect(annotations[`burst.example.com/edit-${String(i)}`]).toBe(String(i));
    expect(kc.status?.kataNodes).toEqual({
      nodeCount: 3,
      readyNodeCount: 3,
      installed: WORKERS,
    });
    await waitFor(
      'kata-crio-config at debug',
      () =>
        (
          h.get(MCO_V1, 'ContainerRuntimeConfig', 'kata-crio-config')?.spec as
            { containerRuntimeConfig?: { logLevel?: string } } | undefined
        )?.containerRuntimeConfig?.logLevel === 'debug',
      SLOW,
    );
    expect(h.managed(MCO_V1, 'MachineConfig')).toEqual([
      '50-enable-sandboxed-containers-extension',
    ]);
    expect(h.managed(MCO_V1, 'MachineConfigPool')).toEqual(['kata-oc']);
    expect(h.list('node.k8s.io/v1', 'RuntimeClass')).toHaveLength(1);
    process.stdout.write(
      `conflicting writes: the reconciler retried ${String(
        reconciler.logs.filter((l) => l.status === 409).length - conflictsBefore,
      )} pass(es) after 409 Conflict\n`,
    );

    h.delete(KC, 'KataConfig', NAME);
    await expectClean();
  });

  it('is driven by real kubectl: apply, wait, get, edit and delete', async () => {
    await h.kubectl(['apply', '-f', '-'], {
      input: [
        `apiVersion: ${KC}`,
        'kind: KataConfig',
        'metadata:',
        `  name: ${NAME}`,
        'spec:',
        '  checkNodeEligibility: false',
        '  logLevel: info',
        '  kataConfigPoolSelector:',
        '    matchExpressions:',
        '      - key: kubernetes.io/hostname',
        '        operator: NotIn',
        '        values: [worker-2]',
        '',
      ].join('\n'),
    });
    await h.kubectl([
      'wait',
      `kataconfig/${NAME}`,
      '--for=jsonpath={.status.kataNodes.readyNodeCount}=2',
      '--timeout=60s',
    ]);
    await h.kubectl([
      'wait',
      `kataconfig/${NAME}`,
      '--for=condition=InProgress=False',
      '--timeout=60s',
    ]);
    await waitFor(
      'installed on worker-0 and worker-1',
      () => installed(['worker-0', 'worker-1']),
      SLOW,
    );
    // The CRD's printer columns (the local server sends no Table, so kubectl is told them).
    const table = await h.kubectl([
      'get',
      'kataconfigs',
      '-o',
      'custom-columns=NAME:.metadata.name,INPROGRESS:.status.conditions[?(@.type=="InProgress")].status,COMPLETED:.status.kataNodes.readyNodeCount,TOTAL:.status.kataNodes.nodeCount',
    ]);
    expect(table.split('\n')[0]).toMatch(/^NAME\s+INPROGRESS\s+COMPLETED\s+TOTAL$/);
    expect(table.split('\n')[1]).toMatch(new RegExp(`^${NAME}\\s+False\\s+2\\s+2$`));
    expect(
      await h.kubectl([
        'get',
        `kataconfig/${NAME}`,
        '-o',
        'jsonpath={.status.kataNodes.installed}',
      ]),
    ).toBe('["worker-0","worker-1"]');
    expect(h.kataLabelledNodes()).toEqual(['worker-0', 'worker-1']);

    // kubectl edit with a scripted editor.
    const dir = mkdtempSync(join(tmpdir(), 'kata-editor-'));
    const editor = join(dir, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nsed -i "s/logLevel: info/logLevel: debug/" "$1"\n');
    chmodSync(editor, 0o755);
    try {
      const out = await h.kubectl(['edit', `kataconfig/${NAME}`], {
        env: { KUBE_EDITOR: editor, EDITOR: editor },
      });
      expect(out).toContain(`kataconfig.kataconfiguration.openshift.io/${NAME} edited`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const crc = await h.crioConfig(SLOW);
    expect(crc.spec).toEqual(crioConfigSpec('kata-oc', 'debug'));

    // kubectl delete waits for the finalizer: it returns once the uninstall has finished.
    const deleted = await h.kubectl(['delete', `kataconfig/${NAME}`, '--timeout=90s']);
    expect(deleted).toContain(`kataconfig.kataconfiguration.openshift.io "${NAME}" deleted`);
    expect(h.kataConfig()).toBeNull();
    await expectClean();
  });
});
