import type { TestCluster } from './harness';
import { kubectl, kubectlOk, run, startTestCluster } from './harness';

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
`;

const widget = (color: string, extra = '') => `apiVersion: example.com/v1
kind: Widget
metadata: {name: w1, namespace: apps}
spec: {color: ${color}${extra}}
`;

describe('real kubectl against the local cluster', () => {
  let test: TestCluster;
  beforeAll(async () => {
    test = await startTestCluster();
    await kubectlOk(test, ['create', 'namespace', 'apps']);
  });
  afterAll(async () => {
    await test.stop();
  });

  it('is served as Kubernetes 1.32 and lists the seeded OpenShift cluster', async () => {
    const version = JSON.parse(await kubectlOk(test, ['version', '-o', 'json'])) as {
      clientVersion: { minor: string };
      serverVersion: { minor: string };
    };
    expect(version.serverVersion.minor).toBe('32');
    expect(version.clientVersion.minor).toMatch(/^32/);
    const namespaces = await kubectlOk(test, [
      'get',
      'namespaces',
      '-o',
      'jsonpath={.items[*].metadata.name}',
    ]);
    expect(namespaces.split(' ')).toEqual(
      expect.arrayContaining([
        'default',
        'kube-system',
        'openshift-machine-config-operator',
        'apps',
      ]),
    );
    const crds = await kubectlOk(test, ['get', 'crd', '-o', 'name']);
    expect(crds).toContain('machineconfigpools.machineconfiguration.openshift.io');
    expect(crds).toContain('consoles.operator.openshift.io');
    expect(
      await kubectlOk(test, [
        'get',
        'consoles.operator.openshift.io',
        'cluster',
        '-o',
        'jsonpath={.spec.managementState}',
      ]),
    ).toBe('Managed');
  });

  it('creates namespaces and secrets (protobuf bodies) and answers can-i for both users', async () => {
    await kubectlOk(test, ['create', 'namespace', 'proto']);
    await kubectlOk(test, [
      '-n',
      'proto',
      'create',
      'secret',
      'generic',
      's1',
      '--from-literal=password=hunter2',
    ]);
    await kubectlOk(test, ['-n', 'proto', 'create', 'configmap', 'c1', '--from-literal=k=v']);
    const secret = JSON.parse(
      await kubectlOk(test, ['-n', 'proto', 'get', 'secret', 's1', '-o', 'json']),
    ) as {
      data: Record<string, string>;
      type: string;
    };
    expect(Buffer.from(secret.data.password ?? '', 'base64').toString()).toBe('hunter2');
    expect(secret.type).toBe('Opaque');
    expect(
      await kubectlOk(test, ['-n', 'proto', 'get', 'cm', 'c1', '-o', 'jsonpath={.data.k}']),
    ).toBe('v');
    expect((await kubectl(test, ['auth', 'can-i', 'create', 'configmaps'])).stdout.trim()).toBe(
      'yes',
    );
    const viewerCreate = await kubectl(test, ['auth', 'can-i', 'create', 'configmaps'], {
      viewer: true,
    });
    expect(viewerCreate.stdout.trim()).toBe('no');
    expect(viewerCreate.code).toBe(1);
    expect(
      (
        await kubectl(test, ['auth', 'can-i', 'list', 'secrets', '-A'], { viewer: true })
      ).stdout.trim(),
    ).toBe('yes');
    const forbidden = await kubectl(test, ['-n', 'proto', 'create', 'configmap', 'c2'], {
      viewer: true,
    });
    expect(forbidden.code).not.toBe(0);
    expect(forbidden.stderr).toContain(
      'configmaps is forbidden: User "viewer" cannot create resource "configmaps"',
    );
    expect(
      await kubectlOk(test, ['-n', 'proto', 'get', 'cm', '-o', 'name'], { viewer: true }),
    ).toContain('configmap/c1');
  });

  it('applies client-side with strategic merge on containers and env, bumping generation', async () => {
    await kubectlOk(test, ['apply', '-f', '-'], { input: DEPLOYMENT('nginx:1', '2') });
    await kubectlOk(test, ['apply', '-f', '-'], { input: DEPLOYMENT('nginx:2', '3') });
    const deploy = JSON.parse(
      await kubectlOk(test, ['-n', 'apps', 'get', 'deploy', 'web', '-o', 'json']),
    ) as {
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
    await kubectlOk(test, ['-n', 'apps', 'label', 'deploy', 'web', 'tier=frontend']);
    expect(
      await kubectlOk(test, [
        '-n',
        'apps',
        'get',
        'deploy',
        'web',
        '-o',
        'jsonpath={.metadata.generation}',
      ]),
    ).toBe('2');
  });

  it('applies server-side, creating and then updating', async () => {
    await kubectlOk(test, ['apply', '--server-side', '-f', '-'], {
      input:
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa, namespace: apps}\ndata: {a: "1", b: "2"}\n',
    });
    await kubectlOk(test, ['apply', '--server-side', '-f', '-'], {
      input:
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa, namespace: apps}\ndata: {a: "1", c: "3"}\n',
    });
    expect(
      await kubectlOk(test, ['-n', 'apps', 'get', 'cm', 'ssa', '-o', 'jsonpath={.data}']),
    ).toBe('{"a":"1","c":"3"}');
  });

  it('serves a CRD at once, waits for Established, defaults, validates strictly and patches status', async () => {
    await kubectlOk(test, ['apply', '-f', '-'], { input: CRD });
    await kubectlOk(test, [
      'wait',
      '--for=condition=Established',
      'crd/widgets.example.com',
      '--timeout=30s',
    ]);
    await kubectlOk(test, ['apply', '-f', '-'], { input: widget('red') });
    expect(
      await kubectlOk(test, ['-n', 'apps', 'get', 'widget', 'w1', '-o', 'jsonpath={.spec.size}']),
    ).toBe('3');
    const unknown = await kubectl(test, ['apply', '-f', '-'], {
      input: widget('red', ', bogus: 1'),
    });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('unknown field "spec.bogus"');
    const badEnum = await kubectl(test, ['apply', '-f', '-'], { input: widget('green') });
    expect(badEnum.code).not.toBe(0);
    expect(badEnum.stderr).toContain('Unsupported value: "green"');
    await kubectlOk(test, [
      '-n',
      'apps',
      'patch',
      'widget',
      'w1',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"ready":true}}',
    ]);
    await kubectlOk(test, [
      '-n',
      'apps',
      'wait',
      '--for=jsonpath={.status.ready}=true',
      'widget/w1',
      '--timeout=30s',
    ]);
    await kubectlOk(test, ['apply', '--server-side', '-f', '-'], { input: widget('blue') });
    expect(
      await kubectlOk(test, [
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
    await kubectlOk(test, ['-n', 'apps', 'create', 'configmap', 'p1', '--from-literal=a=1']);
    await kubectlOk(test, [
      '-n',
      'apps',
      'patch',
      'cm',
      'p1',
      '--type=merge',
      '-p',
      '{"data":{"b":"2"}}',
    ]);
    await kubectlOk(test, [
      '-n',
      'apps',
      'patch',
      'cm',
      'p1',
      '--type=json',
      '-p',
      '[{"op":"remove","path":"/data/a"}]',
    ]);
    await kubectlOk(test, [
      '-n',
      'apps',
      'patch',
      'cm',
      'p1',
      '--type=strategic',
      '-p',
      '{"data":{"c":"3"}}',
    ]);
    expect(await kubectlOk(test, ['-n', 'apps', 'get', 'cm', 'p1', '-o', 'jsonpath={.data}'])).toBe(
      '{"b":"2","c":"3"}',
    );
    await kubectlOk(test, [
      '-n',
      'apps',
      'patch',
      'deploy',
      'web',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:2"}]}}}}',
    ]);
    expect(
      await kubectlOk(test, [
        '-n',
        'apps',
        'get',
        'deploy',
        'web',
        '-o',
        'jsonpath={.spec.template.spec.containers[*].image}',
      ]),
    ).toBe('nginx:2 busybox:2');
    const badJson = await kubectl(test, [
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

  it('streams get -w events', async () => {
    const watcher = kubectl(
      test,
      ['-n', 'apps', 'get', 'cm', '-w', '--output-watch-events', '--request-timeout=5s'],
      {
        timeoutMs: 15_000,
      },
    );
    await new Promise((r) => setTimeout(r, 1500));
    await kubectlOk(test, ['-n', 'apps', 'create', 'configmap', 'watched']);
    await kubectlOk(test, ['-n', 'apps', 'delete', 'configmap', 'watched']);
    const result = await watcher;
    expect(result.stdout).toMatch(/ADDED\s+watched\s/);
    expect(result.stdout).toMatch(/DELETED\s+watched\s/);
  });

  it('deletes with finalizers: deletionTimestamp first, gone when the last finalizer goes', async () => {
    await kubectlOk(test, ['apply', '-f', '-'], {
      input:
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: held, namespace: apps, finalizers: [example.com/hold]}\n',
    });
    await kubectlOk(test, ['-n', 'apps', 'delete', 'cm', 'held', '--wait=false']);
    expect(
      await kubectlOk(test, [
        '-n',
        'apps',
        'get',
        'cm',
        'held',
        '-o',
        'jsonpath={.metadata.deletionTimestamp}',
      ]),
    ).toMatch(/^\d{4}-/);
    const waiter = kubectl(test, [
      '-n',
      'apps',
      'wait',
      '--for=delete',
      'cm/held',
      '--timeout=30s',
    ]);
    await new Promise((r) => setTimeout(r, 500));
    await kubectlOk(test, [
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
    const gone = await kubectl(test, ['-n', 'apps', 'get', 'cm', 'held']);
    expect(gone.stderr).toContain('configmaps "held" not found');
  });

  it('selects by label and field, and pages lists', async () => {
    for (const [name, tier] of [
      ['l1', 'a'],
      ['l2', 'b'],
      ['l3', 'a'],
    ]) {
      await kubectlOk(test, ['-n', 'apps', 'create', 'configmap', name ?? '']);
      await kubectlOk(test, ['-n', 'apps', 'label', 'cm', name ?? '', `tier=${tier ?? ''}`]);
    }
    expect(
      await kubectlOk(test, [
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
    expect(
      await kubectlOk(test, [
        '-n',
        'apps',
        'get',
        'cm',
        '-l',
        'tier in (a,b),tier!=a',
        '-o',
        'name',
      ]),
    ).toBe('configmap/l2\n');
    expect(
      await kubectlOk(test, [
        'get',
        'cm',
        '-A',
        '--field-selector',
        'metadata.name=l2',
        '-o',
        'name',
      ]),
    ).toBe('configmap/l2\n');
    const paged = await kubectlOk(test, [
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
    await kubectlOk(test, ['create', 'namespace', 'doomed']);
    await kubectlOk(test, ['-n', 'doomed', 'create', 'configmap', 'inside']);
    await kubectlOk(test, ['delete', 'namespace', 'doomed', '--timeout=30s']);
    const gone = await kubectl(test, ['get', 'namespace', 'doomed']);
    expect(gone.stderr).toContain('namespaces "doomed" not found');
    const listed = await kubectl(test, [
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
    await kubectlOk(test, ['-n', 'apps', 'create', 'configmap', 'owner']);
    const uid = await kubectlOk(test, [
      '-n',
      'apps',
      'get',
      'cm',
      'owner',
      '-o',
      'jsonpath={.metadata.uid}',
    ]);
    await kubectlOk(test, ['apply', '-f', '-'], {
      input: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dependent\n  namespace: apps\n  ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: owner, uid: ${uid}}]\n`,
    });
    await kubectlOk(test, ['-n', 'apps', 'delete', 'cm', 'owner']);
    let remaining = 'dependent';
    for (let i = 0; i < 40 && remaining !== ''; i += 1) {
      remaining = (
        await kubectl(test, ['-n', 'apps', 'get', 'cm', 'dependent', '-o', 'name'])
      ).stdout.trim();
      if (remaining !== '') await new Promise((r) => setTimeout(r, 250));
    }
    expect(remaining).toBe('');
  });

  it('keeps resourceVersions across a restart with the same data directory', async () => {
    await kubectlOk(test, ['-n', 'apps', 'create', 'configmap', 'kept', '--from-literal=k=v']);
    const before = await kubectlOk(test, [
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
    const after = await kubectlOk(test, [
      '-n',
      'apps',
      'get',
      'cm',
      'kept',
      '-o',
      'jsonpath={.metadata.resourceVersion}',
    ]);
    expect(after).toBe(before);
    const bad = await run('/usr/bin/kubectl', [
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
