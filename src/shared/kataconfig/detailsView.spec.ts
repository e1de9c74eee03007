import type { RuntimeClass } from '../k8s/types';
import type { MachineConfig, MachineConfigPool } from '../mco/types';
import { ownedObjects, selectorTerms, specView } from './detailsView';
import type { KataConfig } from './types';

describe('selectorTerms', () => {
  it('writes every term in kubectl -l syntax', () => {
    expect(
      selectorTerms({
        matchLabels: { 'custom-kata1': 'test' },
        matchExpressions: [
          { key: 'zone', operator: 'In', values: ['a', 'b'] },
          { key: 'zone', operator: 'NotIn', values: ['c'] },
          { key: 'gpu', operator: 'Exists' },
          { key: 'slow', operator: 'DoesNotExist' },
        ],
      }),
    ).toEqual(['custom-kata1=test', 'zone in (a,b)', 'zone notin (c)', 'gpu', '!slow']);
    expect(selectorTerms(null)).toEqual([]);
  });
});

describe('specView', () => {
  it('fills CRD defaults and reads no selector as all workers', () => {
    expect(specView({ metadata: { name: 'k' } })).toEqual({
      selectorTerms: null,
      checkNodeEligibility: false,
      logLevel: 'info',
      enablePeerPods: false,
    });
    expect(
      specView({
        spec: {
          kataConfigPoolSelector: { matchLabels: { a: 'b' } },
          checkNodeEligibility: true,
          logLevel: 'debug',
          enablePeerPods: true,
        },
      }),
    ).toEqual({
      selectorTerms: ['a=b'],
      checkNodeEligibility: true,
      logLevel: 'debug',
      enablePeerPods: true,
    });
  });
});

describe('ownedObjects', () => {
  const kataConfig: KataConfig = {
    metadata: { name: 'example-kataconfig' },
    status: { runtimeClasses: ['kata', 'kata-remote'] },
  };
  const pools: MachineConfigPool[] = [
    { metadata: { name: 'worker' }, status: { machineCount: 1 } },
    { metadata: { name: 'master' }, status: { machineCount: 3 } },
    {
      metadata: { name: 'kata-oc' },
      spec: { paused: true },
      status: {
        machineCount: 2,
        updatedMachineCount: 1,
        readyMachineCount: 1,
        degradedMachineCount: 1,
        conditions: [{ type: 'Degraded', status: 'True' }],
      },
    },
  ];
  const machineConfigs: MachineConfig[] = [
    { metadata: { name: '00-worker' } },
    {
      metadata: { name: '50-enable-sandboxed-containers-extension' },
      spec: { extensions: ['kata-containers'] },
    },
  ];
  const runtimeClasses: RuntimeClass[] = [{ metadata: { name: 'kata' }, handler: 'kata' }];

  it('finds the MachineConfig, the rolling pool and each RuntimeClass with its status', () => {
    const owned = ownedObjects(kataConfig, pools, machineConfigs, runtimeClasses);
    expect(owned.machineConfig).toEqual({
      name: '50-enable-sandboxed-containers-extension',
      extensions: ['kata-containers'],
    });
    expect(owned.pool).toMatchObject({
      name: 'kata-oc',
      machineCount: 2,
      updatedMachineCount: 1,
      degraded: true,
      paused: true,
    });
    expect(owned.runtimeClasses).toEqual([
      { name: 'kata', exists: true, handler: 'kata' },
      { name: 'kata-remote', exists: false, handler: null },
    ]);
  });

  it('says what is missing before the operator wrote it', () => {
    expect(ownedObjects({ metadata: { name: 'k' } }, [], [], [])).toEqual({
      machineConfig: null,
      pool: null,
      runtimeClasses: [],
    });
  });
});
