import { useState } from 'react';
import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import { groupVersionKindOf } from '../../../shared/k8s/model';
import { NodeModel } from '../../../shared/k8s/models';
import type { Node } from '../../../shared/k8s/types';
import { KataConfigModel } from '../../../shared/kataconfig/models';
import { isConvergedCluster, kataNodeRoleLabel } from '../../../shared/kataconfig/statusDerivation';
import type { KataConfig } from '../../../shared/kataconfig/types';
import { MachineConfigPoolModel } from '../../../shared/mco/models';
import type { MachineConfigPool } from '../../../shared/mco/types';

/** The SDK types the load error as `any`; nothing is known about it until it is inspected. */
type WatchResult<T> = [T, boolean, unknown];

export interface UninstallTarget {
  /** The KataConfig as it is now; undefined once it is gone (or if it never existed). */
  kataConfig: KataConfig | undefined;
  /** The last state seen, kept after the object is gone so the wizard can still name things. */
  lastSeen: KataConfig | undefined;
  loaded: boolean;
  loadError: unknown;
  pools: MachineConfigPool[];
  poolsError: unknown;
  /** Names of the nodes that carry the kata role label now. */
  labelledNodeNames: string[];
}

/**
 * The KataConfig being uninstalled, watched as a one-item list (a field selector on its name),
 * so its deletion shows at once as an empty list; plus the pools and the kata-labelled nodes.
 */
export const useUninstallTarget = (name: string): UninstallTarget => {
  const kataConfigsWatch: WatchResult<KataConfig[]> = useK8sWatchResource<KataConfig[]>({
    groupVersionKind: groupVersionKindOf(KataConfigModel),
    isList: true,
    fieldSelector: `metadata.name=${name}`,
  });
  const poolsWatch: WatchResult<MachineConfigPool[]> = useK8sWatchResource<MachineConfigPool[]>({
    groupVersionKind: groupVersionKindOf(MachineConfigPoolModel),
    isList: true,
  });
  const [kataConfigs, loaded, loadError] = kataConfigsWatch;
  const [pools, , poolsError] = poolsWatch;
  const nodeLabel = kataNodeRoleLabel(isConvergedCluster(pools));
  const nodesWatch: WatchResult<Node[]> = useK8sWatchResource<Node[]>({
    groupVersionKind: groupVersionKindOf(NodeModel),
    isList: true,
    selector: { matchExpressions: [{ key: nodeLabel, operator: 'Exists' }] },
  });
  const [nodes] = nodesWatch;

  const kataConfig = kataConfigs.find((item) => item.metadata?.name === name);
  // Derived state: remembered during render so the object's last state outlives its deletion.
  const [lastSeen, setLastSeen] = useState<KataConfig | undefined>(undefined);
  if (kataConfig && kataConfig !== lastSeen) setLastSeen(kataConfig);

  return {
    kataConfig,
    lastSeen: kataConfig ?? lastSeen,
    loaded,
    loadError,
    pools,
    poolsError,
    labelledNodeNames: nodes.flatMap((node) => (node.metadata?.name ? [node.metadata.name] : [])),
  };
};
