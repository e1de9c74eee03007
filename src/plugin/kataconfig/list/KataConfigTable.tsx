import type { FC } from 'react';
import { ResourceLink, Timestamp } from '@openshift-console/dynamic-plugin-sdk';
import { Bullseye, EmptyState, EmptyStateBody, Spinner } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { groupVersionKindOf } from '../../../shared/k8s/model';
import { KataConfigModel } from '../../../shared/kataconfig/models';
import type { KataConfig } from '../../../shared/kataconfig/types';
import type { MachineConfigPool } from '../../../shared/mco/types';
import { useKataTranslation } from '../../i18n';
import { KataConfigStateLabel } from '../components/KataConfigStateLabel';
import { kataConfigRows } from './kataConfigRows';

interface KataConfigTableProps {
  kataConfigs: KataConfig[];
  pools: MachineConfigPool[];
  loaded: boolean;
}

export const KataConfigTable: FC<KataConfigTableProps> = ({ kataConfigs, pools, loaded }) => {
  const { t } = useKataTranslation();

  if (!loaded) {
    return (
      <Bullseye>
        <Spinner aria-label={t('Loading KataConfigs')} />
      </Bullseye>
    );
  }
  if (kataConfigs.length === 0) {
    return (
      <EmptyState titleText={t('No KataConfig yet')} headingLevel="h2" data-test="empty-state">
        <EmptyStateBody>
          {t(
            'Create a KataConfig to install the sandboxed containers runtime on the selected nodes. Each node is drained and rebooted once.',
          )}
        </EmptyStateBody>
      </EmptyState>
    );
  }

  const rows = kataConfigRows(kataConfigs, pools);
  return (
    <Table aria-label={t('KataConfigs')} variant="compact" data-test="kataconfig-table">
      <Thead>
        <Tr>
          <Th>{t('Name')}</Th>
          <Th>{t('State')}</Th>
          <Th>{t('Nodes ready')}</Th>
          <Th>{t('Created')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          <Tr key={row.name} data-test={`kataconfig-row-${row.name}`}>
            <Td dataLabel={t('Name')}>
              <ResourceLink
                groupVersionKind={groupVersionKindOf(KataConfigModel)}
                name={row.name}
              />
            </Td>
            <Td dataLabel={t('State')}>
              <KataConfigStateLabel state={row.state} />
            </Td>
            <Td dataLabel={t('Nodes ready')} data-test="nodes-ready">
              {row.nodeCount === undefined
                ? '-'
                : t('{{ready}} of {{total}}', {
                    ready: row.readyNodeCount ?? 0,
                    total: row.nodeCount,
                  })}
            </Td>
            <Td dataLabel={t('Created')}>
              <Timestamp timestamp={row.created} />
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
