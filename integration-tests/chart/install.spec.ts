/**
 * Real helm 4 against the local cluster (with its Deployment and ReplicaSet controllers):
 * install --wait, upgrade and uninstall leave exactly the expected objects. The local cluster has
 * no Job controller, so this file plays it for the console hook Jobs: it runs each Job's command
 * (files/console-plugins.sh) locally with kubectl against the cluster, then marks the Job
 * Complete, which is what helm waits for. The script is also exercised directly on its edge cases.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonObject } from '../../src/cluster/apiserver/json';
import { nowTimestamp, objectAt, str } from '../../src/cluster/apiserver/json';
import type { ResourceType } from '../../src/cluster/apiserver/registry';
import type { WorkloadControllers } from '../../src/cluster/controllers';
import { startWorkloadControllers } from '../../src/cluster/controllers';
import type { TestCluster } from '../cluster/harness';
import { KUBECTL, startTestCluster, waitFor } from '../cluster/harness';
import type { RunResult } from './chartTools';
import {
  CHART,
  NAMESPACE,
  PLUGIN_NAME,
  RELEASE,
  ensureHelm,
  helm,
  helmEnv,
  run,
} from './chartTools';

jest.setTimeout(180_000);

const SCRIPT = join(CHART, 'files/console-plugins.sh');
const OTHER = 'other-plugin';

describe('helm install, upgrade and uninstall on the local cluster', () => {
  let test: TestCluster;
  let controllers: WorkloadControllers;
  let env: NodeJS.ProcessEnv;
  let home: string;
  let jobRunner: NodeJS.Timeout;
  const jobsRun: string[] = [];

  const type = (apiVersion: string, kind: string): ResourceType => {
    const found = test.cluster.registry.findKind(apiVersion, kind);
    if (!found) throw new Error(`${apiVersion} ${kind} is not served`);
    return found;
  };
  const consolePlugins = (): unknown =>
    objectAt(test.cluster.api.get(type('operator.openshift.io/v1', 'Console'), '', 'cluster').spec)
      ?.plugins;
  const setConsoleSpec = (spec: JsonObject): void => {
    const console = test.cluster.api.get(
      type('operator.openshift.io/v1', 'Console'),
      '',
      'cluster',
    );
    test.cluster.api.update(type('operator.openshift.io/v1', 'Console'), '', 'cluster', {
      ...console,
      spec,
    });
  };
  const scriptEnv = (): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    KUBECTL,
    KUBECONFIG: test.cluster.kubeconfigPath,
  });
  const script = (action: string): Promise<RunResult> =>
    run('/bin/bash', [SCRIPT, action, PLUGIN_NAME], { env: scriptEnv() });
  const helmOk = async (args: string[]): Promise<RunResult> => {
    const result = await helm(
      [...args, '--kubeconfig', test.cluster.kubeconfigPath, '--namespace', NAMESPACE],
      env,
    );
    if (result.code !== 0) throw new Error(`helm ${args.join(' ')}: ${result.stderr}`);
    return result;
  };

  /** Every object labelled with the release, but not created by a controller. */
  const releaseObjects = (): string[] =>
    test.cluster.registry
      .all()
      .flatMap((resource) =>
        test.cluster.api
          .list(resource, undefined)
          .items.filter((item) => {
            const metadata = objectAt(item.metadata);
            return (
              objectAt(metadata?.labels)?.['app.kubernetes.io/instance'] === RELEASE &&
              metadata?.ownerReferences === undefined
            );
          })
          .map((item) => {
            const metadata = objectAt(item.metadata);
            const namespace =
              typeof metadata?.namespace === 'string' ? `${metadata.namespace}/` : '';
            return `${resource.kind} ${namespace}${str(metadata?.name) ?? ''}`;
          }),
      )
      .sort();

  /** Plays the Job controller: runs each new Job's command here, then marks it Complete. */
  const runJobs = async (): Promise<void> => {
    const jobs = test.cluster.api.list(type('batch/v1', 'Job'), NAMESPACE).items;
    for (const job of jobs) {
      const metadata = objectAt(job.metadata);
      const uid = str(metadata?.uid) ?? '';
      if (jobsRun.includes(uid)) continue;
      jobsRun.push(uid);
      const spec = objectAt(objectAt(objectAt(job.spec)?.template)?.spec);
      const container = Array.isArray(spec?.containers) ? objectAt(spec.containers[0]) : undefined;
      const command = (Array.isArray(container?.command) ? container.command : []).map(String);
      const [shell = '', ...args] = command;
      const result = await run(shell, args, { env: scriptEnv() });
      const now = nowTimestamp();
      const done: JsonObject =
        result.code === 0
          ? {
              succeeded: 1,
              conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: now }],
            }
          : {
              failed: 1,
              conditions: [{ type: 'Failed', status: 'True', lastTransitionTime: now }],
            };
      const current = test.cluster.api.get(
        type('batch/v1', 'Job'),
        NAMESPACE,
        str(metadata?.name) ?? '',
      );
      test.cluster.api.update(
        type('batch/v1', 'Job'),
        NAMESPACE,
        str(metadata?.name) ?? '',
        { ...current, status: { startTime: now, completionTime: now, ...done } },
        {},
        'status',
      );
    }
  };

  beforeAll(async () => {
    await ensureHelm();
    env = helmEnv();
    home = mkdtempSync(join(tmpdir(), 'kata-chart-home-'));
    test = await startTestCluster();
    controllers = startWorkloadControllers(test.cluster.api, { podStartDelayMs: 100 });
    for (const name of ['worker-0', 'worker-1', 'worker-2']) {
      test.cluster.api.create(type('v1', 'Node'), '', {
        metadata: { name, labels: { 'node-role.kubernetes.io/worker': '' } },
        status: {
          conditions: [{ type: 'Ready', status: 'True' }],
          allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
        },
      });
    }
    let busy = false;
    jobRunner = setInterval(() => {
      if (busy) return;
      busy = true;
      void runJobs().finally(() => {
        busy = false;
      });
    }, 100);
  });

  afterAll(async () => {
    clearInterval(jobRunner);
    await controllers.stop();
    await test.stop();
    rmSync(home, { recursive: true, force: true });
    rmSync(String(env.HOME), { recursive: true, force: true });
  });

  it('console-plugins.sh: adds to an absent spec.plugins, keeps others, is idempotent both ways', async () => {
    setConsoleSpec({});
    expect((await script('enable')).code).toBe(0);
    expect(consolePlugins()).toEqual([PLUGIN_NAME]);
    setConsoleSpec({ plugins: [OTHER, PLUGIN_NAME, 'third', PLUGIN_NAME] });
    expect((await script('disable')).code).toBe(0);
    expect(consolePlugins()).toEqual([OTHER, 'third']);
    const again = await script('disable');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('is not in');
    expect((await script('enable')).code).toBe(0);
    expect((await script('enable')).stdout).toContain('is enabled');
    expect(consolePlugins()).toEqual([OTHER, 'third', PLUGIN_NAME]);
    expect(
      (await run('/bin/bash', [SCRIPT, 'toggle', PLUGIN_NAME], { env: scriptEnv() })).code,
    ).toBe(2);
  });

  it('console-plugins.sh: without the console config, enable fails clearly and disable does not block', async () => {
    const consoleType = type('operator.openshift.io/v1', 'Console');
    const saved = test.cluster.api.get(consoleType, '', 'cluster');
    test.cluster.api.delete(consoleType, '', 'cluster');
    const enable = await script('enable');
    expect(enable.code).toBe(1);
    expect(enable.stderr).toContain('cannot read consoles.operator.openshift.io/cluster');
    expect((await script('disable')).code).toBe(0);
    const metadata = objectAt(saved.metadata);
    test.cluster.api.create(consoleType, '', {
      ...saved,
      metadata: { name: metadata?.name ?? 'cluster' },
    });
    setConsoleSpec({ plugins: [OTHER] });
  });

  it('install --wait (hooks on, crd.install): exactly the chart objects, the plugin enabled next to the other one', async () => {
    await helmOk([
      'install',
      RELEASE,
      CHART,
      '--create-namespace',
      '--wait',
      '--timeout',
      '90s',
      '--set',
      'crd.install=true',
    ]);
    expect(consolePlugins()).toEqual([OTHER, PLUGIN_NAME]);
    const ns = NAMESPACE;
    expect(releaseObjects()).toEqual(
      [
        'ClusterRole kata-console-plugin-console-patcher',
        'ClusterRole kata-console-plugin-reconciler',
        'ClusterRoleBinding kata-console-plugin-console-patcher',
        'ClusterRoleBinding kata-console-plugin-reconciler',
        `ConfigMap ${ns}/kata-console-plugin-nginx`,
        'ConsolePlugin kata-console-plugin',
        'CustomResourceDefinition kataconfigs.kataconfiguration.openshift.io',
        `Deployment ${ns}/kata-console-plugin`,
        `Deployment ${ns}/kata-console-plugin-reconciler`,
        `PodDisruptionBudget ${ns}/kata-console-plugin`,
        `PodDisruptionBudget ${ns}/kata-console-plugin-reconciler`,
        'Role default/kata-console-plugin-reconciler-events',
        `Role ${ns}/kata-console-plugin-reconciler-leader-election`,
        'RoleBinding default/kata-console-plugin-reconciler-events',
        `RoleBinding ${ns}/kata-console-plugin-reconciler-leader-election`,
        `Service ${ns}/kata-console-plugin`,
        `Service ${ns}/kata-console-plugin-reconciler-metrics`,
        `ServiceAccount ${ns}/kata-console-plugin-console-patcher`,
        `ServiceAccount ${ns}/kata-console-plugin-reconciler`,
        'ValidatingAdmissionPolicy kataconfig-singleton.kataconfiguration.openshift.io',
        'ValidatingAdmissionPolicyBinding kataconfig-singleton.kataconfiguration.openshift.io',
      ].sort(),
    );
    // The enable Job ran and, having succeeded, was deleted by helm.
    expect(jobsRun.length).toBe(1);
    expect(test.cluster.api.list(type('batch/v1', 'Job'), NAMESPACE).items).toEqual([]);
    const pods = test.cluster.api.list(type('v1', 'Pod'), NAMESPACE).items;
    expect(pods.length).toBe(4);
  });

  it('upgrade (reconciler off, 3 plugin replicas): the reconciler objects go, the plugin stays enabled once', async () => {
    await helmOk([
      'upgrade',
      RELEASE,
      CHART,
      '--wait',
      '--timeout',
      '90s',
      '--set',
      'crd.install=true',
      '--set',
      'reconciler.enabled=false',
      '--set',
      'plugin.replicas=3',
    ]);
    expect(jobsRun.length).toBe(2);
    expect(consolePlugins()).toEqual([OTHER, PLUGIN_NAME]);
    expect(releaseObjects().filter((name) => name.includes('reconciler'))).toEqual([]);
    expect(
      objectAt(test.cluster.api.get(type('apps/v1', 'Deployment'), NAMESPACE, PLUGIN_NAME).status)
        ?.readyReplicas,
    ).toBe(3);
    await waitFor(
      () => test.cluster.api.list(type('v1', 'Pod'), NAMESPACE).items.length === 3,
      60_000,
    );
  });

  it('uninstall: the pre-delete Job removes only this plugin; nothing is left but the kept CRD', async () => {
    await helmOk(['uninstall', RELEASE, '--wait', '--timeout', '90s']);
    expect(jobsRun.length).toBe(3);
    expect(consolePlugins()).toEqual([OTHER]);
    expect(releaseObjects()).toEqual([
      'CustomResourceDefinition kataconfigs.kataconfiguration.openshift.io',
    ]);
    await waitFor(
      () =>
        [type('v1', 'Pod'), type('apps/v1', 'ReplicaSet'), type('batch/v1', 'Job')].every(
          (resource) => test.cluster.api.list(resource, NAMESPACE).items.length === 0,
        ),
      60_000,
    );
    expect(test.cluster.api.list(type('v1', 'ConfigMap'), NAMESPACE).items).toEqual([]);
  });

  it('with crd.keep=false and the console Jobs off, uninstall leaves nothing behind', async () => {
    test.cluster.api.delete(
      type('apiextensions.k8s.io/v1', 'CustomResourceDefinition'),
      '',
      'kataconfigs.kataconfiguration.openshift.io',
    );
    const sets = [
      'crd.install=true',
      'crd.keep=false',
      'consoleJobs.enable=false',
      'consoleJobs.disableOnUninstall=false',
    ];
    await helmOk([
      'install',
      RELEASE,
      CHART,
      '--wait',
      '--timeout',
      '90s',
      ...sets.flatMap((set) => ['--set', set]),
    ]);
    expect(jobsRun.length).toBe(3);
    expect(releaseObjects().length).toBe(18);
    await helmOk(['uninstall', RELEASE, '--wait', '--timeout', '90s']);
    expect(releaseObjects()).toEqual([]);
    expect(consolePlugins()).toEqual([OTHER]);
  });
});
