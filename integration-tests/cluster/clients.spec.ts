import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WebSocket } from 'ws';
import type { TestCluster } from './harness';
import { http, run, startTestCluster, waitFor } from './harness';

jest.setTimeout(60_000);

const ROOT = resolve(__dirname, '../..');

interface WatchLine {
  type: string;
  object: {
    metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> };
    code?: number;
  };
}

describe('client-node, WebSocket and raw HTTP clients', () => {
  let test: TestCluster;
  beforeAll(async () => {
    test = await startTestCluster();
    await http(test, 'POST', '/api/v1/namespaces', {
      body: JSON.stringify({ metadata: { name: 'cn' } }),
    });
  });
  afterAll(async () => {
    await test.stop();
  });

  it('drives @kubernetes/client-node: informer events and paged lists', async () => {
    const result = await run(
      process.execPath,
      [
        '-r',
        'ts-node/register',
        join(__dirname, 'clientNodeDriver.ts'),
        test.cluster.kubeconfigPath,
        'cn',
      ],
      { cwd: ROOT, timeoutMs: 50_000 },
    );
    expect(result.stderr).toBe('');
    const output = JSON.parse(result.stdout) as {
      events: string[];
      pages: number[];
      cached: string[];
    };
    expect(output.events).toEqual(['add:cn1', 'update:cn1:2', 'delete:cn1']);
    expect(output.cached).toEqual([]);
    expect(output.pages.length).toBeGreaterThan(1);
    expect(output.pages.every((n) => n <= 4)).toBe(true);
    const namespaces = (await http(test, 'GET', '/api/v1/namespaces')).json().items as unknown[];
    expect(output.pages.reduce((a, b) => a + b, 0)).toBe(namespaces.length);
  });

  it('watches over WebSocket with a bearer header or the bearer subprotocol', async () => {
    const list = (await http(test, 'GET', '/api/v1/namespaces/cn/configmaps')).json();
    const rv = (list.metadata as { resourceVersion: string }).resourceVersion;
    const url = `${test.cluster.url.replace('https', 'wss')}/api/v1/namespaces/cn/configmaps?watch=true&resourceVersion=${rv}`;
    const received: string[] = [];
    const byHeader = new WebSocket(url, {
      ca: test.cluster.caPem,
      headers: { Authorization: `Bearer ${test.cluster.tokens.viewer}` },
    });
    const token = Buffer.from(test.cluster.tokens.admin).toString('base64url');
    const byProtocol = new WebSocket(
      url,
      [`base64url.bearer.authorization.k8s.io.${token}`, 'base64.binary.k8s.io'],
      { ca: test.cluster.caPem },
    );
    for (const ws of [byHeader, byProtocol]) {
      ws.on('message', (data: Buffer) => {
        const event = JSON.parse(data.toString()) as WatchLine;
        received.push(`${event.type}:${event.object.metadata?.name ?? ''}`);
      });
      await new Promise((r, j) => {
        ws.once('open', r);
        ws.once('error', j);
      });
    }
    expect(byProtocol.protocol).toBe('base64.binary.k8s.io');
    await http(test, 'POST', '/api/v1/namespaces/cn/configmaps', {
      body: JSON.stringify({ metadata: { name: 'ws1' } }),
    });
    await waitFor(() => received.length >= 2);
    expect(received).toEqual(['ADDED:ws1', 'ADDED:ws1']);
    byHeader.close();
    byProtocol.close();
    const denied = new WebSocket(url, {
      ca: test.cluster.caPem,
      headers: { Authorization: 'Bearer nope' },
    });
    const status = await new Promise((r) => {
      denied.once('unexpected-response', (_req, res) => {
        r(res.statusCode);
      });
    });
    expect(status).toBe(401);
  });

  const watchHttp = (path: string, untilLines: number): Promise<WatchLine[]> =>
    new Promise((resolvePromise, reject) => {
      const lines: WatchLine[] = [];
      const req = request(
        new URL(path, test.cluster.url),
        {
          ca: test.cluster.caPem,
          agent: false,
          headers: { Authorization: `Bearer ${test.cluster.tokens.admin}` },
        },
        (res) => {
          let buffer = '';
          res.on('data', (d: Buffer) => {
            buffer += d.toString();
            let newline = buffer.indexOf('\n');
            while (newline >= 0) {
              lines.push(JSON.parse(buffer.slice(0, newline)) as WatchLine);
              buffer = buffer.slice(newline + 1);
              newline = buffer.indexOf('\n');
            }
            if (lines.length >= untilLines) {
              req.destroy();
              resolvePromise(lines);
            }
          });
          res.on('end', () => {
            resolvePromise(lines);
          });
        },
      );
      req.on('error', (e) => {
        if (lines.length < untilLines) reject(e);
      });
      req.end();
    });

  it('streams chunked watches with initial events, the initial-events-end bookmark and periodic bookmarks', async () => {
    await http(test, 'POST', '/api/v1/namespaces/cn/configmaps', {
      body: JSON.stringify({ metadata: { name: 'init1' } }),
    });
    const initial = await watchHttp(
      '/api/v1/namespaces/cn/configmaps?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true',
      3,
    );
    expect(initial.map((l) => `${l.type}:${l.object.metadata?.name ?? ''}`)).toEqual([
      'ADDED:init1',
      'ADDED:ws1',
      'BOOKMARK:',
    ]);
    expect(initial[2]?.object.metadata?.annotations).toEqual({
      'k8s.io/initial-events-end': 'true',
    });
    const list = (await http(test, 'GET', '/api/v1/namespaces/cn/configmaps')).json();
    const rv = (list.metadata as { resourceVersion: string }).resourceVersion;
    const periodic = await watchHttp(
      `/api/v1/namespaces/cn/configmaps?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=20`,
      1,
    );
    expect(periodic[0]).toMatchObject({
      type: 'BOOKMARK',
      object: { metadata: { resourceVersion: rv } },
    });
  });

  it('answers 410 Gone as an ERROR event after a restart, and resumes from the current version', async () => {
    const rvBefore = (
      (await http(test, 'GET', '/api/v1/namespaces/cn/configmaps')).json().metadata as {
        resourceVersion: string;
      }
    ).resourceVersion;
    await test.restart();
    const rvAfter = (
      (await http(test, 'GET', '/api/v1/namespaces/cn/configmaps')).json().metadata as {
        resourceVersion: string;
      }
    ).resourceVersion;
    expect(rvAfter).toBe(rvBefore);
    const expired = await watchHttp(
      '/api/v1/namespaces/cn/configmaps?watch=true&resourceVersion=2',
      1,
    );
    expect(expired[0]).toMatchObject({ type: 'ERROR', object: { code: 410 } });
    const resumed = watchHttp(
      `/api/v1/namespaces/cn/configmaps?watch=true&resourceVersion=${rvAfter}`,
      1,
    );
    await new Promise((r) => setTimeout(r, 300));
    await http(test, 'POST', '/api/v1/namespaces/cn/configmaps', {
      body: JSON.stringify({ metadata: { name: 'after' } }),
    });
    expect((await resumed).map((l) => `${l.type}:${l.object.metadata?.name ?? ''}`)).toEqual([
      'ADDED:after',
    ]);
  });

  it('returns Status errors with the right codes', async () => {
    expect(
      (await http(test, 'GET', '/api/v1/namespaces/cn/configmaps/missing')).json(),
    ).toMatchObject({
      kind: 'Status',
      code: 404,
      reason: 'NotFound',
      message: 'configmaps "missing" not found',
    });
    expect((await http(test, 'GET', '/api/v1/namespaces', { token: '' })).status).toBe(401);
    const forbidden = await http(test, 'DELETE', '/api/v1/namespaces/cn', {
      token: test.cluster.tokens.viewer,
    });
    expect(forbidden.json()).toMatchObject({ code: 403, reason: 'Forbidden' });
    const current = (await http(test, 'GET', '/api/v1/namespaces/cn/configmaps/after')).json();
    const stale = {
      ...current,
      metadata: { ...(current.metadata as object), resourceVersion: '1' },
    };
    expect(
      (
        await http(test, 'PUT', '/api/v1/namespaces/cn/configmaps/after', {
          body: JSON.stringify(stale),
        })
      ).json(),
    ).toMatchObject({
      code: 409,
      reason: 'Conflict',
    });
    expect(
      (
        await http(test, 'PATCH', '/api/v1/namespaces/cn/configmaps/after', {
          body: '{}',
          contentType: 'text/plain',
        })
      ).status,
    ).toBe(415);
    expect((await http(test, 'GET', '/apis/nope.example.com/v1/things')).status).toBe(404);
    const dry = await http(test, 'POST', '/api/v1/namespaces/cn/configmaps?dryRun=All', {
      body: JSON.stringify({ metadata: { name: 'dry' } }),
    });
    expect(dry.status).toBe(201);
    expect((await http(test, 'GET', '/api/v1/namespaces/cn/configmaps/dry')).status).toBe(404);
  });
});

describe('a client-node informer across an emulator restart', () => {
  let test: TestCluster;
  beforeAll(async () => {
    test = await startTestCluster();
    await http(test, 'POST', '/api/v1/namespaces', {
      body: JSON.stringify({ metadata: { name: 'inf' } }),
    });
  });
  afterAll(async () => {
    await test.stop();
  });

  const createConfigMap = async (namespace: string, name: string): Promise<void> => {
    const created = await http(test, 'POST', `/api/v1/namespaces/${namespace}/configmaps`, {
      body: JSON.stringify({ metadata: { name }, data: { k: '1' } }),
    });
    expect(created.status).toBe(201);
  };

  it('relists after the restart (410 Gone) and reports objects created afterwards', async () => {
    await createConfigMap('inf', 'before');
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register',
        join(__dirname, 'informerDriver.ts'),
        test.cluster.kubeconfigPath,
        'inf',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const lines: { event: string; name?: string; value?: string; names?: string[] }[] = [];
    let buffer = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        lines.push(JSON.parse(buffer.slice(0, newline)) as (typeof lines)[number]);
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((r) => {
      child.on('close', () => {
        r();
      });
    });
    const seen = (event: string, name?: string, value?: string): boolean =>
      lines.some(
        (l) =>
          l.event === event &&
          (name === undefined || l.name === name) &&
          (value === undefined || l.value === value),
      );
    try {
      await waitFor(() => seen('started') && seen('add', 'before'), 45_000);
      // A write the informer does not watch: its resourceVersion is now older than the
      // cluster's, so the restarted server (which keeps no watch history) answers 410 Gone.
      await createConfigMap('default', 'elsewhere');
      const port = test.cluster.port;
      await test.restart();
      expect(test.cluster.port).toBe(port);
      expect(test.cluster.resumed).toBe(true);
      await createConfigMap('inf', 'after1');
      await createConfigMap('inf', 'after2');
      const patched = await http(test, 'PATCH', '/api/v1/namespaces/inf/configmaps/before', {
        body: JSON.stringify({ data: { k: '2' } }),
        contentType: 'application/merge-patch+json',
      });
      expect(patched.status).toBe(200);
      await waitFor(
        () => seen('add', 'after1') && seen('add', 'after2') && seen('update', 'before', '2'),
        45_000,
      );
    } catch (error) {
      throw new Error(`${String(error)}; driver saw ${JSON.stringify(lines)}; stderr: ${stderr}`);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    const lists = lines.filter((l) => l.event === 'list');
    expect(lists.length).toBeGreaterThanOrEqual(2);
    expect(lists[0]?.names).toEqual(['before']);
    expect(lines.filter((l) => l.event === 'delete')).toEqual([]);
    expect(lines.filter((l) => l.event === 'add').map((l) => l.name)).toEqual([
      'before',
      'after1',
      'after2',
    ]);
  });
});

describe('the cluster command', () => {
  it('rejects a bad flag with exit code 2 and one clear line', async () => {
    const result = await run(
      process.execPath,
      ['-r', 'ts-node/register', 'src/cluster/main.ts', '--port', 'abc'],
      { cwd: ROOT },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('local cluster: --port needs a whole number, got "abc"\n');
    const unknown = await run(
      process.execPath,
      ['-r', 'ts-node/register', 'src/cluster/main.ts', '--bogus'],
      { cwd: ROOT },
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown argument "--bogus"');
  });

  it('starts, writes a kubeconfig, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kata-cli-'));
    try {
      const child = spawn(
        process.execPath,
        [
          '-r',
          'ts-node/register',
          'src/cluster/main.ts',
          '--port',
          '0',
          '--data',
          dataDir,
          '--reset',
        ],
        {
          cwd: ROOT,
        },
      );
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      await waitFor(() => stdout.includes('Stop with Ctrl+C'), 40_000);
      expect(stdout).toContain(`export KUBECONFIG=${join(dataDir, 'kubeconfig')}`);
      const exited = new Promise<number | null>((r) => child.on('exit', r));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(existsSync(join(dataDir, 'state.json'))).toBe(true);
      expect(existsSync(join(dataDir, 'lock'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
