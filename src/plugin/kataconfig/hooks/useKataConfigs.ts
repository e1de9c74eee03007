import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import { groupVersionKindOf } from '../../../shared/k8s/model';
import type { KataConfig } from '../../../shared/kataconfig/types';
import { KataConfigModel } from '../../../shared/kataconfig/models';
import { MachineConfigPoolModel } from '../../../shared/mco/models';
import type { MachineConfigPool } from '../../../shared/mco/types';

/** The SDK types the load error as `any`; nothing is known about it until it is inspected. */
type WatchResult<T> = [T, boolean, unknown];

export interface KataConfigsWatch {
  kataConfigs: KataConfig[];
  pools: MachineConfigPool[];
  loaded: boolean;
  /** Why KataConfigs could not be listed (with the server's message), if they could not. */
  loadError: unknown;
  /** Why pools could not be listed; states then lack pool progress. */
  poolsError: unknown;
}

/** KataConfigs and the MachineConfigPools their state depends on, both live. */
export const useKataConfigs = (): KataConfigsWatch => {
  const kataConfigsWatch: WatchResult<KataConfig[]> = useK8sWatchResource<KataConfig[]>({
    groupVersionKind: groupVersionKindOf(KataConfigModel),
    isList: true,
  });
  const poolsWatch: WatchResult<MachineConfigPool[]> = useK8sWatchResource<MachineConfigPool[]>({
    groupVersionKind: groupVersionKindOf(MachineConfigPoolModel),
    isList: true,
  });
  const [kataConfigs, kataConfigsLoaded, kataConfigsError] = kataConfigsWatch;
  const [pools, poolsLoaded, poolsError] = poolsWatch;
  return {
    kataConfigs,
    pools,
    // A user who may not list pools still sees their KataConfigs; states then say "unknown".
    loaded: kataConfigsLoaded && (poolsLoaded || Boolean(poolsError)),
    loadError: kataConfigsError,
    poolsError,
  };
};
