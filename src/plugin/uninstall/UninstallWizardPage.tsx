import type { FC } from 'react';
import { useCallback, useState } from 'react';
import { DocumentTitle, k8sDelete, useAccessReview } from '@openshift-console/dynamic-plugin-sdk';
import {
  Bullseye,
  Button,
  EmptyState,
  EmptyStateBody,
  EmptyStateFooter,
  PageSection,
  Spinner,
  Title,
  Wizard,
  WizardStep,
} from '@patternfly/react-core';
import { Link, useNavigate, useParams } from 'react-router';
import { findInProgressCondition } from '../../shared/kataconfig/accessors';
import { IN_PROGRESS_REASONS } from '../../shared/kataconfig/constants';
import { KataConfigModel } from '../../shared/kataconfig/models';
import { rolloutPoolFor } from '../../shared/kataconfig/rolloutPool';
import { kataRuntimeClassNames } from '../../shared/workloads/kataPods';
import { uninstallImpact } from '../../shared/workloads/kataPodsUninstallImpact';
import { LoadError } from '../common/LoadError';
import { useKataPods } from '../common/useKataPods';
import { useKataTranslation } from '../i18n';
import { kataConfigDetailsPath, kataConfigListPath } from '../kataconfig/kataConfigPaths';
import { useUninstallTarget } from './hooks/useUninstallTarget';
import { BlockingPodsStep } from './steps/BlockingPodsStep';
import { ConfirmStep } from './steps/ConfirmStep';
import { ImpactStep } from './steps/ImpactStep';
import { JumpToStep } from './steps/JumpToStep';
import { ProgressStep } from './steps/ProgressStep';
import { StepFooter } from './steps/StepFooter';
import {
  BLOCKING_PODS_STEP_ID,
  CONFIRM_STEP_ID,
  IMPACT_STEP_ID,
  PROGRESS_STEP_ID,
} from './steps/stepIds';

const PROGRESS_STEP_INDEX = 4;

/** Renders the list link as a router link (defined once, so it is not re-mounted). */
const ListLink: FC<object> = (props) => <Link {...props} to={kataConfigListPath()} />;

/**
 * `console.page/route` for `/k8s/cluster/<KataConfig ref>/:name/uninstall`: a guided uninstall
 * that shows the impact, clears the pods that would block it, confirms, deletes the KataConfig
 * and follows the rollout until the object is gone.
 */
const UninstallWizardPage: FC = () => {
  const { t } = useKataTranslation();
  const { name = '' } = useParams();
  const navigate = useNavigate();
  const { kataConfig, lastSeen, loaded, loadError, pools, labelledNodeNames } =
    useUninstallTarget(name);
  const [deleteRequested, setDeleteRequested] = useState(false);
  const [deleteInFlight, setDeleteInFlight] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const [typedName, setTypedName] = useState('');
  // The blocked message the wizard last went back to the pod list for: the user may then return
  // to the progress step without being sent back until the operator says something new.
  const [blockedShownFor, setBlockedShownFor] = useState<string | null>(null);
  const [canDelete] = useAccessReview({
    group: KataConfigModel.apiGroup,
    resource: KataConfigModel.plural,
    verb: 'delete',
    name,
  });

  const known = kataConfig ?? lastSeen;
  const uninstallStarted = deleteRequested || Boolean(known?.metadata?.deletionTimestamp);
  const gone = loaded && !kataConfig && uninstallStarted;
  const blocking = useKataPods(kataRuntimeClassNames(known), loaded && !gone && !!known);
  const condition = findInProgressCondition(kataConfig);
  const blockedMessage =
    uninstallStarted && condition?.reason === IN_PROGRESS_REASONS.blockedByExistingKataPods
      ? condition.message
      : null;
  const onBlockedShown = useCallback(() => {
    setBlockedShownFor(blockedMessage);
  }, [blockedMessage]);
  const impact = uninstallImpact(known, labelledNodeNames, pools);
  const rolloutPoolName =
    (kataConfig?.metadata?.deletionTimestamp
      ? rolloutPoolFor(kataConfig, pools)?.metadata?.name
      : undefined) ?? impact.rolloutPoolName;

  const leave = () => {
    void navigate(kataConfigDetailsPath(name));
  };
  const startUninstall = async () => {
    if (!known) return;
    setDeleteInFlight(true);
    setDeleteError(null);
    try {
      await k8sDelete({ model: KataConfigModel, resource: known });
      setDeleteRequested(true);
    } catch (error) {
      setDeleteError(error);
    } finally {
      setDeleteInFlight(false);
    }
  };

  const title = t('Uninstall KataConfig {{name}}', { name });
  let body;
  if (loadError) {
    body = (
      <LoadError title={t('KataConfig {{name}} could not be loaded', { name })} error={loadError} />
    );
  } else if (!loaded) {
    body = (
      <Bullseye>
        <Spinner aria-label={t('Loading KataConfig')} />
      </Bullseye>
    );
  } else if (!known) {
    body = (
      <EmptyState
        titleText={t('KataConfig {{name}} not found', { name })}
        headingLevel="h2"
        data-test="uninstall-not-found"
      >
        <EmptyStateBody>{t('There is nothing to uninstall.')}</EmptyStateBody>
        <EmptyStateFooter>
          <Button variant="link" component={ListLink}>
            {t('Go to KataConfigs')}
          </Button>
        </EmptyStateFooter>
      </EmptyState>
    );
  } else {
    body = (
      <Wizard
        startIndex={uninstallStarted ? PROGRESS_STEP_INDEX : 1}
        onClose={leave}
        navAriaLabel={t('Uninstall steps')}
        data-test="uninstall-wizard"
      >
        <WizardStep
          id={IMPACT_STEP_ID}
          name={t('Impact')}
          isDisabled={uninstallStarted}
          footer={<StepFooter nextLabel={t('Next')} showBack={false} onCancel={leave} />}
        >
          <ImpactStep impact={impact} />
        </WizardStep>
        <WizardStep
          id={BLOCKING_PODS_STEP_ID}
          name={t('Blocking pods')}
          footer={
            uninstallStarted ? (
              <StepFooter
                nextLabel={t('Follow the uninstall')}
                showBack={false}
                onNext={(goTo) => {
                  goTo(PROGRESS_STEP_ID);
                }}
              />
            ) : (
              <StepFooter nextLabel={t('Next')} onCancel={leave} />
            )
          }
        >
          <JumpToStep stepId={PROGRESS_STEP_ID} when={gone} />
          <BlockingPodsStep blocking={blocking} blockedMessage={blockedMessage} />
        </WizardStep>
        <WizardStep
          id={CONFIRM_STEP_ID}
          name={t('Confirm')}
          isDisabled={uninstallStarted}
          footer={
            <StepFooter
              nextLabel={t('Uninstall')}
              isNextDanger
              isNextDisabled={!canDelete || typedName !== name || deleteInFlight}
              isNextLoading={deleteInFlight}
              onNext={startUninstall}
              onCancel={leave}
            />
          }
        >
          {/* Only once the progress step is enabled (a render after the delete) can it be shown. */}
          <JumpToStep stepId={PROGRESS_STEP_ID} when={uninstallStarted} />
          <ConfirmStep
            name={name}
            typed={typedName}
            onTyped={setTypedName}
            canDelete={canDelete}
            blockingPodCount={blocking.pods.length}
            deleteError={deleteError}
          />
        </WizardStep>
        <WizardStep
          id={PROGRESS_STEP_ID}
          name={t('Progress')}
          isDisabled={!uninstallStarted}
          footer={
            <StepFooter
              nextLabel={t('Close')}
              showBack={false}
              onNext={() => {
                void navigate(kataConfigListPath());
              }}
            />
          }
        >
          <JumpToStep
            stepId={BLOCKING_PODS_STEP_ID}
            when={blockedMessage !== null && blockedMessage !== blockedShownFor}
            onJump={onBlockedShown}
          />
          <ProgressStep
            name={name}
            kataConfig={kataConfig}
            gone={gone}
            rolloutPoolName={rolloutPoolName}
            blockedMessage={blockedMessage}
          />
        </WizardStep>
      </Wizard>
    );
  }

  return (
    <>
      <DocumentTitle>{title}</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1" data-test="uninstall-title">
          {title}
        </Title>
      </PageSection>
      <PageSection isFilled>{body}</PageSection>
    </>
  );
};

export default UninstallWizardPage;
