import { spawn } from 'node:child_process';
import type { RunResult, TestCluster } from './harness';
import {
  KUBECTL,
  KUBECTL_135,
  ensureLayerTools,
  kubectl,
  kubectlOk,
  run,
  startTestCluster,
  waitFor,
} from './harness';

jest.setTimeout(60_000);

const DEPLOYMENT = (image: string, value: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: apps
  labels: {app: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: main
        image: ${image}
        env: [{name: ALPHA, value: "1"}, {name: BETA, value: "${value}"}]
      - name: sidecar
        image: busybox
`;

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer, default: 3}
              color: {type: string, enum: [red, blue]}
          status:
            type: object
            properties:
              ready: {type: boolean}
              conditions:
                type: array
                items:
                  type: object
                  required: [type, status]
                  properties:
                    type: {type: string}
                    status: {type: string, enum: ["True", "False", Unknown]}
                    reason: {type: string}
                    lastTransitionTime: {type: string}
`;

const widget = (color: string, extra = '') => `apiVersion: example.com/v1
kind: Widget
metadata: {name: w1, namespace: apps}
spec: {color: ${color}${extra}}
`;

/**
 * The issue asks for both real clients: Debian's /usr/bin/kubectl (its built-in 1.32 for a 1.32
 * server) and the kubectl 1.35 of the npm layer (WatchList for `wait`, protobuf bodies for more
 * kinds). Every test runs with both, each against its own cluster.
 */
describe.each([
  { label: '/usr/bin/kubectl', binary: KUBECTL, clientMinor: '32' },
  { label: 'kubectl 1.35 from the layer', binary: KUBECTL_135, clientMinor: '35' },
])('real $label against the local cluster', ({ binary, clientMinor }) => {
  let test: TestCluster;
  const k = (
    args: string[],
    options: { input?: string; viewer?: boolean; timeoutMs?: number } = {},
  ): Promise<RunResult> => kubectl(test, args, { ...options, binary });
  const ok = (
    args: string[],
    options: { input?: string; viewer?: boolean } = {},
  ): Promise<string> => kubectlOk(test, args, { ...options, binary });
  /** Runs `kubectl get -w` until its output matches every pattern, then stops it. */
  const watchUntil = async (
    args: string[],
    patterns: RegExp[],
    act: () => Promise<void>,
  ): Promise<string> => {
    const child = spawn(
      binary,
      ['--kubeconfig', test.cluster.kubeconfigPath, '--cache-dir', test.cacheDir, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((r) => {
      child.on('close', () => {
        r();
      });
    });
    try {
      // The watch is open once the initial list has been printed (the header line).
      await waitFor(() => stdout.includes('NAME'), 30_000);
      await act();
      await waitFor(() => patterns.every((p) => p.test(stdout)), 30_000);
    } catch (error) {
      throw new Error(`${String(error)}; stdout: ${stdout}; stderr: ${stderr}`);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    return stdout;
  };
  beforeAll(async () => {
    await ensureLayerTools();
    test = await startTestCluster();
    await ok(['create', 'namespace', 'apps']);
  });
  afterAll(async () => {
    await test.stop();
  });

  it('is served as Kubernetes 1.32 and lists the seeded OpenShift cluster', async () => {
    const version = JSON.parse(await ok(['version', '-o', 'json'])) as {
      clientVersion: { minor: string };
      serverVersion: { minor: string };
    };
    expect(version.serverVersion.minor).toBe('32');
    expect(version.clientVersion.minor).toMatch(new RegExp(`^${clientMinor}`));
    const namespaces = await ok(['get', 'namespaces', '-o', 'jsonpath={.items[*].metadata.name}']);
    expect(namespaces.split(' ')).toEqual(
      expect.arrayContaining([
        'default',
        'kube-system',
        'openshift-machine-config-operator',
        'apps',
      ]),
    );
    const crds = await ok(['get', 'crd', '-o', 'name']);
    expect(crds).toContain('machineconfigpools.machineconfiguration.openshift.io');
    expect(crds).toContain('consoles.operator.openshift.io');
    expect(
      await ok([
        'get',
        'consoles.operator.openshift.io',
        'cluster',
        '-o',
        'jsonpath={.spec.managementState}',
      ]),
    ).toBe('Managed');
  });

  it('creates namespaces and secrets (protobuf bodies) and answers can-i for both users', async () => {
    await ok(['create', 'namespace', 'proto']);
    await ok([
      '-n',
      'proto',
      'create',
      'secret',
      'generic',
      's1',
      '--from-literal=password=hunter2',
    ]);
    await ok(['-n', 'proto', 'create', 'configmap', 'c1', '--from-literal=k=v']);
    const secret = JSON.parse(await ok(['-n', 'proto', 'get', 'secret', 's1', '-o', 'json'])) as {
      data: Record<string, string>;
      type: string;
    };
    expect(Buffer.from(secret.data.password ?? '', 'base64').toString()).toBe('hunter2');
    expect(secret.type).toBe('Opaque');
    expect(await ok(['-n', 'proto', 'get', 'cm', 'c1', '-o', 'jsonpath={.data.k}'])).toBe('v');
    expect((await k(['auth', 'can-i', 'create', 'configmaps'])).stdout.trim()).toBe('yes');
    const viewerCreate = await k(['auth', 'can-i', 'create', 'configmaps'], {
      viewer: true,
    });
    expect(viewerCreate.stdout.trim()).toBe('no');
    expect(viewerCreate.code).toBe(1);
    expect(
      (await k(['auth', 'can-i', 'list', 'secrets', '-A'], { viewer: true })).stdout.trim(),
    ).toBe('yes');
    const forbidden = await k(['-n', 'proto', 'create', 'configmap', 'c2'], {
      viewer: true,
    });
    expect(forbidden.code).not.toBe(0);
    expect(forbidden.stderr).toContain(
      'configmaps is forbidden: User "viewer" cannot create resource "configmaps"',
    );
    expect(await ok(['-n', 'proto', 'get', 'cm', '-o', 'name'], { viewer: true })).toContain(
      'configmap/c1',
    );
  });

  it('applies client-side with strategic merge on containers and env, bumping generation', async () => {
    await ok(['apply', '-f', '-'], { input: DEPLOYMENT('nginx:1', '2') });
    await ok(['apply', '-f', '-'], { input: DEPLOYMENT('nginx:2', '3') });
    const deploy = JSON.parse(await ok(['-n', 'apps', 'get', 'deploy', 'web', '-o', 'json'])) as {
      metadata: { generation: number; annotations: Record<string, string> };
      spec: {
        template: {
          spec: {
            containers: { name: string; image: string; env?: { name: string; value: string }[] }[];
          };
        };
      };
    };
    expect(deploy.metadata.generation).toBe(2);
    expect(
      deploy.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'],
    ).toContain('nginx:2');
    expect(deploy.spec.template.spec.containers.map((c) => `${c.name}=${c.image}`)).toEqual([
      'main=nginx:2',
      'sidecar=busybox',
    ]);
    expect(deploy.spec.template.spec.containers[0]?.env).toEqual([
      { name: 'ALPHA', value: '1' },
      { name: 'BETA', value: '3' },
    ]);
    await ok(['-n', 'apps', 'label', 'deploy', 'web', 'tier=frontend']);
    expect(
      await ok(['-n', 'apps', 'get', 'deploy', 'web', '-o', 'jsonpath={.metadata.generation}']),
    ).toBe('2');
  });

  it('applies server-side, creating and then updating', async () => {
    await ok(['apply', '--server-side', '-f', '-'], {
      input:
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa, namespace: apps}\ndata: {a: "1", b: "2"}\n',
    });
    await ok(['apply', '--server-side', '-f', '-'], {
      input:
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa, namespace: apps}\ndata: {a: "1", c: "3"}\n',
    });
    expect(await ok(['-n', 'apps', 'get', 'cm', 'ssa', '-o', 'jsonpath={.data}'])).toBe(
      '{"a":"1","c":"3"}',
    );
  });

  it('serves a CRD at once, waits for Established, defaults, validates strictly and patches status', async () => {
    await ok(['apply', '-f', '-'], { input: CRD });
    await ok(['wait', '--for=condition=Established', 'crd/widgets.example.com', '--timeout=30s']);
    await ok(['apply', '-f', '-'], { input: widget('red') });
    expect(await ok(['-n', 'apps', 'get', 'widget', 'w1', '-o', 'jsonpath={.spec.size}'])).toBe(
      '3',
    );
    const unknown = await k(['apply', '-f', '-'], {
      input: widget('red', ', bogus: 1'),
    });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('unknown field "spec.bogus"');
    const badEnum = await k(['apply', '-f', '-'], { input: widget('green') });
    expect(badEnum.code).not.toBe(0);
    expect(badEnum.stderr).toContain('Unsupported value: "green"');
    // kubectl wait watches (1.35 with sendInitialEvents); the condition arrives through the
    // status subresource while it waits.
    const waiter = k(['-n', 'apps', 'wait', '--for=condition=Ready', 'widget/w1', '--timeout=30s']);
    await new Promise((r) => setTimeout(r, 700));
    await ok([
      '-n',
      'apps',
      'patch',
      'widget',
      'w1',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"ready":true,"conditions":[{"type":"Ready","status":"True","reason":"Done"}]}}',
    ]);
    const waited = await waiter;
    expect(waited.stderr.replace(/^Warning: version difference.*\n/m, '')).toBe('');
    expect(waited.stdout).toBe('widget.example.com/w1 condition met\n');
    await ok([
      '-n',
      'apps',
      'wait',
      '--for=jsonpath={.status.ready}=true',
      'widget/w1',
      '--timeout=30s',
    ]);
    await ok(['apply', '--server-side', '-f', '-'], { input: widget('blue') });
    expect(
      await ok([
        '-n',
        'apps',
        'get',
        'widget',
        'w1',
        '-o',
        'jsonpath={.spec.color} {.metadata.generation} {.status.ready}',
      ]),
    ).toBe('blue 2 true');
  });

  it('patches with merge, JSON and strategic patches', async () => {
    await ok(['-n', 'apps', 'create', 'configmap', 'p1', '--from-literal=a=1']);
    await ok(['-n', 'apps', 'patch', 'cm', 'p1', '--type=merge', '-p', '{"data":{"b":"2"}}']);
    await ok([
      '-n',
      'apps',
      'patch',
      'cm',
      'p1',
      '--type=json',
      '-p',
      '[{"op":"remove","path":"/data/a"}]',
    ]);
    await ok(['-n', 'apps', 'patch', 'cm', 'p1', '--type=strategic', '-p', '{"data":{"c":"3"}}']);
    expect(await ok(['-n', 'apps', 'get', 'cm', 'p1', '-o', 'jsonpath={.data}'])).toBe(
      '{"b":"2","c":"3"}',
    );
    await ok([
      '-n',
      'apps',
      'patch',
      'deploy',
      'web',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:2"}]}}}}',
    ]);
    expect(
      await ok([
        '-n',
        'apps',
        'get',
        'deploy',
        'web',
        '-o',
        'jsonpath={.spec.template.spec.containers[*].image}',
      ]),
    ).toBe('nginx:2 busybox:2');
    const badJson = await k([
      '-n',
      'apps',
      'patch',
      'cm',
      'p1',
      '--type=json',
      '-p',
      '[{"op":"remove","path":"/data/zzz"}]',
    ]);
    expect(badJson.code).not.toBe(0);
  });

  it('streams get -w events until stopped', async () => {
    const stdout = await watchUntil(
      ['-n', 'apps', 'get', 'cm', '-w', '--output-watch-events'],
      [/ADDED\s+watched\s/, /MODIFIED\s+watched\s/, /DELETED\s+watched\s/],
      async () => {
        await ok(['-n', 'apps', 'create', 'configmap', 'watched']);
        await ok(['-n', 'apps', 'label', 'configmap', 'watched', 'seen=yes']);
        await ok(['-n', 'apps', 'delete', 'configmap', 'watched']);
      },
    );
    expect(stdout.split('\n')[0]).toMatch(/^EVENT\s+NAME\s+/);
  });

  it('deletes with finalizers: deletionTimestamp first, gone when the last finalizer goes', async () => {
    await ok(['apply', '-f', '-'], {
      input:
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: held, namespace: apps, finalizers: [example.com/hold]}\n',
    });
    await ok(['-n', 'apps', 'delete', 'cm', 'held', '--wait=false']);
    expect(
      await ok(['-n', 'apps', 'get', 'cm', 'held', '-o', 'jsonpath={.metadata.deletionTimestamp}']),
    ).toMatch(/^\d{4}-/);
    const waiter = k(['-n', 'apps', 'wait', '--for=delete', 'cm/held', '--timeout=30s']);
    await new Promise((r) => setTimeout(r, 500));
    await ok([
      '-n',
      'apps',
      'patch',
      'cm',
      'held',
      '--type=json',
      '-p',
      '[{"op":"remove","path":"/metadata/finalizers"}]',
    ]);
    expect((await waiter).code).toBe(0);
    const gone = await k(['-n', 'apps', 'get', 'cm', 'held']);
    expect(gone.stderr).toContain('configmaps "held" not found');
  });

  it('selects by label and field, and pages lists', async () => {
    for (const [name, tier] of [
      ['l1', 'a'],
      ['l2', 'b'],
      ['l3', 'a'],
    ]) {
      await ok(['-n', 'apps', 'create', 'configmap', name ?? '']);
      await ok(['-n', 'apps', 'label', 'cm', name ?? '', `tier=${tier ?? ''}`]);
    }
    expect(
      await ok([
        '-n',
        'apps',
        'get',
        'cm',
        '-l',
        'tier=a',
        '-o',
        'jsonpath={.items[*].metadata.name}',
      ]),
    ).toBe('l1 l3');
    expect(await ok(['-n', 'apps', 'get', 'cm', '-l', 'tier in (a,b),tier!=a', '-o', 'name'])).toBe(
      'configmap/l2\n',
    );
    expect(
      await ok(['get', 'cm', '-A', '--field-selector', 'metadata.name=l2', '-o', 'name']),
    ).toBe('configmap/l2\n');
    const paged = await ok([
      '-n',
      'apps',
      'get',
      'cm',
      '--chunk-size=1',
      '-l',
      'tier',
      '-o',
      'name',
    ]);
    expect(paged.trim().split('\n')).toEqual(['configmap/l1', 'configmap/l2', 'configmap/l3']);
  });

  it('cascades namespace deletion', async () => {
    await ok(['create', 'namespace', 'doomed']);
    await ok(['-n', 'doomed', 'create', 'configmap', 'inside']);
    await ok(['delete', 'namespace', 'doomed', '--timeout=30s']);
    const gone = await k(['get', 'namespace', 'doomed']);
    expect(gone.stderr).toContain('namespaces "doomed" not found');
    const listed = await k([
      'get',
      'cm',
      '-A',
      '--field-selector',
      'metadata.namespace=doomed',
      '-o',
      'name',
    ]);
    expect(listed.stdout).toBe('');
  });

  it('garbage-collects dependents of a deleted owner', async () => {
    await ok(['-n', 'apps', 'create', 'configmap', 'owner']);
    const uid = await ok(['-n', 'apps', 'get', 'cm', 'owner', '-o', 'jsonpath={.metadata.uid}']);
    await ok(['apply', '-f', '-'], {
      input: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dependent\n  namespace: apps\n  ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: owner, uid: ${uid}}]\n`,
    });
    await ok(['-n', 'apps', 'delete', 'cm', 'owner']);
    let remaining = 'dependent';
    for (let i = 0; i < 40 && remaining !== ''; i += 1) {
      remaining = (await k(['-n', 'apps', 'get', 'cm', 'dependent', '-o', 'name'])).stdout.trim();
      if (remaining !== '') await new Promise((r) => setTimeout(r, 250));
    }
    expect(remaining).toBe('');
  });

  it('keeps resourceVersions across a restart with the same data directory', async () => {
    await ok(['-n', 'apps', 'create', 'configmap', 'kept', '--from-literal=k=v']);
    const before = await ok([
      '-n',
      'apps',
      'get',
      'cm',
      'kept',
      '-o',
      'jsonpath={.metadata.resourceVersion}',
    ]);
    await test.restart();
    expect(test.cluster.resumed).toBe(true);
    const after = await ok([
      '-n',
      'apps',
      'get',
      'cm',
      'kept',
      '-o',
      'jsonpath={.metadata.resourceVersion}',
    ]);
    expect(after).toBe(before);
    const bad = await run(binary, [
      '--kubeconfig',
      '/dev/null',
      '--server',
      test.cluster.url,
      '--insecure-skip-tls-verify',
      '--token',
      'wrong',
      'get',
      'ns',
    ]);
    expect(bad.stderr).toContain('provide credentials');
  });
});
