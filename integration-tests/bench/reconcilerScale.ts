/**
 * How the bundled reconciler copes with 5,000 nodes and 100,000 pods on the local cluster.
 * The cluster runs in this process (MCO simulator off: this script plays the MCO with in-process
 * writes); the reconciler is a child process, as in production, so its memory is its own.
 * Measures, printing figures only (nothing is asserted):
 * - start-up: spawn to informers synced;
 * - KataConfig create to the first status write (that first pass labels every worker);
 * - the MCO finishing to the status reporting every node installed;
 * - a node relabelled (it leaves the selector) to the status update, several times;
 * - then, with the pods loaded (only now: see the comment there), the uninstall's blocking-pod
 *   scan over every pod (paged), from delete to the blocked status;
 * - the reconciler's RSS (and peak) at each stage, and its reconcile-duration histogram.
 * Run: `node -r ts-node/register integration-tests/bench/reconcilerScale.ts`
 * Sizes: BENCH_NODES, BENCH_PODS (defaults 5000, 100000).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { JsonObject } from '../../src/cluster/apiserver/json';
import type { ResourceType } from '../../src/cluster/apiserver/registry';
import type { LocalCluster } from '../../src/cluster/cluster';
import { startLocalCluster } from '../../src/cluster/cluster';
import { kataConfigCrd } from '../../src/shared/kataconfig';
import type { KataConfig } from '../../src/shared/kataconfig';

const NODES = Number(process.env.BENCH_NODES ?? 5000);
const PODS = Number(process.env.BENCH_PODS ?? 100_000);
const NAMESPACES = 100;
const RELABELS = 5;
/** BENCH_VERBOSE=1 echoes every reconciler log line, at debug level. */
const VERBOSE = Boolean(process.env.BENCH_VERBOSE);
const MCO = 'machineconfiguration.openshift.io';
const KC_API = 'kataconfiguration.openshift.io/v1';
const NAME = 'example-kataconfig';
const ROOT = resolve(__dirname, '../..');

const rows: [string, string][] = [];
const report = (what: string, figure: string): void => {
  rows.push([what, figure]);
  process.stderr.write(`  ${what}: ${figure}\n`);
};
const ms = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;

const sleep = (msToWait: number) => new Promise((r) => setTimeout(r, msToWait));

/** Polls (cheap in-process reads) until `check` holds; returns the elapsed time from `since`. */
const until = async (what: string, check: () => boolean, since: number, timeoutMs = 600_000) => {
  while (!check()) {
    if (performance.now() - since > timeoutMs) throw new Error(`timed out: ${what}`);
    await sleep(5);
  }
  return performance.now() - since;
};

const main = async (): Promise<void> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kata-bench-reconciler-'));
  let cluster: LocalCluster | undefined;
  let stopReconciler = (): Promise<void> => Promise.resolve();
  try {
    cluster = await startLocalCluster({ dataDir, port: 0, mcoSimulator: false });
    const api = cluster.api;
    const type = (apiVersion: string, kind: string): ResourceType => {
      const found = cluster?.registry.findKind(apiVersion, kind);
      if (!found) throw new Error(`${kind} is not served`);
      return found;
    };
    const create = (apiVersion: string, kind: string, obj: JsonObject, namespace = '') =>
      api.create(type(apiVersion, kind), namespace, { apiVersion, kind, ...obj }).object;
    const patch = (apiVersion: string, kind: string, name: string, body: unknown, sub?: string) =>
      api.patch(type(apiVersion, kind), '', name, 'merge', JSON.stringify(body), {}, sub);
    const kataConfig = (): KataConfig | null => {
      try {
        return api.get(type(KC_API, 'KataConfig'), '', NAME);
      } catch {
        return null;
      }
    };
    const condition = () => kataConfig()?.status?.conditions?.find((c) => c.type === 'InProgress');
    const poolStatus = (machineCount: number, updating: boolean) => ({
      status: {
        machineCount,
        updatedMachineCount: updating ? 0 : machineCount,
        readyMachineCount: updating ? 0 : machineCount,
        degradedMachineCount: 0,
        conditions: [
          { type: 'Updated', status: updating ? 'False' : 'True', reason: '', message: '' },
          { type: 'Updating', status: updating ? 'True' : 'False', reason: '', message: '' },
        ],
      },
    });

    // ---- seed: CRD, pools, rendered configs, nodes -------------------------------------------------
    let start = performance.now();
    create('apiextensions.k8s.io/v1', 'CustomResourceDefinition', kataConfigCrd() as never);
    for (const [name, rendered, count] of [
      ['master', 'rendered-master-1', 3],
      ['worker', 'rendered-worker-1', NODES],
    ] as const) {
      create(`${MCO}/v1`, 'MachineConfigPool', {
        metadata: { name, labels: { [`pools.operator.${MCO}/${name}`]: '' } },
        spec: {
          machineConfigSelector: { matchLabels: { [`${MCO}/role`]: name } },
          nodeSelector: { matchLabels: { [`node-role.kubernetes.io/${name}`]: '' } },
          configuration: { name: rendered },
        },
      });
      patch(`${MCO}/v1`, 'MachineConfigPool', name, poolStatus(count, false), 'status');
    }
    create(`${MCO}/v1`, 'MachineConfig', { metadata: { name: 'rendered-worker-1' }, spec: {} });
    create(`${MCO}/v1`, 'MachineConfig', {
      metadata: { name: 'rendered-kata-oc-1' },
      spec: { extensions: ['sandboxed-containers'] },
    });
    const annotations = (config: string) => ({
      [`${MCO}/state`]: 'Done',
      [`${MCO}/currentConfig`]: config,
      [`${MCO}/desiredConfig`]: config,
      [`${MCO}/reason`]: '',
    });
    const node = (name: string, role: string, config: string, zone: number) =>
      create('v1', 'Node', {
        metadata: {
          name,
          labels: {
            'kubernetes.io/hostname': name,
            [`node-role.kubernetes.io/${role}`]: '',
            'topology.kubernetes.io/zone': `zone-${String(zone % 3)}`,
          },
          annotations: annotations(config),
        },
        status: {
          conditions: [{ type: 'Ready', status: 'True' }],
          allocatable: { cpu: '64', memory: '256Gi', pods: '250' },
        },
      });
    for (let i = 0; i < 3; i += 1) node(`master-${String(i)}`, 'master', 'rendered-master-1', i);
    const workers = Array.from({ length: NODES }, (_, i) => `worker-${String(i)}`);
    workers.forEach((name, i) => node(name, 'worker', 'rendered-worker-1', i));
    // The pods' RuntimeClass exists already (the reconciler never overwrites one).
    create('node.k8s.io/v1', 'RuntimeClass', { metadata: { name: 'kata' }, handler: 'kata' });
    report(`seed ${String(NODES)} workers (in-process)`, ms(performance.now() - start));
    await sleep(3000);

    // ---- the reconciler ------------------------------------------------------------------------
    start = performance.now();
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register',
        'src/reconciler/main.ts',
        '--kubeconfig',
        cluster.kubeconfigPath,
        '--leader-election',
        'off',
        '--health-port',
        '0',
        '--metrics-port',
        '0',
        '--log-level',
        VERBOSE ? 'debug' : 'info',
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, KUBECONFIG: '', TS_NODE_SWC: 'true', NODE_ENV: 'production' },
      },
    );
    const exited = new Promise((done) => child.once('exit', done));
    stopReconciler = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    };
    const logs: Record<string, unknown>[] = [];
    let buffer = '';
    child.stderr.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const record = JSON.parse(line) as Record<string, unknown>;
          logs.push(record);
          if (record.level === 'warn' || record.level === 'error' || VERBOSE)
            process.stderr.write(`${line}\n`);
        } catch {
          process.stderr.write(`${line}\n`);
        }
      }
    });
    const memory = (label: string): void => {
      const status = readFileSync(`/proc/${String(child.pid)}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      report(`reconciler memory ${label}`, `RSS ${mb(kb('VmRSS'))}, peak ${mb(kb('VmHWM'))}`);
    };
    await until('caches synced', () => logs.some((l) => l.msg === 'caches synced'), start, 180_000);
    report(
      `reconciler start to informers synced (${String(NODES + 3)} nodes)`,
      ms(performance.now() - start),
    );
    const metricsPort = Number(logs.find((l) => l.msg === 'listening')?.metricsPort);
    await sleep(1000);
    memory('idle after sync');

    // ---- install ------------------------------------------------------------------------------
    start = performance.now();
    create(KC_API, 'KataConfig', {
      metadata: { name: NAME },
      spec: {
        checkNodeEligibility: false,
        kataConfigPoolSelector: {
          matchExpressions: [{ key: 'bench/kata', operator: 'NotIn', values: ['no'] }],
        },
      },
    });
    report(
      `KataConfig create to first status write (labels ${String(NODES)} nodes first)`,
      ms(await until('first status', () => condition() !== undefined, start)),
    );
    memory('after the install pass');

    // Play the MCO: kata-oc rolls out, every worker ends Done on the kata config.
    patch(`${MCO}/v1`, 'MachineConfigPool', 'kata-oc', {
      spec: { configuration: { name: 'rendered-kata-oc-1' } },
    });
    patch(`${MCO}/v1`, 'MachineConfigPool', 'kata-oc', poolStatus(NODES, true), 'status');
    await until(
      'waitingForMcoToStart cleared',
      () => kataConfig()?.status?.waitingForMcoToStart !== true,
      performance.now(),
    );
    for (const name of workers)
      patch('v1', 'Node', name, { metadata: { annotations: annotations('rendered-kata-oc-1') } });
    patch(`${MCO}/v1`, 'MachineConfigPool', 'worker', poolStatus(0, false), 'status');
    start = performance.now();
    patch(`${MCO}/v1`, 'MachineConfigPool', 'kata-oc', poolStatus(NODES, false), 'status');
    report(
      `MCO done to status "installed on ${String(NODES)}"`,
      ms(
        await until(
          'installed',
          () =>
            condition()?.reason === '' && kataConfig()?.status?.kataNodes?.readyNodeCount === NODES,
          start,
        ),
      ),
    );
    memory('installed');

    // ---- relabel: a node leaves the selector ---------------------------------------------------
    // The reconciler unlabels it and reports Updating (kataNodes wait for the MCO, as upstream);
    // once the MCO has moved it back to worker the status settles with one node fewer.
    const toUpdating: number[] = [];
    const toSettled: number[] = [];
    for (let i = 0; i < RELABELS; i += 1) {
      const name = `worker-${String((i * 997) % NODES)}`;
      start = performance.now();
      patch('v1', 'Node', name, { metadata: { labels: { 'bench/kata': 'no' } } });
      toUpdating.push(await until('Updating', () => condition()?.reason === 'Updating', start));
      start = performance.now();
      patch('v1', 'Node', name, { metadata: { annotations: annotations('rendered-worker-1') } });
      toSettled.push(
        await until(
          'settled',
          () =>
            condition()?.reason === '' &&
            kataConfig()?.status?.kataNodes?.nodeCount === NODES - i - 1,
          start,
        ),
      );
    }
    const spread = (values: number[]): string => {
      const sorted = [...values].sort((x, y) => x - y);
      return `median ${ms(sorted[Math.floor(sorted.length / 2)] ?? 0)}, max ${ms(sorted.at(-1) ?? 0)}`;
    };
    report(`node relabel to status Updating (${String(RELABELS)} times)`, spread(toUpdating));
    report(`node back on worker to status settled (${String(RELABELS)} times)`, spread(toSettled));

    // ---- pods: loaded only now ------------------------------------------------------------------
    // The local cluster's workload controllers make a full pass over every pod after each node
    // change (docs/local-cluster.md), which would make the 5,000 node writes above take hours;
    // the reconciler never caches or watches pods, so when they arrive does not matter to it.
    start = performance.now();
    for (let i = 0; i < NAMESPACES; i += 1)
      create('v1', 'Namespace', { metadata: { name: `bench-${String(i)}` } });
    const podType = type('v1', 'Pod');
    for (let i = 0; i < PODS; i += 1) {
      const namespace = `bench-${String(i % NAMESPACES)}`;
      const created = api.create(podType, namespace, {
        metadata: { name: `pod-${String(i)}`, labels: { app: `app-${String(i % 50)}` } },
        spec: {
          nodeName: workers[i % NODES] ?? '',
          ...(i % 1000 === 0 ? { runtimeClassName: 'kata' } : {}),
          containers: [{ name: 'main', image: 'registry.example/app:1' }],
        },
      });
      // Running already, as in a settled cluster.
      api.update(
        podType,
        namespace,
        `pod-${String(i)}`,
        { ...created.object, status: { phase: 'Running' } },
        {},
        'status',
      );
    }
    report(`seed ${String(PODS)} pods (in-process)`, ms(performance.now() - start));
    await sleep(5000);
    memory(`idle with ${String(PODS)} pods in the cluster`);

    // ---- uninstall: the blocking-pod scan -----------------------------------------------------
    start = performance.now();
    api.delete(type(KC_API, 'KataConfig'), '', NAME);
    report(
      `delete to BlockedByExistingKataPods (scan of ${String(PODS)} pods)`,
      ms(
        await until(
          'blocked',
          () => condition()?.reason === 'BlockedByExistingKataPods',
          start,
          900_000,
        ),
      ),
    );
    const scan = logs.find((l) => l.msg === 'blocking pod scan');
    report(
      'blocking pod scan, as the reconciler logged it',
      `${String(scan?.durationMs)} ms, ${String(scan?.pods)} pods in ${String(scan?.pages)} pages, ${String(scan?.blockingPods)} blocking`,
    );
    memory('after the pod scan');

    const text = await new Promise<string>((done, fail) => {
      httpGet({ host: '127.0.0.1', port: metricsPort, path: '/metrics' }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => {
          done(body);
        });
      }).on('error', fail);
    });
    const value = (name: string): number =>
      Number(
        text
          .split('\n')
          .find((l) => l.startsWith(`${name} `))
          ?.split(' ')[1] ?? NaN,
      );
    const count = value('kata_reconciler_reconcile_duration_seconds_count');
    const sum = value('kata_reconciler_reconcile_duration_seconds_sum');
    report(
      'reconcile passes (from /metrics)',
      `${String(count)} passes, mean ${ms((sum / count) * 1000)}`,
    );
  } finally {
    await stopReconciler();
    await cluster?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map(([what]) => what.length));
  process.stdout.write(
    `\nbundled reconciler at ${String(NODES)} workers and ${String(PODS)} pods\n`,
  );
  for (const [what, figure] of rows) process.stdout.write(`${what.padEnd(width)}  ${figure}\n`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
