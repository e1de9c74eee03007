/**
 * The uninstall wizard's blocking-pod scan at 100,000 pods, side by side with
 * `kubectl get pods -A -o json` filtered for the same pods.
 *
 * Seeds the local cluster in-process (BENCH_PODS pods in 100 namespaces, one in BENCH_KATA_EVERY
 * with runtimeClassName kata), then measures, each in its own process so memory is its own:
 *  - the scan: `scanBlockingPods` from src/shared (the code the plugin runs), over HTTPS pages
 *    of 500 with the admin token, as consoleFetchJSON would fetch them;
 *  - real kubectl 1.35 (`get pods -A -o json`, kubectl's default 500-item chunks), its peak RSS
 *    from /proc, then the same filter over its output in Node.
 * Prints figures only; it fails only if the two disagree on which pods block.
 *
 * `node -r ts-node/register integration-tests/bench/blockingPodScan.ts`
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLocalCluster } from '../../src/cluster/cluster';
import type { Pod } from '../../src/shared/k8s/types';
import { blockingPodKey, findBlockingPods } from '../../src/shared/workloads/kataPods';
import type { PodListPage } from '../../src/shared/workloads/kataPodsScan';
import { scanBlockingPods } from '../../src/shared/workloads/kataPodsScan';
import { ensureLayerTools, KUBECTL_135 } from '../cluster/harness';

const PODS = Number(process.env.BENCH_PODS ?? 100_000);
const KATA_EVERY = Number(process.env.BENCH_KATA_EVERY ?? 1000);
const NAMESPACES = 100;
const RUNTIME_CLASSES = ['kata'];

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** What a measuring child process prints as its last line. */
interface ChildReport {
  ms: number;
  found: string[];
  /** Peak resident set size of the child, bytes. */
  maxRssBytes: number;
  /** Highest heapUsed seen while working (sampled per page for the scan), bytes. */
  peakHeapBytes: number;
  baselineHeapBytes: number;
  pages?: number;
  scanned?: number;
  /** Response bytes received. */
  bytes?: number;
  /** The longest wait for one page: how long the wizard's progress line stands still. */
  slowestPageMs?: number;
}

// ---- child: the plugin's scan over HTTPS ------------------------------------------------------

const runScanChild = async (): Promise<void> => {
  const url = process.env.BENCH_URL ?? '';
  const token = process.env.BENCH_TOKEN ?? '';
  const agent = new Agent({ keepAlive: true, ca: process.env.BENCH_CA });
  let bytes = 0;
  const getJson = (path: string): Promise<PodListPage> =>
    new Promise((resolve, reject) => {
      const req = request(
        new URL(path, url),
        { agent, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            bytes += body.length;
            const text = body.toString();
            if ((res.statusCode ?? 500) >= 300) reject(new Error(`${path}: ${text.slice(0, 200)}`));
            else resolve(JSON.parse(text) as PodListPage);
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
  const baselineHeapBytes = process.memoryUsage().heapUsed;
  let peakHeapBytes = baselineHeapBytes;
  let slowestPageMs = 0;
  const start = performance.now();
  let pageStart = start;
  const result = await scanBlockingPods(RUNTIME_CLASSES, {
    fetchPage: getJson,
    isForbidden: () => false,
    listNamespaces: () => Promise.resolve([]),
    onPage: () => {
      peakHeapBytes = Math.max(peakHeapBytes, process.memoryUsage().heapUsed);
      const now = performance.now();
      slowestPageMs = Math.max(slowestPageMs, now - pageStart);
      pageStart = now;
    },
  });
  const ms = performance.now() - start;
  agent.destroy();
  const report: ChildReport = {
    ms,
    found: result.scan.blockingPods().map(blockingPodKey),
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    peakHeapBytes,
    baselineHeapBytes,
    pages: result.pageCount,
    scanned: result.scan.scannedCount(),
    bytes,
    slowestPageMs,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
};

// ---- child: the same filter over kubectl's output ---------------------------------------------

const runFilterChild = (file: string): void => {
  const baselineHeapBytes = process.memoryUsage().heapUsed;
  const start = performance.now();
  const list = JSON.parse(readFileSync(file, 'utf8')) as { items: Pod[] };
  const peakHeapBytes = process.memoryUsage().heapUsed;
  const found = findBlockingPods(list.items, RUNTIME_CLASSES).map(blockingPodKey);
  const report: ChildReport = {
    ms: performance.now() - start,
    found,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    peakHeapBytes,
    baselineHeapBytes,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
};

// ---- parent ------------------------------------------------------------------------------------

/** Runs this file again as a child in `mode`, returning its report. */
const child = (mode: string[], env: Record<string, string> = {}): Promise<ChildReport> =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['-r', 'ts-node/register', __filename, ...mode], {
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) reject(new Error(`${mode.join(' ')} exited ${String(code)}`));
      else resolve(JSON.parse(last) as ChildReport);
    });
  });

/** Peak RSS of a running process, bytes: VmHWM only grows, so the last sample is the peak. */
const vmHwmBytes = (pid: number): number => {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${String(pid)}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
};

const runKubectl = (
  kubeconfig: string,
  cacheDir: string,
  outFile: string,
): Promise<{ ms: number; maxRssBytes: number; bytes: number }> =>
  new Promise((resolve, reject) => {
    const start = performance.now();
    const out = createWriteStream(outFile);
    const proc = spawn(
      KUBECTL_135,
      ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, 'get', 'pods', '-A', '-o', 'json'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let maxRssBytes = 0;
    let bytes = 0;
    const sampler = setInterval(() => {
      if (proc.pid) maxRssBytes = Math.max(maxRssBytes, vmHwmBytes(proc.pid));
    }, 20);
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (proc.pid) maxRssBytes = Math.max(maxRssBytes, vmHwmBytes(proc.pid));
    });
    proc.stdout.pipe(out);
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => {
      clearInterval(sampler);
      const ms = performance.now() - start;
      out.end(() => {
        if (code !== 0) reject(new Error(`kubectl exited ${String(code)}: ${stderr}`));
        else resolve({ ms, maxRssBytes, bytes });
      });
    });
  });

const main = async (): Promise<void> => {
  await ensureLayerTools();
  const work = mkdtempSync(join(tmpdir(), 'kata-bench-scan-'));
  const cluster = await startLocalCluster({
    dataDir: join(work, 'cluster'),
    port: 0,
    mcoSimulator: false,
  });
  try {
    const podType = cluster.registry.findKind('v1', 'Pod');
    const namespaceType = cluster.registry.findKind('v1', 'Namespace');
    if (!podType || !namespaceType) throw new Error('the local cluster serves no pods');
    const runtimeClassType = cluster.registry.findKind('node.k8s.io/v1', 'RuntimeClass');
    if (!runtimeClassType) throw new Error('the local cluster serves no RuntimeClasses');
    const seedStart = performance.now();
    // Admission rejects pods that name a RuntimeClass that does not exist.
    cluster.api.create(runtimeClassType, '', { metadata: { name: 'kata' }, handler: 'kata' });
    for (let i = 0; i < NAMESPACES; i += 1) {
      cluster.api.create(namespaceType, '', { metadata: { name: `bench-${String(i)}` } });
    }
    for (let i = 0; i < PODS; i += 1) {
      cluster.api.create(podType, `bench-${String(i % NAMESPACES)}`, {
        metadata: { name: `pod-${String(i)}`, labels: { app: `app-${String(i % 50)}` } },
        spec: {
          nodeName: `worker-${String(i % 500)}`,
          ...(i % KATA_EVERY === 0 ? { runtimeClassName: 'kata' } : {}),
          containers: [
            {
              name: 'main',
              image: 'app:1',
              resources: { requests: { cpu: '10m', memory: '16Mi' } },
            },
          ],
        },
      });
    }
    const expected = Math.ceil(PODS / KATA_EVERY);
    process.stderr.write(
      `seeded ${String(PODS)} pods (${String(expected)} kata) in ${seconds(performance.now() - seedStart)}\n`,
    );

    const scan = await child(['--scan'], {
      BENCH_URL: cluster.url,
      BENCH_TOKEN: cluster.tokens.admin,
      BENCH_CA: cluster.caPem,
    });
    const jsonFile = join(work, 'pods.json');
    const kubectl = await runKubectl(cluster.kubeconfigPath, join(work, 'kube-cache'), jsonFile);
    const filter = await child(['--filter', jsonFile]);

    const same =
      scan.found.length === filter.found.length &&
      scan.found.every((key, index) => filter.found[index] === key);
    const rows: [string, string, string][] = [
      ['', 'plugin scan (paged, keeps matches)', 'kubectl get pods -A -o json + filter'],
      [
        'time',
        `${seconds(scan.ms)} (${String(scan.pages ?? 0)} pages of 500, slowest ${seconds(scan.slowestPageMs ?? 0)})`,
        `${seconds(kubectl.ms)} kubectl + ${seconds(filter.ms)} parse/filter = ${seconds(kubectl.ms + filter.ms)}`,
      ],
      [
        'peak RSS',
        `${mb(scan.maxRssBytes)} (whole Node process)`,
        `${mb(kubectl.maxRssBytes)} kubectl, ${mb(filter.maxRssBytes)} Node filter`,
      ],
      [
        'heap held for the pods',
        `${mb(scan.peakHeapBytes - scan.baselineHeapBytes)} peak over baseline`,
        `${mb(filter.peakHeapBytes - filter.baselineHeapBytes)} (the whole list parsed)`,
      ],
      [
        'data',
        `${mb(scan.bytes ?? 0)} of JSON pages received`,
        `${mb(kubectl.bytes)} of JSON output`,
      ],
      [
        'blocking pods found',
        `${String(scan.found.length)} of ${String(scan.scanned ?? 0)} scanned`,
        `${String(filter.found.length)}${same ? ' (the same pods)' : ' (DIFFERENT pods)'}`,
      ],
    ];
    const widths = [0, 1, 2].map((column) =>
      Math.max(...rows.map((row) => row[column]?.length ?? 0)),
    );
    process.stdout.write(
      `\nblocking-pod scan at ${String(PODS)} pods (${String(expected)} kata), local cluster\n`,
    );
    for (const row of rows) {
      process.stdout.write(
        `${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}\n`,
      );
    }
    if (!same || scan.found.length !== expected) {
      throw new Error(
        `the scan found ${String(scan.found.length)}, kubectl ${String(filter.found.length)}, expected ${String(expected)}`,
      );
    }
  } finally {
    await cluster.close();
    rmSync(work, { recursive: true, force: true });
  }
};

const [mode, argument] = process.argv.slice(2);
const entry = async (): Promise<void> => {
  if (mode === '--scan') await runScanChild();
  else if (mode === '--filter' && argument) runFilterChild(argument);
  else await main();
};
entry().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
