import type { FC } from 'react';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Button,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { CheckCircleIcon } from '@patternfly/react-icons';
import { Link } from 'react-router';
import { groupVersionKindOf } from '../../../shared/k8s/model';
import { findInProgressCondition, kataNodesOf } from '../../../shared/kataconfig/accessors';
import type { KataConfig } from '../../../shared/kataconfig/types';
import { MachineConfigPoolModel } from '../../../shared/mco/models';
import { useKataTranslation } from '../../i18n';
import { kataConfigListPath } from '../../kataconfig/kataConfigPaths';
import { RolloutView } from '../../rollout/RolloutView';

const NODES_PATH = '/k8s/cluster/nodes';

// Router links for buttons, defined once so they are not re-mounted.
const ListLink: FC<object> = (props) => <Link {...props} to={kataConfigListPath()} />;
const NodesLink: FC<object> = (props) => <Link {...props} to={NODES_PATH} />;

interface ProgressStepProps {
  name: string;
  /** The live KataConfig; undefined once it is gone. */
  kataConfig: KataConfig | undefined;
  gone: boolean;
  rolloutPoolName: string;
  blockedMessage: string | null;
}

/** Step 4: the uninstall running, followed live until the KataConfig is gone. */
export const ProgressStep: FC<ProgressStepProps> = ({
  name,
  kataConfig,
  gone,
  rolloutPoolName,
  blockedMessage,
}) => {
  const { t } = useKataTranslation();

  if (gone) {
    return (
      <EmptyState
        titleText={t('KataConfig {{name}} is uninstalled', { name })}
        headingLevel="h2"
        icon={CheckCircleIcon}
        status="success"
        data-test="uninstall-done"
      >
        <EmptyStateBody>
          {t(
            'The kata nodes were rolled back, the RuntimeClasses removed and the KataConfig deleted. Pods can no longer use the kata runtime.',
          )}
        </EmptyStateBody>
        <EmptyStateFooter>
          <EmptyStateActions>
            <Button variant="primary" component={ListLink} data-test="done-kataconfigs">
              {t('Go to KataConfigs')}
            </Button>
          </EmptyStateActions>
          <EmptyStateActions>
            <Button variant="link" component={NodesLink} data-test="done-nodes">
              {t('View nodes')}
            </Button>
            <ResourceLink
              groupVersionKind={groupVersionKindOf(MachineConfigPoolModel)}
              name={rolloutPoolName}
            />
          </EmptyStateActions>
        </EmptyStateFooter>
      </EmptyState>
    );
  }

  const condition = findInProgressCondition(kataConfig);
  const kataNodes = kataNodesOf(kataConfig);
  const leaving = [...kataNodes.uninstalling, ...kataNodes.waitingToUninstall];
  return (
    <Stack hasGutter data-test="uninstall-progress">
      <StackItem>
        {blockedMessage ? (
          <Alert
            variant="danger"
            isInline
            title={t('The uninstall is waiting for pods that use kata')}
            data-test="progress-blocked"
          >
            {blockedMessage}
          </Alert>
        ) : (
          <Alert
            variant="info"
            isInline
            title={
              condition?.message
                ? t('Uninstalling: {{message}}', { message: condition.message })
                : t('Uninstall requested; waiting for the operator')
            }
            data-test="progress-status"
          >
            {leaving.length > 0
              ? t('Nodes leaving the kata pool: {{nodes}}', { nodes: leaving.join(', ') })
              : t('This page follows the rollout until the KataConfig is gone.')}
          </Alert>
        )}
      </StackItem>
      <StackItem>
        <RolloutView poolName={rolloutPoolName} />
      </StackItem>
    </Stack>
  );
};
