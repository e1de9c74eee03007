import type { FC } from 'react';
import type { MachineConfigPool } from '../../shared/mco/types';
import { RolloutView } from './RolloutView';

/** The "Node rollout" tab on every MachineConfigPool's details page (console passes `obj`). */
const MachineConfigPoolRolloutTab: FC<{ obj?: MachineConfigPool }> = ({ obj }) => (
  <RolloutView poolName={obj?.metadata?.name ?? ''} />
);

export default MachineConfigPoolRolloutTab;
