import type { FC } from 'react';
import { Button, useWizardContext, WizardFooterWrapper } from '@patternfly/react-core';
import { useKataTranslation } from '../../i18n';

interface StepFooterProps {
  nextLabel: string;
  /** Runs instead of going to the next step (which it may do through `goTo`). */
  onNext?: (goTo: (stepId: string) => void) => void | Promise<void>;
  isNextDisabled?: boolean;
  isNextLoading?: boolean;
  isNextDanger?: boolean;
  showBack?: boolean;
  /** Leaves the wizard; hidden once the uninstall has started. */
  onCancel?: () => void;
}

/** A wizard footer whose buttons can jump to any step (the PatternFly one only goes next/back). */
export const StepFooter: FC<StepFooterProps> = ({
  nextLabel,
  onNext,
  isNextDisabled = false,
  isNextLoading = false,
  isNextDanger = false,
  showBack = true,
  onCancel,
}) => {
  const { t } = useKataTranslation();
  const { goToNextStep, goToPrevStep, goToStepById } = useWizardContext();
  return (
    <WizardFooterWrapper>
      <Button
        variant={isNextDanger ? 'danger' : 'primary'}
        isDisabled={isNextDisabled}
        isLoading={isNextLoading}
        onClick={() => void (onNext ? onNext(goToStepById) : goToNextStep())}
        data-test="wizard-next"
      >
        {nextLabel}
      </Button>
      {showBack ? (
        <Button variant="secondary" onClick={() => void goToPrevStep()} data-test="wizard-back">
          {t('Back')}
        </Button>
      ) : null}
      {onCancel ? (
        <Button variant="link" onClick={onCancel} data-test="wizard-cancel">
          {t('Cancel')}
        </Button>
      ) : null}
    </WizardFooterWrapper>
  );
};
