/**
 * The upstream operator present: the real reconciler process stands down, says why on the
 * KataConfig (annotation, never status) and changes nothing; once the operator's Deployment is
 * gone it removes the annotation and installs.
 */
import type { KataConfig } from '../../src/shared/kataconfig';
import { Harness, KC, MCO, waitFor } from './harness';

jest.setTimeout(120_000);

const MCO_V1 = `${MCO}/v1`;
const KATA_LABEL = 'node-role.kubernetes.io/kata-oc';
const ANNOTATION = 'kata-console-plugin.openshift.io/reconciler';
const NAMESPACE = 'openshift-sandboxed-containers-operator';

describe('bundled reconciler with the upstream operator present', () => {
  let h: Harness;

  const kataConfig = (): KataConfig | null => h.get(KC, 'KataConfig', 'example-kataconfig');
  const labelled = (): string[] =>
    h
      .list('v1', 'Node')
      .filter((n) => Object.hasOwn((n.metadata as { labels?: object }).labels ?? {}, KATA_LABEL))
      .map((n) => (n.metadata as { name: string }).name);

  beforeAll(async () => {
    h = await Harness.start(2);
    if (h.get('v1', 'Namespace', NAMESPACE) === null)
      h.create('v1', 'Namespace', { metadata: { name: NAMESPACE } });
    h.create(
      'apps/v1',
      'Deployment',
      {
        metadata: { name: 'controller-manager', namespace: NAMESPACE },
        spec: {
          replicas: 1,
          selector: { matchLabels: { control: 'plane' } },
          template: {
            metadata: { labels: { control: 'plane' } },
            spec: { containers: [{ name: 'manager', image: 'registry.example/osc:1' }] },
          },
        },
      },
      NAMESPACE,
    );
  });

  afterAll(async () => {
    await h.stop();
  });

  it('annotates the KataConfig with the reason and creates nothing', async () => {
    const reconciler = h.startReconciler('replica-a');
    h.create(KC, 'KataConfig', {
      metadata: { name: 'example-kataconfig' },
      spec: { checkNodeEligibility: false },
    });
    const value = await waitFor(
      'stand-down annotation',
      () => kataConfig()?.metadata?.annotations?.[ANNOTATION],
      60_000,
    );
    expect(value).toBe(
      'standing down: Deployment openshift-sandboxed-containers-operator/controller-manager exists',
    );
    await waitFor(
      'UpstreamOperatorPresent event',
      () =>
        h
          .list('v1', 'Event', 'default')
          .some((e) => e.reason === 'UpstreamOperatorPresent' && e.type === 'Warning'),
      60_000,
    );
    expect(
      reconciler.logs.some(
        (l) =>
          l.msg === 'standing down: upstream operator present' &&
          typeof l.reason === 'string' &&
          l.reason.includes('controller-manager'),
      ),
    ).toBe(true);
    const kc = kataConfig();
    expect(kc?.metadata?.finalizers ?? []).toEqual([]);
    expect(kc?.status?.conditions ?? []).toEqual([]);
    expect(labelled()).toEqual([]);
    expect(h.get(MCO_V1, 'MachineConfig', '50-enable-sandboxed-containers-extension')).toBeNull();
    expect(h.get(MCO_V1, 'MachineConfigPool', 'kata-oc')).toBeNull();
    expect(h.get('node.k8s.io/v1', 'RuntimeClass', 'kata')).toBeNull();
  });

  it('removes the annotation and installs once the operator is gone', async () => {
    h.delete('apps/v1', 'Deployment', 'controller-manager', NAMESPACE);
    // The operator is looked for again every 30 s while standing down.
    await waitFor(
      'annotation removed',
      () => kataConfig()?.metadata?.annotations?.[ANNOTATION] === undefined,
      90_000,
    );
    await waitFor(
      'finalizer',
      () =>
        (kataConfig()?.metadata?.finalizers ?? []).includes(
          'kataconfiguration.openshift.io/finalizer',
        ),
      60_000,
    );
    await waitFor('nodes labelled', () => labelled().length === 2, 60_000);
    expect(
      h.get(MCO_V1, 'MachineConfig', '50-enable-sandboxed-containers-extension'),
    ).not.toBeNull();
  });
});
