import type { FC } from 'react';
import { Label, Spinner } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { Link } from 'react-router';
import { summarizeOverhead } from '../../shared/workloads';
import type { OverheadOrigin } from '../../shared/workloads';
import { LoadError } from '../common/LoadError';
import { useKataTranslation } from '../i18n';
import { useRuntimeClasses } from './hooks/useRuntimeClasses';
import { podOverheadPath } from './overheadPaths';
import { useOverheadText } from './useOverheadText';

const ORIGIN_COLOR: Record<OverheadOrigin, 'green' | 'blue' | 'orange'> = {
  default: 'green',
  edited: 'blue',
  notSet: 'orange',
};

/**
 * Per kata RuntimeClass: CPU and memory overhead, whether it is the default or was edited, and
 * a link to the editor. Embedded on the KataConfig details page.
 */
export const OverheadSummary: FC<{ runtimeClassNames: string[] }> = ({ runtimeClassNames }) => {
  const { t } = useKataTranslation();
  const text = useOverheadText();
  const { runtimeClasses, loaded, loadError } = useRuntimeClasses();

  if (loadError) {
    return <LoadError title={t('RuntimeClasses could not be loaded')} error={loadError} />;
  }
  if (!loaded) {
    return <Spinner size="md" aria-label={t('Loading pod overhead')} />;
  }
  if (runtimeClassNames.length === 0) {
    return (
      <span data-test="overhead-summary-empty">
        {t('No RuntimeClass yet: it is created once kata is installed on the nodes.')}
      </span>
    );
  }
  return (
    <Table variant="compact" aria-label={t('Pod overhead')} data-test="overhead-summary">
      <Thead>
        <Tr>
          <Th>{t('RuntimeClass')}</Th>
          <Th>{t('CPU')}</Th>
          <Th>{t('Memory')}</Th>
          <Th>{t('Overhead')}</Th>
          <Th screenReaderText={t('Edit')} />
        </Tr>
      </Thead>
      <Tbody>
        {runtimeClassNames.map((name) => {
          const runtimeClass = runtimeClasses.find((item) => item.metadata?.name === name);
          const summary = summarizeOverhead(runtimeClass);
          return (
            <Tr key={name} data-test={`overhead-summary-${name}`}>
              <Td dataLabel={t('RuntimeClass')}>{name}</Td>
              {runtimeClass ? (
                <>
                  <Td dataLabel={t('CPU')}>{summary.cpu ?? '-'}</Td>
                  <Td dataLabel={t('Memory')}>{summary.memory ?? '-'}</Td>
                  <Td dataLabel={t('Overhead')}>
                    <Label isCompact color={ORIGIN_COLOR[summary.origin]}>
                      {text.origin(summary.origin)}
                    </Label>
                  </Td>
                  <Td dataLabel={t('Edit')}>
                    <Link to={podOverheadPath(name)} data-test={`overhead-summary-edit-${name}`}>
                      {t('Edit pod overhead')}
                    </Link>
                  </Td>
                </>
              ) : (
                <Td colSpan={4}>{t('Not found: the RuntimeClass does not exist (yet).')}</Td>
              )}
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};
