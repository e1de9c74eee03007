import { memo, type FC } from 'react';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Progress,
  ProgressMeasureLocation,
  ProgressVariant,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { groupVersionKindOf } from '../../../shared/k8s/model';
import { MachineConfigPoolModel } from '../../../shared/mco/models';
import type { RolloutViewModel } from '../../../shared/mco/rolloutView';
import { useKataTranslation } from '../../i18n';
import { useRolloutText } from '../useRolloutText';

const POOL_GVK = groupVersionKindOf(MachineConfigPoolModel);

const progressVariant = (model: RolloutViewModel): ProgressVariant | undefined => {
  if (model.pool.state === 'degraded') return ProgressVariant.danger;
  if (model.pool.state === 'updated') return ProgressVariant.success;
  return undefined;
};

/**
 * The pool's side of the rollout: paused and degraded alerts with the MCO's own messages, a
 * progress bar of updated nodes, the state, the ETA (or why there is none) and maxUnavailable.
 */
export const PoolRolloutSummary: FC<{ model: RolloutViewModel }> = memo(({ model }) => {
  const { t } = useKataTranslation();
  const text = useRolloutText();
  const { pool } = model;
  const { counts } = pool;
  return (
    <Stack hasGutter>
      {pool.state === 'degraded' ? (
        <StackItem>
          <Alert
            variant="danger"
            isInline
            title={
              pool.degradedReason
                ? t('Pool {{pool}} is degraded: {{reason}}', {
                    pool: model.poolName,
                    reason: pool.degradedReason,
                  })
                : t('Pool {{pool}} is degraded', { pool: model.poolName })
            }
            data-test="rollout-degraded-alert"
          >
            {pool.message}
          </Alert>
        </StackItem>
      ) : null}
      {pool.paused ? (
        <StackItem>
          <Alert
            variant="warning"
            isInline
            title={t('Updates to pool {{pool}} are paused', { pool: model.poolName })}
            data-test="rollout-paused-alert"
          >
            {pool.state === 'paused' && pool.message
              ? pool.message
              : t('Nodes already updating finish; no other node starts until the pool is resumed.')}
          </Alert>
        </StackItem>
      ) : null}
      {model.refusedNodes.length > 0 ? (
        <StackItem>
          <Alert
            variant="warning"
            isInline
            title={t('The Machine Config Operator will not manage these nodes: {{nodes}}', {
              nodes: model.refusedNodes.join(', '),
            })}
            data-test="rollout-refused-alert"
          >
            {t('Each of them matches more than one custom pool.')}
          </Alert>
        </StackItem>
      ) : null}
      {pool.maxUnavailable.ok ? null : (
        <StackItem>
          <Alert
            variant="warning"
            isInline
            title={text.maxUnavailableError(pool.maxUnavailable.error)}
            data-test="rollout-max-unavailable-alert"
          />
        </StackItem>
      )}
      <StackItem>
        <Progress
          value={pool.percent}
          title={t('Nodes updated')}
          label={t('{{updated}} of {{total}} nodes updated', {
            updated: counts.updatedMachineCount,
            total: counts.machineCount,
          })}
          measureLocation={ProgressMeasureLocation.outside}
          variant={progressVariant(model)}
          data-test="rollout-progress"
        />
      </StackItem>
      <StackItem>
        <DescriptionList isHorizontal isCompact columnModifier={{ default: '2Col' }}>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('MachineConfigPool')}</DescriptionListTerm>
            <DescriptionListDescription>
              <ResourceLink groupVersionKind={POOL_GVK} name={model.poolName} />
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Pool state')}</DescriptionListTerm>
            <DescriptionListDescription data-test="rollout-pool-state">
              {text.poolState(pool.state)}
              {pool.state !== 'degraded' && pool.state !== 'paused' && pool.message
                ? ` · ${pool.message}`
                : null}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Time left')}</DescriptionListTerm>
            <DescriptionListDescription data-test="rollout-eta">
              {text.eta(model.eta)}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Nodes at a time')}</DescriptionListTerm>
            <DescriptionListDescription data-test="rollout-max-unavailable">
              {pool.maxUnavailable.ok ? pool.maxUnavailable.value : t('Not known')}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Unavailable nodes')}</DescriptionListTerm>
            <DescriptionListDescription>
              {counts.unavailableMachineCount}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Target config')}</DescriptionListTerm>
            <DescriptionListDescription data-test="rollout-target-config">
              {pool.targetConfig ?? t('None')}
            </DescriptionListDescription>
          </DescriptionListGroup>
        </DescriptionList>
      </StackItem>
    </Stack>
  );
});
PoolRolloutSummary.displayName = 'PoolRolloutSummary';
