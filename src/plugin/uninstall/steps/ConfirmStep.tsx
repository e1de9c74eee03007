import type { FC } from 'react';
import { Alert, Content, Form, FormGroup, TextInput } from '@patternfly/react-core';
import { errorMessage } from '../../common/errorMessage';
import { useKataTranslation } from '../../i18n';

interface ConfirmStepProps {
  name: string;
  typed: string;
  onTyped: (value: string) => void;
  canDelete: boolean;
  /** Pods still using kata: the operator waits for them after the delete. */
  blockingPodCount: number;
  /** Why the delete failed, with the server's message. */
  deleteError: unknown;
}

/** Step 3: the user types the KataConfig's name to confirm. */
export const ConfirmStep: FC<ConfirmStepProps> = ({
  name,
  typed,
  onTyped,
  canDelete,
  blockingPodCount,
  deleteError,
}) => {
  const { t } = useKataTranslation();
  if (!canDelete) {
    return (
      <Alert
        variant="info"
        isInline
        title={t('You may not delete KataConfigs')}
        data-test="confirm-forbidden"
      >
        {t('Ask a cluster administrator to uninstall sandboxed containers.')}
      </Alert>
    );
  }
  return (
    <div data-test="uninstall-confirm">
      <Content component="p">
        {t(
          'Uninstall deletes KataConfig {{name}}. The kata nodes are then drained and rebooted one round at a time. This cannot be cancelled or undone once it has started.',
          { name },
        )}
      </Content>
      {blockingPodCount > 0 ? (
        <Alert
          variant="warning"
          isInline
          title={t('{{podCount}} pod(s) still use kata', { podCount: blockingPodCount })}
          data-test="confirm-blocking-pods"
        >
          {t(
            'The operator waits until they are gone before it changes any node. The wizard returns to the list of pods if it does.',
          )}
        </Alert>
      ) : null}
      <Form
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        <FormGroup label={t('Type {{name}} to confirm', { name })} fieldId="kata-uninstall-confirm">
          <TextInput
            id="kata-uninstall-confirm"
            value={typed}
            onChange={(_event, value) => {
              onTyped(value);
            }}
            autoComplete="off"
            data-test="confirm-name"
          />
        </FormGroup>
      </Form>
      {deleteError ? (
        <Alert
          variant="danger"
          isInline
          title={t('KataConfig {{name}} could not be deleted', { name })}
          data-test="delete-error"
        >
          {errorMessage(deleteError) ?? t('Unknown error')}
        </Alert>
      ) : null}
    </div>
  );
};
