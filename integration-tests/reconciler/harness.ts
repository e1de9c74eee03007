/**
 * End-to-end harness: a local cluster in this process, seeded with an OpenShift-like node and
 * pool layout and the KataConfig CRD, and the real reconciler as child processes. The test plays
 * the Machine Config Operator itself (pool conditions and node annotations), so each step of the
 * contract is driven explicitly.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { JsonObject } from '../../src/cluster/apiserver/json';
import type { ResourceType } from '../../src/cluster/apiserver/registry';
import type { LocalCluster } from '../../src/cluster/cluster';
import { startLocalCluster } from '../../src/cluster/cluster';
import type { KataConfig } from '../../src/shared/kataconfig';
import { kataConfigCrd } from '../../src/shared/kataconfig';
import type { MachineConfig, MachineConfigPool } from '../../src/shared/mco';
import { KUBECTL_135, ensureLayerTools, run } from '../cluster/harness';
import type { RunResult } from '../cluster/harness';

export const REPO = resolve(__dirname, '../..');
export const MCO = 'machineconfiguration.openshift.io';
export const KC = 'kataconfiguration.openshift.io/v1';
const MCO_V1 = `${MCO}/v1`;
const STATE = `${MCO}/state`;
const CURRENT = `${MCO}/currentConfig`;
const DESIRED = `${MCO}/desiredConfig`;
const REASON = `${MCO}/reason`;

/** The parts of a Node's metadata the tests read. */
export interface NodeMeta {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface Reconciler {
  process: ChildProcess;
  logs: Record<string, unknown>[];
  identity: string;
  exited: Promise<number | null>;
}

export class Harness {
  private readonly children: Reconciler[] = [];
  private constructor(
    readonly cluster: LocalCluster,
    private readonly dataDir: string,
  ) {}

  /**
   * Without `simulatorSpeed` the test plays the MCO (one master, `workers` workers, seeded here);
   * with it the local cluster's MCO simulator seeds master-0..2 and worker-0..N-1 and rolls them
   * out at that speed.
   */
  static async start(
    workers = 3,
    simulatorSpeed?: number,
    options: { crd?: boolean } = {},
  ): Promise<Harness> {
    const dataDir = mkdtempSync(join(tmpdir(), 'kata-reconciler-'));
    const cluster = await startLocalCluster({
      dataDir,
      port: 0,
      bookmarkIntervalMs: 1000,
      ...(simulatorSpeed === undefined
        ? { mcoSimulator: false }
        : { mcoSimulator: true, workers, speed: simulatorSpeed }),
    });
    const harness = new Harness(cluster, dataDir);
    if (options.crd !== false) harness.installCrd();
    if (simulatorSpeed === undefined) harness.seed(workers);
    return harness;
  }

  installCrd(): void {
    this.create(
      'apiextensions.k8s.io/v1',
      'CustomResourceDefinition',
      kataConfigCrd() as unknown as JsonObject,
    );
  }

  /** Real kubectl 1.35 against this cluster as admin; `env` adds to the environment (EDITOR). */
  async kubectl(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
    await ensureLayerTools();
    const result: RunResult = await run(
      KUBECTL_135,
      [
        '--kubeconfig',
        this.cluster.kubeconfigPath,
        '--cache-dir',
        join(this.dataDir, 'kube'),
        ...args,
      ],
      {
        ...(options.input === undefined ? {} : { input: options.input }),
        env: { ...process.env, ...options.env },
        timeoutMs: 90_000,
      },
    );
    if (result.code !== 0)
      throw new Error(
        `kubectl ${args.join(' ')} failed (${String(result.code)}): ${result.stderr}`,
      );
    return result.stdout;
  }

  type(apiVersion: string, kind: string): ResourceType {
    const found = this.cluster.registry.findKind(apiVersion, kind);
    if (!found) throw new Error(`${apiVersion} ${kind} is not served`);
    return found;
  }

  create(apiVersion: string, kind: string, obj: JsonObject, namespace = ''): JsonObject {
    return this.cluster.api.create(this.type(apiVersion, kind), namespace, {
      apiVersion,
      kind,
      ...obj,
    }).object;
  }

  get(apiVersion: string, kind: string, name: string, namespace = ''): JsonObject | null {
    try {
      return this.cluster.api.get(this.type(apiVersion, kind), namespace, name);
    } catch {
      return null;
    }
  }

  list(apiVersion: string, kind: string, namespace?: string): JsonObject[] {
    return this.cluster.api.list(this.type(apiVersion, kind), namespace).items;
  }

  patch(
    apiVersion: string,
    kind: string,
    name: string,
    body: unknown,
    subresource?: string,
    namespace = '',
  ): void {
    this.cluster.api.patch(
      this.type(apiVersion, kind),
      namespace,
      name,
      'merge',
      JSON.stringify(body),
      {},
      subresource,
    );
  }

  delete(apiVersion: string, kind: string, name: string, namespace = ''): void {
    this.cluster.api.delete(this.type(apiVersion, kind), namespace, name);
  }

  /** The KataConfig `name`, or null (not created yet, or gone). */
  kataConfig(name = 'example-kataconfig'): KataConfig | null {
    return this.get(KC, 'KataConfig', name);
  }

  /** The KataConfig's InProgress condition. */
  inProgress(name?: string) {
    return this.kataConfig(name)?.status?.conditions?.find((c) => c.type === 'InProgress');
  }

  nodes(): NodeMeta[] {
    return this.list('v1', 'Node').map((n) => n.metadata as unknown as NodeMeta);
  }

  /** The names of the nodes labelled for kata (node-role.kubernetes.io/kata-oc), sorted. */
  kataLabelledNodes(): string[] {
    return this.nodes()
      .filter((n) => Object.hasOwn(n.labels ?? {}, 'node-role.kubernetes.io/kata-oc'))
      .map((n) => n.name)
      .sort();
  }

  /** The node's current rendered config, as its machine-config daemon reports it. */
  currentConfig(node: string): string {
    return this.nodes().find((n) => n.name === node)?.annotations?.[CURRENT] ?? '';
  }

  pool(name: string): MachineConfigPool | null {
    return this.get(MCO_V1, 'MachineConfigPool', name);
  }

  /** The rendered config the pool rolls its nodes to. */
  poolTarget(name: string): string {
    return this.pool(name)?.spec?.configuration?.name ?? '';
  }

  /** The names of the `kind` objects labelled as managed by the plugin's reconciler, sorted. */
  managed(apiVersion: string, kind: string): string[] {
    return this.list(apiVersion, kind)
      .map((o) => o.metadata as { name: string; labels?: Record<string, string> })
      .filter((m) => m.labels?.['app.kubernetes.io/managed-by'] === 'kata-console-plugin')
      .map((m) => m.name)
      .sort();
  }

  /** Waits for the reconciler's ContainerRuntimeConfig `kata-crio-config` (logLevel other than info). */
  crioConfig(timeoutMs?: number): Promise<JsonObject> {
    return waitFor(
      'kata-crio-config',
      () => this.get(MCO_V1, 'ContainerRuntimeConfig', 'kata-crio-config'),
      timeoutMs,
    );
  }

  /** The reconciler's MachineConfig that enables the sandboxed-containers extension. */
  extensionMachineConfig(): MachineConfig | null {
    return this.get(MCO_V1, 'MachineConfig', '50-enable-sandboxed-containers-extension');
  }

  /** The reasons of the events about the object called `name`. */
  eventReasons(name: string): string[] {
    return this.list('v1', 'Event', 'default')
      .filter((e) => (e.involvedObject as { name?: string }).name === name)
      .map((e) => (typeof e.reason === 'string' ? e.reason : ''));
  }

  private node(name: string, role: 'master' | 'worker', rendered: string): void {
    this.create('v1', 'Node', {
      metadata: {
        name,
        labels: { 'kubernetes.io/hostname': name, [`node-role.kubernetes.io/${role}`]: '' },
        annotations: { [STATE]: 'Done', [CURRENT]: rendered, [DESIRED]: rendered, [REASON]: '' },
      },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    });
  }

  private seedPool(name: string, rendered: string, machineCount: number): void {
    this.create(MCO_V1, 'MachineConfigPool', {
      metadata: { name, labels: { [`pools.operator.${MCO}/${name}`]: '' } },
      spec: {
        machineConfigSelector: { matchLabels: { [`${MCO}/role`]: name } },
        nodeSelector: { matchLabels: { [`node-role.kubernetes.io/${name}`]: '' } },
        configuration: { name: rendered },
      },
    });
    this.setPool(name, { updating: false, machineCount });
  }

  private seed(workers: number): void {
    this.seedPool('master', 'rendered-master-1', 1);
    this.seedPool('worker', 'rendered-worker-1', workers);
    this.node('master-0', 'master', 'rendered-master-1');
    for (let index = 0; index < workers; index += 1)
      this.node(`worker-${index}`, 'worker', 'rendered-worker-1');
  }

  /** Plays the MCO's pool status: the Updating/Updated conditions and the counts. */
  setPool(
    name: string,
    state: { updating: boolean; machineCount: number; rendered?: string },
  ): void {
    if (state.rendered)
      this.patch(MCO_V1, 'MachineConfigPool', name, {
        spec: { configuration: { name: state.rendered } },
      });
    const time = new Date().toISOString();
    const count = state.machineCount;
    this.patch(
      MCO_V1,
      'MachineConfigPool',
      name,
      {
        status: {
          machineCount: count,
          updatedMachineCount: state.updating ? 0 : count,
          readyMachineCount: state.updating ? 0 : count,
          degradedMachineCount: 0,
          conditions: [
            {
              type: 'Updated',
              status: state.updating ? 'False' : 'True',
              lastTransitionTime: time,
              reason: '',
              message: '',
            },
            {
              type: 'Updating',
              status: state.updating ? 'True' : 'False',
              lastTransitionTime: time,
              reason: '',
              message: '',
            },
          ],
        },
      },
      'status',
    );
  }

  /** Plays the machine-config daemon: the node's state and current config. */
  setNode(name: string, state: 'Done' | 'Working', rendered: string): void {
    this.patch('v1', 'Node', name, {
      metadata: { annotations: { [STATE]: state, [CURRENT]: rendered, [DESIRED]: rendered } },
    });
  }

  startReconciler(identity: string, extra: string[] = []): Reconciler {
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register',
        'src/reconciler/main.ts',
        '--kubeconfig',
        this.cluster.kubeconfigPath,
        '--metrics-port',
        '0',
        '--health-port',
        '0',
        '--namespace',
        'default',
        '--lease-duration',
        '3',
        '--identity',
        identity,
        '--log-level',
        'debug',
        ...extra,
      ],
      {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
        // swc transpiles faster than TypeScript on a loaded machine.
        env: { ...process.env, KUBECONFIG: '', TS_NODE_SWC: 'true' },
      },
    );
    const logs: Record<string, unknown>[] = [];
    let buffer = '';
    child.stderr.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        let record: Record<string, unknown>;
        try {
          record = JSON.parse(line) as Record<string, unknown>;
        } catch {
          record = { msg: line, raw: true };
        }
        // When the test saw it, for timings (the process's own `time` has the same clock).
        record.receivedAtMs = Date.now();
        logs.push(record);
      }
    });
    const exited = new Promise<number | null>((resolveExit) =>
      child.on('exit', (code) => {
        resolveExit(code);
      }),
    );
    const handle = { process: child, logs, identity, exited };
    this.children.push(handle);
    return handle;
  }

  /** Starts a replica and waits until it holds the leader Lease. */
  async startLeader(identity: string, timeoutMs = 60_000): Promise<Reconciler> {
    const handle = this.startReconciler(identity);
    await waitFor(
      `${identity} to lead`,
      () => handle.logs.some((l) => l.msg === 'became leader'),
      timeoutMs,
    );
    return handle;
  }

  async stopReconciler(
    handle: Reconciler,
    signal: NodeJS.Signals = 'SIGTERM',
  ): Promise<number | null> {
    if (handle.process.exitCode === null && handle.process.signalCode === null)
      handle.process.kill(signal);
    return handle.exited;
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map((child) => this.stopReconciler(child)));
    await this.cluster.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** The spec kata-crio-config should have: CRI-O's `logLevel` on the nodes of pool `pool`. */
export const crioConfigSpec = (pool: string, logLevel: string) => ({
  machineConfigPoolSelector: { matchLabels: { [`pools.operator.${MCO}/${pool}`]: '' } },
  containerRuntimeConfig: { logLevel },
});

/** The health and metrics ports a reconciler logged (`--health-port 0 --metrics-port 0`). */
export const portsOf = async (
  handle: Reconciler,
): Promise<{ healthPort: number; metricsPort: number }> => {
  const listening = await waitFor(
    `${handle.identity} listening`,
    () => handle.logs.find((l) => l.msg === 'listening'),
    60_000,
  );
  return { healthPort: Number(listening.healthPort), metricsPort: Number(listening.metricsPort) };
};

/** GET on the reconciler's loopback HTTP servers. */
export const scrape = (
  port: number,
  path: string,
): Promise<{ status: number; body: string; type: string }> =>
  new Promise((resolveGet, reject) => {
    httpGet({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => {
        resolveGet({
          status: res.statusCode ?? 0,
          body,
          type: res.headers['content-type'] ?? '',
        });
      });
    }).on('error', reject);
  });

/** One sample of the Prometheus text format: `name{labels} value`; undefined when absent. */
export const sample = (
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined => {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .join(',');
  const prefix = wanted === '' ? `${name} ` : `${name}{${wanted}} `;
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line === undefined ? undefined : Number(line.slice(prefix.length));
};

type Falsy = undefined | false | null;

/** Polls until `check` returns (or resolves to) a value other than undefined/false/null. */
export const waitFor = async <T>(
  what: string,
  check: () => T | Falsy | Promise<T | Falsy>,
  timeoutMs = 20_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};
