/**
 * `npm run bench:cluster`: how the local cluster's API emulator copes with 5,000 nodes and 100,000
 * pods. Loads the objects through the in-process Api (the MCO simulator is off), then measures
 * over HTTPS with the admin token: lists (whole, paged, by field and by label), watch latency
 * from a write to its event, and memory. Prints figures only; nothing is asserted.
 * Run with `node --expose-gc -r ts-node/register integration-tests/bench/clusterScale.ts` to
 * include the memory after a forced GC. Sizes: BENCH_NODES, BENCH_PODS (defaults 5000, 100000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LocalCluster } from '../../src/cluster/cluster';
import { startLocalCluster } from '../../src/cluster/cluster';
import type { ResourceType } from '../../src/cluster/apiserver/registry';

const NODES = Number(process.env.BENCH_NODES ?? 5000);
const PODS = Number(process.env.BENCH_PODS ?? 100_000);
const NAMESPACES = 100;
const WATCH_WRITES = Number(process.env.BENCH_WATCH_WRITES ?? 200);

const rows: [string, string][] = [];
const report = (what: string, figure: string): void => {
  rows.push([what, figure]);
  process.stderr.write(`  ${what}: ${figure}\n`);
};
const ms = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const gc = (globalThis as { gc?: () => void }).gc;
const memory = (label: string): void => {
  const usage = process.memoryUsage();
  report(`memory ${label}`, `rss ${mb(usage.rss)}, heapUsed ${mb(usage.heapUsed)}`);
};

interface Response {
  status: number;
  body: string;
}

const main = async (): Promise<void> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kata-bench-cluster-'));
  let cluster: LocalCluster | undefined;
  try {
    memory('at start');
    cluster = await startLocalCluster({ dataDir, port: 0, mcoSimulator: false });
    const started = cluster;
    const agent = new Agent({ keepAlive: true, ca: started.caPem });
    const headers = { Authorization: `Bearer ${started.tokens.admin}` };
    const call = (method: string, path: string, body?: unknown, contentType?: string) =>
      new Promise<Response>((resolve, reject) => {
        const req = request(
          new URL(path, started.url),
          {
            method,
            agent,
            headers: {
              ...headers,
              ...(body !== undefined ? { 'Content-Type': contentType ?? 'application/json' } : {}),
            },
          },
          (res: IncomingMessage) => {
            const chunks: Buffer[] = [];
            res.on('data', (d: Buffer) => chunks.push(d));
            res.on('end', () => {
              resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() });
            });
          },
        );
        req.on('error', reject);
        req.end(body === undefined ? undefined : JSON.stringify(body));
      });
    const list = async (path: string): Promise<{ items: number; ms: number; bytes: number }> => {
      const start = performance.now();
      const response = await call('GET', path);
      const elapsed = performance.now() - start;
      if (response.status !== 200) throw new Error(`GET ${path}: ${response.body.slice(0, 300)}`);
      const parsed = JSON.parse(response.body) as { items: unknown[] };
      return { items: parsed.items.length, ms: elapsed, bytes: response.body.length };
    };
    const paged = async (path: string, limit: number) => {
      const start = performance.now();
      let pages = 0;
      let items = 0;
      let slowest = 0;
      let token: string | undefined;
      do {
        const separator = path.includes('?') ? '&' : '?';
        const url = `${path}${separator}limit=${String(limit)}${token ? `&continue=${encodeURIComponent(token)}` : ''}`;
        const pageStart = performance.now();
        const response = await call('GET', url);
        slowest = Math.max(slowest, performance.now() - pageStart);
        if (response.status !== 200) throw new Error(`GET ${url}: ${response.body.slice(0, 300)}`);
        const parsed = JSON.parse(response.body) as {
          items: unknown[];
          metadata: { continue?: string };
        };
        pages += 1;
        items += parsed.items.length;
        token = parsed.metadata.continue;
      } while (token);
      return { pages, items, ms: performance.now() - start, slowest };
    };

    const type = (apiVersion: string, kind: string): ResourceType => {
      const found = started.registry.findKind(apiVersion, kind);
      if (!found) throw new Error(`${kind} is not served`);
      return found;
    };
    const api = started.api;
    const nodeType = type('v1', 'Node');
    const podType = type('v1', 'Pod');

    // ---- load ----------------------------------------------------------------------------------
    let start = performance.now();
    api.create(type('node.k8s.io/v1', 'RuntimeClass'), '', {
      metadata: { name: 'kata' },
      handler: 'kata',
    });
    for (let i = 0; i < NAMESPACES; i += 1) {
      api.create(type('v1', 'Namespace'), '', { metadata: { name: `bench-${String(i)}` } });
    }
    for (let i = 0; i < NODES; i += 1) {
      api.create(nodeType, '', {
        metadata: {
          name: `worker-${String(i)}`,
          labels: {
            'node-role.kubernetes.io/worker': '',
            'topology.kubernetes.io/zone': `zone-${String(i % 3)}`,
          },
        },
        status: {
          conditions: [{ type: 'Ready', status: 'True' }],
          allocatable: { cpu: '64', memory: '256Gi', pods: '250' },
        },
      });
    }
    report(`create ${String(NODES)} nodes (in-process)`, ms(performance.now() - start));
    start = performance.now();
    for (let i = 0; i < PODS; i += 1) {
      const namespace = `bench-${String(i % NAMESPACES)}`;
      const created = api.create(podType, namespace, {
        metadata: { name: `pod-${String(i)}`, labels: { app: `app-${String(i % 50)}` } },
        spec: {
          nodeName: `worker-${String(i % NODES)}`,
          ...(i % 1000 === 0 ? { runtimeClassName: 'kata' } : {}),
          containers: [
            {
              name: 'main',
              image: 'registry.example/app:1',
              resources: { requests: { cpu: '10m', memory: '16Mi' } },
            },
          ],
        },
      });
      // Running already, as in a settled cluster (otherwise the kubelet stand-in starts them all).
      api.update(
        podType,
        namespace,
        `pod-${String(i)}`,
        {
          ...created.object,
          status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
        },
        {},
        'status',
      );
    }
    report(
      `create ${String(PODS)} pods (in-process, create + status)`,
      ms(performance.now() - start),
    );
    // Let the controllers and the debounced snapshot run once on the loaded state.
    await new Promise((r) => setTimeout(r, 3000));
    memory('after loading');
    if (gc) {
      gc();
      memory('after loading, forced GC');
    }

    // ---- lists ---------------------------------------------------------------------------------
    const nodes = await list('/api/v1/nodes');
    report(
      'list nodes, one request',
      `${ms(nodes.ms)} (${String(nodes.items)} items, ${mb(nodes.bytes)})`,
    );
    const nodePages = await paged('/api/v1/nodes', 500);
    report(
      'list nodes, limit=500',
      `${ms(nodePages.ms)} total, ${String(nodePages.pages)} pages, slowest page ${ms(nodePages.slowest)}`,
    );
    const podPages = await paged('/api/v1/pods', 500);
    report(
      'list pods (all namespaces), limit=500',
      `${ms(podPages.ms)} total, ${String(podPages.pages)} pages (${String(podPages.items)} items), slowest page ${ms(podPages.slowest)}`,
    );
    const podsAll = await list('/api/v1/pods');
    report('list pods (all namespaces), one request', `${ms(podsAll.ms)} (${mb(podsAll.bytes)})`);
    const inNamespace = await list('/api/v1/namespaces/bench-7/pods');
    report(
      'list pods of one namespace',
      `${ms(inNamespace.ms)} (${String(inNamespace.items)} items)`,
    );
    const byField = await list('/api/v1/pods?fieldSelector=spec.nodeName%3Dworker-42');
    report(
      'list pods, fieldSelector spec.nodeName=worker-42',
      `${ms(byField.ms)} (${String(byField.items)} items)`,
    );
    const byLabel = await list('/api/v1/pods?labelSelector=app%3Dapp-7');
    report(
      'list pods, labelSelector app=app-7',
      `${ms(byLabel.ms)} (${String(byLabel.items)} items)`,
    );
    const byLabelPaged = await paged('/api/v1/pods?labelSelector=app%3Dapp-7', 500);
    report(
      'list pods, labelSelector app=app-7, limit=500',
      `${ms(byLabelPaged.ms)} total, ${String(byLabelPaged.pages)} pages`,
    );

    // ---- watch latency -------------------------------------------------------------------------
    const rv = (
      JSON.parse((await call('GET', '/api/v1/namespaces/bench-0/pods?limit=1')).body) as {
        metadata: { resourceVersion: string };
      }
    ).metadata.resourceVersion;
    const waiting = new Map<string, (at: number) => void>();
    const watchReq = request(
      new URL(`/api/v1/pods?watch=true&resourceVersion=${rv}`, started.url),
      { agent: new Agent({ ca: started.caPem }), headers },
      (res) => {
        let buffer = '';
        res.on('data', (d: Buffer) => {
          const at = performance.now();
          buffer += d.toString();
          let newline = buffer.indexOf('\n');
          while (newline >= 0) {
            const event = JSON.parse(buffer.slice(0, newline)) as {
              type: string;
              object: { metadata?: { name?: string; annotations?: Record<string, string> } };
            };
            buffer = buffer.slice(newline + 1);
            newline = buffer.indexOf('\n');
            const name = event.object.metadata?.name ?? '';
            const mark = event.object.metadata?.annotations?.['bench/mark'] ?? '';
            const key = event.type === 'ADDED' ? `ADDED/${name}` : `${event.type}/${name}/${mark}`;
            waiting.get(key)?.(at);
            waiting.delete(key);
          }
        });
      },
    );
    watchReq.on('error', () => undefined);
    watchReq.end();
    await new Promise((r) => setTimeout(r, 500));
    const latencies: number[] = [];
    for (let i = 0; i < WATCH_WRITES; i += 1) {
      const create = i < WATCH_WRITES / 2;
      const name = create ? `watched-${String(i)}` : `watched-${String(i - WATCH_WRITES / 2)}`;
      const key = create ? `ADDED/${name}` : `MODIFIED/${name}/${String(i)}`;
      const received = new Promise<number>((resolve) => waiting.set(key, resolve));
      const sent = performance.now();
      const response = create
        ? await call('POST', '/api/v1/namespaces/bench-1/pods', {
            metadata: { name },
            spec: {
              nodeName: `worker-${String(i)}`,
              containers: [{ name: 'main', image: 'registry.example/app:1' }],
            },
          })
        : await call(
            'PATCH',
            `/api/v1/namespaces/bench-1/pods/${name}`,
            { metadata: { annotations: { 'bench/mark': String(i) } } },
            'application/merge-patch+json',
          );
      if (response.status >= 300) throw new Error(`write ${name}: ${response.body.slice(0, 300)}`);
      latencies.push((await received) - sent);
    }
    watchReq.destroy();
    latencies.sort((a, b) => a - b);
    const quantile = (q: number): number =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    report(
      `watch latency, write to event (${String(WATCH_WRITES)} creates/patches)`,
      `p50 ${ms(quantile(0.5))}, p95 ${ms(quantile(0.95))}, max ${ms(quantile(1))}`,
    );
    memory('at the end');
    if (gc) {
      gc();
      memory('at the end, forced GC');
    }
    agent.destroy();
  } finally {
    await cluster?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map(([what]) => what.length));
  process.stdout.write(`\nlocal cluster at ${String(NODES)} nodes and ${String(PODS)} pods\n`);
  for (const [what, figure] of rows) process.stdout.write(`${what.padEnd(width)}  ${figure}\n`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
