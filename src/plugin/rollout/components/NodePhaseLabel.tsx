import type { FC } from 'react';
import { Label, type LabelProps } from '@patternfly/react-core';
import {
  CheckCircleIcon,
  ExclamationCircleIcon,
  HourglassHalfIcon,
  InProgressIcon,
  QuestionCircleIcon,
} from '@patternfly/react-icons';
import type { NodePhase } from '../../../shared/mco/nodePhase';
import { useRolloutText } from '../useRolloutText';

type LabelLook = Pick<LabelProps, 'status' | 'color' | 'icon'>;

const LOOK: Record<NodePhase, LabelLook> = {
  queued: { color: 'grey', icon: <HourglassHalfIcon /> },
  cordoned: { color: 'blue', icon: <InProgressIcon /> },
  draining: { color: 'blue', icon: <InProgressIcon /> },
  applying: { color: 'blue', icon: <InProgressIcon /> },
  rebooting: { color: 'blue', icon: <InProgressIcon /> },
  done: { status: 'success', icon: <CheckCircleIcon /> },
  degraded: { status: 'danger', icon: <ExclamationCircleIcon /> },
  unknown: { color: 'grey', icon: <QuestionCircleIcon /> },
};

/** A node's rollout phase as a compact label; colour and icon come from PatternFly's tokens. */
export const NodePhaseLabel: FC<{ phase: NodePhase }> = ({ phase }) => {
  const text = useRolloutText();
  return (
    <Label isCompact {...LOOK[phase]} data-test={`node-phase-${phase}`}>
      {text.phase(phase)}
    </Label>
  );
};
