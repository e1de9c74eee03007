import type { FC } from 'react';
import { useEffect } from 'react';
import { useWizardContext } from '@patternfly/react-core';

interface JumpToStepProps {
  stepId: string;
  /** Jumps when this turns true (rendered inside the active step, so only while it is shown). */
  when: boolean;
  onJump?: () => void;
}

/** Moves the wizard to another step when something happens outside it (a watch event). */
export const JumpToStep: FC<JumpToStepProps> = ({ stepId, when, onJump }) => {
  const { goToStepById } = useWizardContext();
  useEffect(() => {
    if (!when) return;
    goToStepById(stepId);
    onJump?.();
  }, [when, stepId, goToStepById, onJump]);
  return null;
};
