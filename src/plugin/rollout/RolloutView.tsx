import { useState, type FC } from 'react';
import {
  Alert,
  Bullseye,
  EmptyState,
  EmptyStateBody,
  Flex,
  FlexItem,
  Spinner,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { rowsInPhase } from '../../shared/mco/rolloutView';
import { LoadError } from '../common/LoadError';
import { errorMessage } from '../common/errorMessage';
import { useKataTranslation } from '../i18n';
import { PhaseFilter, type PhaseFilterValue } from './components/PhaseFilter';
import { PoolRolloutSummary } from './components/PoolRolloutSummary';
import { RolloutNodeTable } from './components/RolloutNodeTable';
import { useNow } from './hooks/useNow';
import { useRolloutModel } from './hooks/useRolloutModel';
import { useRolloutWatch } from './hooks/useRolloutWatch';

export interface RolloutViewProps {
  /** The MachineConfigPool whose rollout is shown, e.g. `kata-oc` or `worker`. */
  poolName: string;
}

/** How often "time in phase" moves on; a local clock, not a request. */
const CLOCK_MS = 10_000;

const isNotFound = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  ((error as { code?: unknown }).code === 404 ||
    (error as { response?: { status?: unknown } }).response?.status === 404);

/**
 * The live rollout of one MachineConfigPool, node by node: the pool's state, progress, ETA and
 * the MCO's messages, then every node's phase, time in phase and configs, filterable by phase.
 * Everything arrives through watches (no polling); bursts of events are coalesced into one
 * derivation and the table renders only the rows in view.
 */
export const RolloutView: FC<RolloutViewProps> = ({ poolName }) => {
  const { t } = useKataTranslation();
  const watch = useRolloutWatch(poolName);
  const model = useRolloutModel(watch);
  const now = useNow(CLOCK_MS);
  const [filter, setFilter] = useState<PhaseFilterValue>('all');

  if (watch.poolError) {
    return isNotFound(watch.poolError) ? (
      <Alert
        variant="warning"
        isInline
        title={t('MachineConfigPool {{pool}} does not exist', { pool: poolName })}
        data-test="rollout-pool-missing"
      >
        {t('Its nodes have no rollout to show. The pool may not have been created yet.')}
      </Alert>
    ) : (
      <LoadError
        title={t('MachineConfigPool {{pool}} could not be loaded', { pool: poolName })}
        error={watch.poolError}
      />
    );
  }
  if (!watch.poolLoaded || (watch.pool && !model)) {
    return (
      <Bullseye>
        <Spinner size="lg" aria-label={t('Loading the rollout')} data-test="rollout-loading" />
      </Bullseye>
    );
  }
  if (!model) {
    return (
      <Alert
        variant="warning"
        isInline
        title={t('MachineConfigPool {{pool}} does not exist', { pool: poolName })}
        data-test="rollout-pool-missing"
      />
    );
  }
  const rows = rowsInPhase(model.rows, filter);
  return (
    <Stack hasGutter data-test="rollout-view" data-pool={poolName}>
      <StackItem>
        <PoolRolloutSummary model={model} />
      </StackItem>
      {watch.nodesError ? (
        <StackItem>
          <LoadError title={t('Nodes could not be listed')} error={watch.nodesError} />
        </StackItem>
      ) : null}
      {watch.machineConfigNodesError ? (
        <StackItem>
          <Alert
            variant="info"
            isInline
            isPlain
            title={t('MachineConfigNodes could not be read; phases come from node annotations.')}
            data-test="rollout-mcn-error"
          >
            {errorMessage(watch.machineConfigNodesError)}
          </Alert>
        </StackItem>
      ) : null}
      <StackItem>
        <Flex
          justifyContent={{ default: 'justifyContentSpaceBetween' }}
          alignItems={{ default: 'alignItemsCenter' }}
        >
          <FlexItem>
            <PhaseFilter
              counts={model.phaseCounts}
              total={model.rows.length}
              selected={filter}
              onSelect={setFilter}
            />
          </FlexItem>
          <FlexItem data-test="rollout-source">
            {model.fromMachineConfigNodes > 0
              ? t('Phases from MachineConfigNodes ({{nodeCount}} nodes), else node annotations', {
                  nodeCount: model.fromMachineConfigNodes,
                })
              : t('Phases from node annotations')}
          </FlexItem>
        </Flex>
      </StackItem>
      <StackItem>
        {!watch.nodesLoaded && !watch.nodesError ? (
          <Bullseye>
            <Spinner size="lg" aria-label={t('Loading nodes')} />
          </Bullseye>
        ) : rows.length === 0 ? (
          <EmptyState
            titleText={
              filter === 'all' ? t('This pool has no nodes') : t('No node is in this phase')
            }
            headingLevel="h3"
            variant="sm"
            data-test="rollout-empty"
          >
            <EmptyStateBody>
              {filter === 'all'
                ? t('No node matches the pool’s node selector, or each belongs to another pool.')
                : t('Choose another phase to see its nodes.')}
            </EmptyStateBody>
          </EmptyState>
        ) : (
          <RolloutNodeTable rows={rows} now={now} />
        )}
      </StackItem>
    </Stack>
  );
};
