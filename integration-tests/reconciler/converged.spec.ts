/**
 * A converged (compact) cluster: three control-plane nodes, pools `master` and an empty
 * `worker`, rolled out by the MCO simulator. Kata goes on the `master` pool: no `kata-oc` pool,
 * no node labels, the MachineConfig and RuntimeClass aimed at masters; and uninstall rolls it back.
 */
import type { RuntimeClass } from '../../src/shared/k8s';
import type { MachineConfig } from '../../src/shared/mco';
import { crioConfigSpec, Harness, KC, MCO, waitFor } from './harness';

jest.setTimeout(120_000);

const MCO_V1 = `${MCO}/v1`;
const NAME = 'example-kataconfig';
const MASTERS = ['master-0', 'master-1', 'master-2'];
const MASTER_LABEL = 'node-role.kubernetes.io/master';
const SLOW = 60_000;

describe('reconciler on a converged cluster', () => {
  let h: Harness;

  const masterTarget = (): string => h.pool('master')?.spec?.configuration?.name ?? '';
  const currentConfigs = (): string[] =>
    h
      .list('v1', 'Node')
      .map(
        (n) =>
          (n.metadata as { annotations?: Record<string, string> }).annotations?.[
            `${MCO}/currentConfig`
          ] ?? '',
      );
  const renderedExtensions = (): string[] =>
    (h.get(MCO_V1, 'MachineConfig', masterTarget()) as MachineConfig | null)?.spec?.extensions ??
    [];

  beforeAll(async () => {
    h = await Harness.start(0, 200);
    await h.startLeader('replica-a', SLOW);
  });

  afterAll(() => h.stop());

  it('installs kata on the master pool', async () => {
    expect(
      h
        .list(MCO_V1, 'MachineConfigPool')
        .map((p) => (p.metadata as { name: string }).name)
        .sort(),
    ).toEqual(['master', 'worker']);
    expect(h.pool('worker')?.status?.machineCount).toBe(0);
    const before = masterTarget();

    h.create(KC, 'KataConfig', { metadata: { name: NAME }, spec: { checkNodeEligibility: false } });
    await waitFor(
      'installed on every master',
      () =>
        h.inProgress()?.status === 'False' &&
        h.inProgress()?.reason === '' &&
        JSON.stringify(h.kataConfig()?.status?.kataNodes?.installed) === JSON.stringify(MASTERS),
      SLOW,
    );
    const kc = h.kataConfig()!;
    expect(kc.status?.kataNodes).toEqual({ nodeCount: 3, readyNodeCount: 3, installed: MASTERS });
    expect(kc.status?.runtimeClasses).toEqual(['kata']);
    expect(kc.metadata?.finalizers).toEqual(['kataconfiguration.openshift.io/finalizer']);

    const mc = h.extensionMachineConfig()!;
    expect(mc.metadata?.labels).toEqual({
      [`${MCO}/role`]: 'master',
      app: NAME,
      'app.kubernetes.io/managed-by': 'kata-console-plugin',
    });
    expect(h.pool('kata-oc')).toBeNull();
    expect(
      h
        .list('v1', 'Node')
        .filter((n) =>
          Object.hasOwn(
            (n.metadata as { labels?: object }).labels ?? {},
            'node-role.kubernetes.io/kata-oc',
          ),
        ),
    ).toEqual([]);
    expect(masterTarget()).not.toBe(before);
    expect(renderedExtensions()).toContain('sandboxed-containers');
    expect(new Set(currentConfigs())).toEqual(new Set([masterTarget()]));
    const rc = h.get('node.k8s.io/v1', 'RuntimeClass', 'kata') as RuntimeClass | null;
    expect(rc?.scheduling).toEqual({ nodeSelector: { [MASTER_LABEL]: '' } });
    expect(rc?.overhead).toEqual({ podFixed: { cpu: '250m', memory: '350Mi' } });
  });

  it('uses the master pool for kata-crio-config', async () => {
    h.patch(KC, 'KataConfig', NAME, { spec: { logLevel: 'debug' } });
    const crc = await h.crioConfig(SLOW);
    expect(crc.spec).toEqual(crioConfigSpec('master', 'debug'));
  });

  it('uninstalls: the master pool rolls back, nothing of ours is left', async () => {
    h.delete(KC, 'KataConfig', NAME);
    await waitFor('KataConfig gone', () => h.kataConfig() === null, SLOW);
    expect(h.get(MCO_V1, 'MachineConfig', '50-enable-sandboxed-containers-extension')).toBeNull();
    expect(h.get(MCO_V1, 'ContainerRuntimeConfig', 'kata-crio-config')).toBeNull();
    expect(
      h
        .list(MCO_V1, 'MachineConfigPool')
        .map((p) => (p.metadata as { name: string }).name)
        .sort(),
    ).toEqual(['master', 'worker']);
    expect(renderedExtensions()).not.toContain('sandboxed-containers');
    await waitFor(
      'masters back on a config without kata',
      () => new Set(currentConfigs()).size === 1 && currentConfigs()[0] === masterTarget(),
      SLOW,
    );
    await waitFor(
      'RuntimeClass collected',
      () => h.get('node.k8s.io/v1', 'RuntimeClass', 'kata') === null,
      SLOW,
    );
  });
});
