import type { MachineConfig, MachineConfigPool } from '../../shared/mco';
import { renderPool } from './render';
import { baseMachineConfigs, defaultPools } from './seed';

const ROLE = 'machineconfiguration.openshift.io/role';

const customPool = (name: string): MachineConfigPool => ({
  metadata: { name },
  spec: {
    machineConfigSelector: {
      matchExpressions: [{ key: ROLE, operator: 'In', values: [name, 'worker'] }],
    },
    nodeSelector: { matchLabels: { [`node-role.kubernetes.io/${name}`]: '' } },
  },
});

const worker = defaultPools().find((p) => p.metadata?.name === 'worker')!;
const workerConfigs = baseMachineConfigs('worker');

const ok = (pool: MachineConfigPool, mcs: MachineConfig[]) => {
  const result = renderPool(pool, mcs);
  if (!result.ok) throw new Error(result.message);
  return result;
};

describe('renderPool', () => {
  it('names the rendered config from a hash of the merged spec only', () => {
    const a = ok(worker, workerConfigs);
    expect(a.name).toMatch(/^rendered-worker-[0-9a-f]{32}$/);
    expect(ok(worker, [...workerConfigs].reverse()).name).toBe(a.name);
    // A custom pool with only worker configs gets the same suffix under its own prefix.
    const infra = ok(customPool('infra'), workerConfigs);
    expect(infra.name).toBe(a.name.replace('rendered-worker-', 'rendered-infra-'));
  });

  it('merges a custom pool’s own configs, sorted by name, extensions included', () => {
    const extension: MachineConfig = {
      metadata: { name: '50-enable-sandboxed-containers-extension', labels: { [ROLE]: 'kata-oc' } },
      spec: { extensions: ['sandboxed-containers'], kernelArguments: ['a=1'] },
    };
    const result = ok(customPool('kata-oc'), [extension, ...workerConfigs]);
    expect(result.sources.map((s) => s.name)).toEqual([
      '00-worker',
      '01-worker-container-runtime',
      '01-worker-kubelet',
      '50-enable-sandboxed-containers-extension',
      '99-worker-generated-registries',
      '99-worker-ssh',
    ]);
    expect(result.spec.extensions).toEqual(['sandboxed-containers']);
    expect(result.spec.kernelArguments).toEqual(['a=1']);
    expect(result.spec.config?.ignition?.version).toBe('3.5.0');
    expect(result.name).not.toBe(ok(customPool('kata-oc'), workerConfigs).name);
  });

  it('lets a later config replace a file with the same path', () => {
    const override: MachineConfig = {
      metadata: { name: '99-worker-zz', labels: { [ROLE]: 'worker' } },
      spec: {
        config: {
          ignition: { version: '3.2.0' },
          storage: {
            files: [{ path: '/etc/crio/crio.conf.d/00-default', contents: { source: 'data:,x' } }],
          },
        },
      },
    };
    const text = JSON.stringify(ok(worker, [...workerConfigs, override]).spec.config);
    expect(text.split('/etc/crio/crio.conf.d/00-default')).toHaveLength(2);
    expect(text).toContain('data:,x');
  });

  it('reports render failures with the MCO message', () => {
    expect(renderPool(customPool('gpu'), [])).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Failed to render configuration for pool gpu: no MachineConfigs found matching selector /,
      ) as string,
    });
    const all = { metadata: { name: 'all' }, spec: { machineConfigSelector: {} } };
    expect(renderPool(all, workerConfigs).ok).toBe(false);
  });
});
