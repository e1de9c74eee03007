import { useEffect, useRef, useState } from 'react';
import {
  deriveRolloutView,
  EMPTY_ROLLOUT_MEMORY,
  type RolloutMemory,
  type RolloutViewModel,
} from '../../../shared/mco/rolloutView';
import type { RolloutWatch } from './useRolloutWatch';

/** Long enough to fold a burst of watch events (a pool moving many nodes) into one update. */
export const COALESCE_MS = 200;

type Inputs = Pick<RolloutWatch, 'pool' | 'pools' | 'nodes' | 'machineConfigNodes'>;

/**
 * The rollout view model, derived at most once per `COALESCE_MS` however many watch events
 * arrive: every change in between is folded into the next derivation (a throttle, so a steady
 * stream of events cannot starve it). The first derivation runs as soon as possible. The memory
 * of the last derivation is kept, so unchanged nodes cost nothing and the ETA learns from nodes
 * seen to finish.
 */
export const useRolloutModel = ({
  pool,
  pools,
  nodes,
  machineConfigNodes,
}: Inputs): RolloutViewModel | undefined => {
  const [model, setModel] = useState<RolloutViewModel | undefined>(undefined);
  const latest = useRef<Inputs>({ pool, pools, nodes, machineConfigNodes });
  const memory = useRef<RolloutMemory>(EMPTY_ROLLOUT_MEMORY);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const derivedOnce = useRef(false);

  useEffect(() => {
    latest.current = { pool, pools, nodes, machineConfigNodes };
    if (timer.current !== undefined) return;
    const flush = () => {
      timer.current = undefined;
      derivedOnce.current = true;
      const inputs = latest.current;
      if (!inputs.pool) {
        setModel(undefined);
        return;
      }
      const derived = deriveRolloutView(
        {
          pool: inputs.pool,
          pools: inputs.pools,
          nodes: inputs.nodes,
          machineConfigNodes: inputs.machineConfigNodes,
          now: new Date().toISOString(),
        },
        memory.current,
      );
      memory.current = derived.memory;
      setModel(derived.model);
    };
    timer.current = setTimeout(flush, derivedOnce.current ? COALESCE_MS : 0);
  }, [pool, pools, nodes, machineConfigNodes]);

  useEffect(
    () => () => {
      if (timer.current !== undefined) clearTimeout(timer.current);
    },
    [],
  );
  return model;
};
