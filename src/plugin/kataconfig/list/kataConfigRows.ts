import type { KataConfig } from '../../../shared/kataconfig/types';
import { rolloutPoolFor } from '../../../shared/kataconfig/rolloutPool';
import type { KataConfigUserState } from '../../../shared/kataconfig/userState';
import { deriveKataConfigUserState } from '../../../shared/kataconfig/userState';
import type { MachineConfigPool } from '../../../shared/mco/types';

export interface KataConfigRow {
  name: string;
  state: KataConfigUserState;
  nodeCount: number | undefined;
  readyNodeCount: number | undefined;
  created: string | undefined;
}

/** One table row per KataConfig, sorted by name, with its state derived once. */
export const kataConfigRows = (
  kataConfigs: readonly KataConfig[],
  pools: readonly MachineConfigPool[],
): KataConfigRow[] =>
  kataConfigs
    .map((kataConfig) => {
      const state = deriveKataConfigUserState(kataConfig, rolloutPoolFor(kataConfig, pools));
      // Operators before 1.5 counted nodes in other fields; show theirs rather than nothing.
      const legacy = state.kind === 'legacyLayout' ? state.legacy : null;
      return {
        name: kataConfig.metadata?.name ?? '',
        state,
        nodeCount: legacy
          ? (legacy.totalNodesCount ?? undefined)
          : kataConfig.status?.kataNodes?.nodeCount,
        readyNodeCount: legacy
          ? (legacy.completedNodesCount ?? legacy.completedNodes.length)
          : kataConfig.status?.kataNodes?.readyNodeCount,
        created: kataConfig.metadata?.creationTimestamp,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
