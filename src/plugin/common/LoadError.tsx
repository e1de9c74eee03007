import type { FC } from 'react';
import { Alert } from '@patternfly/react-core';
import { useKataTranslation } from '../i18n';
import { errorMessage } from './errorMessage';

interface LoadErrorProps {
  title: string;
  error: unknown;
}

/** A failed load, shown with the server's message instead of an endless spinner. */
export const LoadError: FC<LoadErrorProps> = ({ title, error }) => {
  const { t } = useKataTranslation();
  return (
    <Alert variant="danger" isInline title={title} data-test="load-error">
      {errorMessage(error) ?? t('Unknown error')}
    </Alert>
  );
};
