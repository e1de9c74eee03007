import type { FC } from 'react';
import {
  Button,
  Content,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalVariant,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { OverheadDiffRow } from '../../shared/workloads';
import { useKataTranslation } from '../i18n';
import { useOverheadText } from './useOverheadText';

interface OverheadConfirmModalProps {
  runtimeClassName: string;
  diff: OverheadDiffRow[];
  /** Advisory findings the user is saving despite; repeated so the decision is informed. */
  warningCount: number;
  saving: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

const TITLE_ID = 'kata-console-plugin__overhead-confirm-title';

/** Old and new values side by side, and what saving does, before anything is sent. */
export const OverheadConfirmModal: FC<OverheadConfirmModalProps> = ({
  runtimeClassName,
  diff,
  warningCount,
  saving,
  onConfirm,
  onCancel,
}) => {
  const { t } = useKataTranslation();
  const text = useOverheadText();
  return (
    <Modal
      isOpen
      variant={ModalVariant.small}
      onClose={onCancel}
      aria-labelledby={TITLE_ID}
      data-test="overhead-confirm"
    >
      <ModalHeader
        title={t('Save pod overhead of {{name}}?', { name: runtimeClassName })}
        labelId={TITLE_ID}
      />
      <ModalBody>
        <Table variant="compact" aria-label={t('Overhead changes')} data-test="overhead-diff">
          <Thead>
            <Tr>
              <Th>{t('Resource')}</Th>
              <Th>{t('Current')}</Th>
              <Th>{t('New')}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {diff.map((row) => (
              <Tr key={row.resource} data-test={`overhead-diff-${row.resource}`}>
                <Td dataLabel={t('Resource')}>{text.resourceName(row.resource)}</Td>
                <Td dataLabel={t('Current')}>{row.before ?? t('Not set')}</Td>
                <Td dataLabel={t('New')}>
                  {row.changed ? (
                    <strong>{row.after}</strong>
                  ) : (
                    t('{{value}} (unchanged)', { value: row.after })
                  )}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
        <Content component="p">
          {t(
            'New kata pods get the new overhead when they are created. Pods that exist keep theirs until they are recreated.',
          )}
        </Content>
        {warningCount > 0 ? (
          <Content component="p" data-test="overhead-confirm-warnings">
            {t('{{warningCount}} warnings still apply; they are listed on the page.', {
              warningCount,
            })}
          </Content>
        ) : null}
      </ModalBody>
      <ModalFooter>
        <Button
          variant="primary"
          onClick={onConfirm}
          isLoading={saving}
          isDisabled={saving}
          data-test="overhead-confirm-save"
        >
          {t('Save')}
        </Button>
        <Button variant="link" onClick={onCancel} data-test="overhead-confirm-cancel">
          {t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
