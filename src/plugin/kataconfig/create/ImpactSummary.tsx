import type { FC } from 'react';
import {
  Alert,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
} from '@patternfly/react-core';
import type { RolloutImpact } from '../../../shared/kataconfig/impact';
import { useKataTranslation } from '../../i18n';

const MINUTE_MS = 60_000;

/** What creating the KataConfig does to the nodes, said before anything happens. */
export const ImpactSummary: FC<{ impact: RolloutImpact }> = ({ impact }) => {
  const { t } = useKataTranslation();
  const nodeCount = impact.nodes.length;
  const duration = (() => {
    switch (impact.duration.kind) {
      case 'estimate':
        return t(
          'About {{minutes}} minutes ({{perNode}} minutes per node, from {{samples}} observed updates)',
          {
            minutes: Math.max(1, Math.round(impact.duration.totalMs / MINUTE_MS)),
            perNode: Math.max(1, Math.round(impact.duration.perNodeMs / MINUTE_MS)),
            samples: impact.duration.samples,
          },
        );
      case 'unknown':
        switch (impact.duration.reason) {
          case 'noNodes':
            return t('Nothing to roll out');
          case 'maxUnavailableInvalid':
            return t('Unknown: the pool maxUnavailable is not usable');
          case 'noObservations':
            return t(
              'Unknown: no node update has been observed on this cluster yet. Each node is drained and rebooted, which typically takes several minutes.',
            );
        }
    }
  })();
  return (
    <Alert
      variant={nodeCount > 0 ? 'warning' : 'info'}
      isInline
      title={
        nodeCount > 0
          ? t('{{nodeCount}} nodes will be cordoned, drained and rebooted', { nodeCount })
          : t('No node will be changed yet')
      }
      data-test="impact-summary"
    >
      <DescriptionList isCompact isHorizontal>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Pool that rolls')}</DescriptionListTerm>
          <DescriptionListDescription data-test="impact-pool">
            {impact.poolExists
              ? impact.poolName
              : t('{{pool}} (created by the operator)', { pool: impact.poolName })}
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('At a time')}</DescriptionListTerm>
          <DescriptionListDescription data-test="impact-at-a-time">
            {impact.atATime === null
              ? t('Unknown: maxUnavailable "{{value}}" is not usable', {
                  value: impact.maxUnavailableError?.params.value ?? '',
                })
              : t(
                  '{{atATime}} node(s) at a time (the pool maxUnavailable), in {{rounds}} round(s)',
                  {
                    atATime: impact.atATime,
                    rounds: impact.rounds ?? 0,
                  },
                )}
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Duration')}</DescriptionListTerm>
          <DescriptionListDescription data-test="impact-duration">
            {duration}
          </DescriptionListDescription>
        </DescriptionListGroup>
      </DescriptionList>
    </Alert>
  );
};
