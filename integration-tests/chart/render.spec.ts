/**
 * helm lint and helm template of charts/kata-console-plugin with default and non-default values:
 * every rendered object validated (kubernetes-models for built-in kinds, the CRD schemas the local
 * cluster serves for ConsolePlugin, a structural schema for ServiceMonitor), the hardening rules,
 * the documented RBAC, the generated CRD, and values.schema.json rejecting bad values.
 */
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { parseFlags } from '../../src/reconciler/flags';
import { kataConfigCrd } from '../../src/shared/kataconfig/crd';
import type { K8sManifest } from './chartTools';
import {
  CHART,
  NAMESPACE,
  PLUGIN_NAME,
  RELEASE,
  at,
  ensureHelm,
  find,
  helm,
  helmEnv,
  mustFind,
  readRepoFile,
  render,
} from './chartTools';
import { CRD_FILE, CRD_HEADER } from './crdFile';
import {
  grantsOfRules,
  grantsOfTable,
  hardeningViolations,
  isBuiltIn,
  podSpecs,
  validateBuiltIns,
  validateCustom,
} from './validators';

jest.setTimeout(120_000);

const NON_DEFAULT = [
  'crd.install=true',
  'crd.keep=false',
  'reconciler.serviceMonitor.enabled=true',
  'reconciler.serviceMonitor.labels.team=kata',
  'reconciler.logLevel=debug',
  'reconciler.replicas=3',
  'plugin.replicas=3',
  'plugin.podAntiAffinity=hard',
  'plugin.certificateSecretName=my-tls',
  'plugin.port=8443',
  'plugin.image.digest=sha256:' + 'a'.repeat(64),
  'imagePullSecrets[0].name=pull-secret',
  'commonLabels.owner=platform',
  'plugin.nodeSelector.node-role\\.kubernetes\\.io/infra=',
];
const ONLY_PLUGIN = [
  'reconciler.enabled=false',
  'consoleJobs.enable=false',
  'consoleJobs.disableOnUninstall=false',
  'plugin.replicas=1',
];

const names = (manifests: readonly K8sManifest[]): string[] =>
  manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort();

const roleLabel = (manifest: K8sManifest): string =>
  manifest.kind === 'ClusterRole'
    ? 'ClusterRole'
    : `Role (${manifest.metadata.namespace === NAMESPACE ? 'release namespace' : String(manifest.metadata.namespace)})`;

const reconcilerGrants = (manifests: readonly K8sManifest[]): string[] =>
  manifests
    .filter(
      (m) =>
        (m.kind === 'ClusterRole' || m.kind === 'Role') &&
        m.metadata.name.startsWith('kata-console-plugin-reconciler'),
    )
    .flatMap((m) =>
      grantsOfRules(roleLabel(m), (m.rules ?? []) as Parameters<typeof grantsOfRules>[1]),
    )
    .sort();

describe('the kata-console-plugin chart', () => {
  let env: NodeJS.ProcessEnv;
  let defaults: K8sManifest[];
  let custom: K8sManifest[];
  let pluginOnly: K8sManifest[];

  beforeAll(async () => {
    await ensureHelm();
    env = helmEnv();
    [defaults, custom, pluginOnly] = await Promise.all([
      render(env),
      render(env, NON_DEFAULT),
      render(env, ONLY_PLUGIN),
    ]);
  });

  it('passes helm lint --strict with default and non-default values', async () => {
    for (const sets of [[], NON_DEFAULT, ONLY_PLUGIN]) {
      const result = await helm(
        ['lint', '--strict', CHART, ...sets.flatMap((set) => ['--set', set])],
        env,
      );
      expect({ code: result.code, out: result.stdout + result.stderr }).toEqual({
        code: 0,
        out: expect.stringContaining('1 chart(s) linted, 0 chart(s) failed') as string,
      });
    }
  });

  it('renders exactly the expected objects for each set of values', () => {
    const plugin = [
      'ConfigMap/kata-console-plugin-nginx',
      'ConsolePlugin/kata-console-plugin',
      'Deployment/kata-console-plugin',
      'Service/kata-console-plugin',
    ];
    const jobs = [
      'ClusterRole/kata-console-plugin-console-patcher',
      'ClusterRoleBinding/kata-console-plugin-console-patcher',
      'Job/kata-console-plugin-disable',
      'Job/kata-console-plugin-enable',
      'ServiceAccount/kata-console-plugin-console-patcher',
    ];
    const reconciler = [
      'ClusterRole/kata-console-plugin-reconciler',
      'ClusterRoleBinding/kata-console-plugin-reconciler',
      'Deployment/kata-console-plugin-reconciler',
      'PodDisruptionBudget/kata-console-plugin-reconciler',
      'Role/kata-console-plugin-reconciler-events',
      'Role/kata-console-plugin-reconciler-leader-election',
      'RoleBinding/kata-console-plugin-reconciler-events',
      'RoleBinding/kata-console-plugin-reconciler-leader-election',
      'Service/kata-console-plugin-reconciler-metrics',
      'ServiceAccount/kata-console-plugin-reconciler',
    ];
    const crd = [
      'CustomResourceDefinition/kataconfigs.kataconfiguration.openshift.io',
      'ValidatingAdmissionPolicy/kataconfig-singleton.kataconfiguration.openshift.io',
      'ValidatingAdmissionPolicyBinding/kataconfig-singleton.kataconfiguration.openshift.io',
    ];
    expect(names(defaults)).toEqual(
      [...plugin, 'PodDisruptionBudget/kata-console-plugin', ...jobs, ...reconciler].sort(),
    );
    expect(names(custom)).toEqual(
      [
        ...plugin,
        'PodDisruptionBudget/kata-console-plugin',
        ...jobs,
        ...reconciler,
        ...crd,
        'ServiceMonitor/kata-console-plugin-reconciler',
      ].sort(),
    );
    expect(names(pluginOnly)).toEqual(plugin.sort());
    for (const manifest of [...defaults, ...custom]) {
      expect(manifest.metadata.labels).toEqual(
        expect.objectContaining({
          'app.kubernetes.io/instance': RELEASE,
          'app.kubernetes.io/managed-by': 'Helm',
          'app.kubernetes.io/part-of': 'kata-console-plugin',
        }),
      );
    }
  });

  it('validates every built-in object with kubernetes-models', async () => {
    const builtIns = [...defaults, ...custom, ...pluginOnly].filter(isBuiltIn);
    expect(builtIns.length).toBeGreaterThan(40);
    expect(await validateBuiltIns(builtIns)).toEqual({});
  });

  it('kubernetes-models and the CRD schemas do reject a broken object', async () => {
    const deployment = structuredClone(mustFind(defaults, 'Deployment', PLUGIN_NAME));
    (deployment.spec as { replicas: unknown }).replicas = 'two';
    expect(Object.keys(await validateBuiltIns([deployment]))).toEqual([
      'Deployment/kata-console-plugin',
    ]);
    const plugin = structuredClone(mustFind(defaults, 'ConsolePlugin'));
    (plugin.spec as { i18n: unknown }).i18n = { loadType: 'Eager' };
    expect(validateCustom(plugin)).toContain('must be equal to one of the allowed values');
  });

  it('validates ConsolePlugin and the CRD-based kinds against their schemas', () => {
    const customKinds = [...defaults, ...custom].filter((m) => !isBuiltIn(m));
    expect(customKinds.map((m) => m.kind).sort()).toEqual([
      'ConsolePlugin',
      'ConsolePlugin',
      'ServiceMonitor',
    ]);
    for (const manifest of customKinds) expect(validateCustom(manifest)).toBe('');
  });

  it('ConsolePlugin: console.openshift.io/v1, Preload, the plugin Service as backend', () => {
    expect(readRepoFile('package.json')).toContain(`"name": "${PLUGIN_NAME}"`);
    const pkg = JSON.parse(readRepoFile('package.json')) as { consolePlugin: { name: string } };
    expect(mustFind(defaults, 'ConsolePlugin').metadata.name).toBe(pkg.consolePlugin.name);
    expect(mustFind(defaults, 'ConsolePlugin').spec).toEqual({
      displayName: 'Sandboxed containers',
      i18n: { loadType: 'Preload' },
      backend: {
        type: 'Service',
        service: { name: PLUGIN_NAME, namespace: NAMESPACE, port: 9443, basePath: '/' },
      },
    });
    expect(at(mustFind(custom, 'ConsolePlugin'), 'spec.backend.service.port')).toBe(8443);
    expect(at(mustFind(custom, 'Service', PLUGIN_NAME), 'spec.ports.0')).toEqual({
      name: 'https',
      protocol: 'TCP',
      port: 8443,
      targetPort: 'https',
    });
  });

  it('TLS: the service-CA annotation only without a user-supplied secret, which is then mounted', () => {
    const annotation = 'service.beta.openshift.io/serving-cert-secret-name';
    const secretOf = (manifests: K8sManifest[]): unknown =>
      (
        at(mustFind(manifests, 'Deployment', PLUGIN_NAME), 'spec.template.spec.volumes') as {
          name: string;
          secret?: { secretName: string };
        }[]
      ).find((volume) => volume.name === 'cert')?.secret?.secretName;
    expect(mustFind(defaults, 'Service', PLUGIN_NAME).metadata.annotations).toEqual({
      [annotation]: 'kata-console-plugin-cert',
    });
    expect(secretOf(defaults)).toBe('kata-console-plugin-cert');
    expect(mustFind(custom, 'Service', PLUGIN_NAME).metadata.annotations).toBeUndefined();
    expect(secretOf(custom)).toBe('my-tls');
  });

  it('plugin Deployment: 2 replicas, anti-affinity, PDB, probes over HTTPS on 9443, nginx.conf from the ConfigMap', () => {
    const deployment = mustFind(defaults, 'Deployment', PLUGIN_NAME);
    expect(at(deployment, 'spec.replicas')).toBe(2);
    const pod = at(deployment, 'spec.template.spec');
    expect(
      at(
        pod,
        'affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution.0.podAffinityTerm.topologyKey',
      ),
    ).toBe('kubernetes.io/hostname');
    expect(
      at(
        mustFind(custom, 'Deployment', PLUGIN_NAME),
        'spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution.0.topologyKey',
      ),
    ).toBe('kubernetes.io/hostname');
    const container = at(pod, 'containers.0');
    expect(at(container, 'ports')).toEqual([
      { name: 'https', containerPort: 9443, protocol: 'TCP' },
    ]);
    expect(at(container, 'readinessProbe.httpGet')).toEqual({
      scheme: 'HTTPS',
      port: 'https',
      path: '/plugin-manifest.json',
    });
    expect(at(container, 'livenessProbe.httpGet')).toEqual({
      scheme: 'HTTPS',
      port: 'https',
      path: '/healthz',
    });
    expect(at(container, 'resources.requests')).toEqual({ cpu: '10m', memory: '50Mi' });
    expect(at(container, 'command')).toEqual([
      'nginx',
      '-c',
      '/etc/kata-console-plugin/nginx.conf',
      '-g',
      'daemon off;',
    ]);
    expect(at(container, 'image')).toBe('kata-console-plugin/kata-console-plugin:0.1.0');
    expect(
      at(mustFind(custom, 'Deployment', PLUGIN_NAME), 'spec.template.spec.containers.0.image'),
    ).toBe(`kata-console-plugin/kata-console-plugin@sha256:${'a'.repeat(64)}`);
    const selector = at(deployment, 'spec.selector.matchLabels');
    expect(at(mustFind(defaults, 'PodDisruptionBudget', PLUGIN_NAME), 'spec')).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: selector },
    });
    expect(at(mustFind(defaults, 'Service', PLUGIN_NAME), 'spec.selector')).toEqual(selector);
    expect(find(pluginOnly, 'PodDisruptionBudget')).toBeUndefined();
    const conf = readFileSync(`${CHART}/files/nginx.conf`, 'utf8');
    expect(
      at(mustFind(defaults, 'ConfigMap'), 'data.nginx\\.conf'.replace('\\', '')),
    ).toBeUndefined();
    expect((mustFind(defaults, 'ConfigMap').data as Record<string, string>)['nginx.conf']).toBe(
      conf,
    );
  });

  it('nginx.conf: TLS on 9443, JavaScript MIME types, writes only under /tmp, serves the image root', () => {
    const conf = readFileSync(`${CHART}/files/nginx.conf`, 'utf8');
    const types = /types \{([^}]*)\}/.exec(conf)?.[1] ?? '';
    const mime = (extension: string): string | undefined =>
      types
        .split(';')
        .map((entry) => entry.trim().split(/\s+/))
        .find((words) => words.slice(1).includes(extension))?.[0];
    expect(mime('js')).toBe('text/javascript');
    expect(mime('mjs')).toBe('text/javascript');
    expect(mime('json')).toBe('application/json');
    expect(mime('css')).toBe('text/css');
    expect(conf).toMatch(/listen 9443 ssl;/);
    expect(conf).toMatch(/ssl_certificate \/var\/cert\/tls\.crt;/);
    expect(conf).toMatch(/ssl_certificate_key \/var\/cert\/tls\.key;/);
    for (const [, path] of conf.matchAll(/(?:pid|_temp_path) (\S+);/g)) {
      expect(path).toMatch(/^\/tmp\//);
    }
    const root = /root (\S+);/.exec(conf)?.[1];
    expect(readRepoFile('charts/images/plugin.Dockerfile')).toContain(`/dist ${String(root)}\n`);
  });

  it("reconciler Deployment: 2 replicas, leader election, probes, metrics Service; its args parse with the reconciler's own flag parser", () => {
    const deployment = mustFind(defaults, 'Deployment', 'kata-console-plugin-reconciler');
    expect(at(deployment, 'spec.replicas')).toBe(2);
    const container = at(deployment, 'spec.template.spec.containers.0');
    expect(at(container, 'readinessProbe.httpGet')).toEqual({ port: 'health', path: '/readyz' });
    expect(at(container, 'livenessProbe.httpGet')).toEqual({ port: 'health', path: '/healthz' });
    const args = at(container, 'args') as string[];
    const parsed = parseFlags(args, { POD_NAMESPACE: NAMESPACE, POD_NAME: 'pod-1' }, 'host');
    expect(parsed).toEqual({
      ok: true,
      config: expect.objectContaining({
        bindAddress: '0.0.0.0',
        metricsPort: 8080,
        healthPort: 8081,
        namespace: NAMESPACE,
        identity: 'pod-1',
        leaderElection: true,
        leaseName: 'kata-console-plugin-reconciler',
      }) as object,
    });
    expect(at(container, 'env')).toEqual([
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ]);
    const customArgs = at(
      mustFind(custom, 'Deployment', 'kata-console-plugin-reconciler'),
      'spec.template.spec.containers.0.args',
    ) as string[];
    expect(parseFlags(customArgs, {}, 'x')).toEqual({
      ok: true,
      config: expect.objectContaining({ logLevel: 'debug' }) as object,
    });
    expect(
      at(mustFind(defaults, 'Service', 'kata-console-plugin-reconciler-metrics'), 'spec.ports'),
    ).toEqual([{ name: 'metrics', protocol: 'TCP', port: 8080, targetPort: 'metrics' }]);
    const monitor = mustFind(custom, 'ServiceMonitor');
    expect(monitor.metadata.labels?.team).toBe('kata');
    expect(at(monitor, 'spec.selector.matchLabels')).toEqual(
      at(deployment, 'spec.selector.matchLabels'),
    );
  });

  it('every pod spec passes the hardening rules (token only where the API is used)', () => {
    const owners = [...defaults, ...custom, ...pluginOnly];
    const pods = podSpecs(owners);
    expect(pods.length).toBe(9);
    const needsToken = [
      'kata-console-plugin-reconciler',
      'kata-console-plugin-enable',
      'kata-console-plugin-disable',
    ];
    expect(pods.flatMap((pod) => hardeningViolations(pod, needsToken))).toEqual([]);
    const broken = {
      ...pods[0],
      podSpec: { ...pods[0]?.podSpec, automountServiceAccountToken: true, hostNetwork: true },
    } as (typeof pods)[number];
    expect(hardeningViolations(broken, needsToken)).toEqual([
      'Deployment/kata-console-plugin: hostNetwork',
      'Deployment/kata-console-plugin: automountServiceAccountToken must be false',
    ]);
  });

  it("the reconciler's ClusterRole and Roles grant exactly the rules docs/reconciler.md lists", () => {
    const documented = grantsOfTable(
      readRepoFile('docs/reconciler.md'),
      '## RBAC (least privilege)',
    );
    expect(reconcilerGrants(defaults)).toEqual(documented);
    expect(documented.length).toBeGreaterThan(25);
  });

  it('the console Jobs: post-install/post-upgrade enable, pre-delete disable, running files/console-plugins.sh', () => {
    const script = readFileSync(`${CHART}/files/console-plugins.sh`, 'utf8');
    for (const [action, hook] of [
      ['enable', 'post-install,post-upgrade'],
      ['disable', 'pre-delete'],
    ] as const) {
      const job = mustFind(defaults, 'Job', `kata-console-plugin-${action}`);
      expect(job.metadata.annotations).toEqual({
        'helm.sh/hook': hook,
        'helm.sh/hook-weight': '0',
        'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
      });
      expect(at(job, 'spec.template.spec.containers.0.command')).toEqual([
        '/bin/bash',
        '-c',
        script,
        'console-plugins.sh',
        action,
        PLUGIN_NAME,
      ]);
      expect(at(job, 'spec.template.spec.serviceAccountName')).toBe(
        'kata-console-plugin-console-patcher',
      );
    }
    expect(
      at(mustFind(defaults, 'ClusterRole', 'kata-console-plugin-console-patcher'), 'rules'),
    ).toEqual([
      {
        apiGroups: ['operator.openshift.io'],
        resources: ['consoles'],
        resourceNames: ['cluster'],
        verbs: ['get', 'patch'],
      },
    ]);
  });

  it("the chart's CRD file is exactly kataConfigCrd(), and renders only with crd.install", async () => {
    const text = readFileSync(CRD_FILE, 'utf8');
    expect(text.startsWith(CRD_HEADER)).toBe(true);
    expect(load(text)).toEqual(kataConfigCrd());
    expect(find(defaults, 'CustomResourceDefinition')).toBeUndefined();
    const rendered = mustFind(custom, 'CustomResourceDefinition');
    const { metadata, ...rest } = rendered;
    const { metadata: expectedMetadata, ...expectedRest } = kataConfigCrd();
    expect(rest).toEqual(expectedRest);
    expect(metadata.name).toBe(expectedMetadata.name);
    expect(metadata.annotations).toEqual(expectedMetadata.annotations);
    const kept = mustFind(await render(env, ['crd.install=true']), 'CustomResourceDefinition');
    expect(kept.metadata.annotations?.['helm.sh/resource-policy']).toBe('keep');
  });

  it("the singleton ValidatingAdmissionPolicy: CREATE of kataconfigs, upstream's message, every KataConfig a parameter", () => {
    const policy = mustFind(custom, 'ValidatingAdmissionPolicy');
    expect(at(policy, 'spec.paramKind')).toEqual({
      apiVersion: 'kataconfiguration.openshift.io/v1',
      kind: 'KataConfig',
    });
    expect(at(policy, 'spec.matchConstraints.resourceRules')).toEqual([
      {
        apiGroups: ['kataconfiguration.openshift.io'],
        apiVersions: ['v1'],
        operations: ['CREATE'],
        resources: ['kataconfigs'],
      },
    ]);
    expect(at(policy, 'spec.validations.0.message')).toBe(
      'A KataConfig instance already exists, refusing to create a duplicate',
    );
    expect(at(policy, 'spec.failurePolicy')).toBe('Fail');
    const binding = mustFind(custom, 'ValidatingAdmissionPolicyBinding');
    expect(binding.spec).toEqual({
      policyName: policy.metadata.name,
      validationActions: ['Deny'],
      paramRef: { selector: {}, parameterNotFoundAction: 'Allow' },
    });
    expect(find(defaults, 'ValidatingAdmissionPolicy')).toBeUndefined();
  });

  it.each([
    ['plugin.replicas=0', "at '/plugin/replicas': minimum: got 0, want 1"],
    ['plugin.port=70000', "at '/plugin/port': maximum: got 70,000, want 65,535"],
    [
      'plugin.podAntiAffinity=sometimes',
      "at '/plugin/podAntiAffinity': value must be one of 'soft', 'hard'",
    ],
    ['plugin.image.digest=latest', "at '/plugin/image/digest': 'latest' does not match pattern"],
    ['plugin.basePath=plugin', "at '/plugin/basePath': 'plugin' does not match pattern '^/'"],
    ['plugin.resources.requests=null', "at '/plugin/resources': missing property 'requests'"],
    [
      'reconciler.logLevel=verbose',
      "at '/reconciler/logLevel': value must be one of 'debug', 'info', 'warn', 'error'",
    ],
    ['reconciler.enabled=yes', "at '/reconciler/enabled': got string, want boolean"],
    ['crd.instal=true', "at '/crd': additional properties 'instal' not allowed"],
    [
      'reconciler.leaderElection=false',
      'reconciler.replicas greater than 1 needs reconciler.leaderElection: true',
    ],
    ['reconciler.healthPort=8080', 'reconciler.metricsPort and reconciler.healthPort must differ'],
  ])('rejects %s with a clear message', async (set, message) => {
    await expect(render(env, [set])).rejects.toThrow(message);
  });

  it('NOTES.txt says how to open the pages', async () => {
    const result = await helm(
      ['install', RELEASE, CHART, '--dry-run=client', '--namespace', NAMESPACE],
      env,
    );
    expect(result.stdout).toContain(
      'Administrator perspective > Sandboxed containers > KataConfigs',
    );
    expect(result.stdout).toContain('/k8s/cluster/kataconfiguration.openshift.io~v1~KataConfig');
  });
});
