import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import { groupVersionKindOf } from '../../../shared/k8s/model';
import { RuntimeClassModel } from '../../../shared/k8s/models';
import type { RuntimeClass } from '../../../shared/k8s/types';
import { KataConfigModel } from '../../../shared/kataconfig/models';
import type { KataConfig } from '../../../shared/kataconfig/types';
import { MachineConfigModel, MachineConfigPoolModel } from '../../../shared/mco/models';
import type { MachineConfig, MachineConfigPool } from '../../../shared/mco/types';

/** The SDK types the load error as `any`; nothing is known about it until it is inspected. */
type WatchResult<T> = [T, boolean, unknown];

/** One KataConfig, live, by name. */
export const useKataConfig = (name: string): WatchResult<KataConfig | undefined> =>
  useK8sWatchResource<KataConfig>({ groupVersionKind: groupVersionKindOf(KataConfigModel), name });

/** Pools, live; a user who may not list them gets the error instead of a spinner. */
export const usePools = (): WatchResult<MachineConfigPool[]> =>
  useK8sWatchResource<MachineConfigPool[]>({
    groupVersionKind: groupVersionKindOf(MachineConfigPoolModel),
    isList: true,
  });

export interface OwnedObjectsWatch {
  pools: MachineConfigPool[];
  machineConfigs: MachineConfig[];
  runtimeClasses: RuntimeClass[];
  loaded: boolean;
  /** The first error among the three lists: the section says which could not be read. */
  loadError: unknown;
}

/** The objects the operator creates for a KataConfig, live. */
export const useOwnedObjectsWatch = (): OwnedObjectsWatch => {
  const [pools, poolsLoaded, poolsError] = usePools();
  const machineConfigsWatch: WatchResult<MachineConfig[]> = useK8sWatchResource<MachineConfig[]>({
    groupVersionKind: groupVersionKindOf(MachineConfigModel),
    isList: true,
  });
  const runtimeClassesWatch: WatchResult<RuntimeClass[]> = useK8sWatchResource<RuntimeClass[]>({
    groupVersionKind: groupVersionKindOf(RuntimeClassModel),
    isList: true,
  });
  const [machineConfigs, mcLoaded, mcError] = machineConfigsWatch;
  const [runtimeClasses, rcLoaded, rcError] = runtimeClassesWatch;
  // The first failure is shown; a falsy `unknown` error means none.
  const loadError: unknown = [poolsError, mcError, rcError].find(Boolean);
  return {
    pools,
    machineConfigs,
    runtimeClasses,
    loaded: (poolsLoaded && mcLoaded && rcLoaded) || Boolean(loadError),
    loadError,
  };
};
