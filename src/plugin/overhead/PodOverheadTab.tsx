import type { FC } from 'react';
import type { PageComponentProps } from '@openshift-console/dynamic-plugin-sdk';
import { useAccessReview } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Card,
  CardBody,
  CardTitle,
  Spinner,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import { RuntimeClassModel } from '../../shared/k8s/models';
import type { RuntimeClass } from '../../shared/k8s/types';
import { kataRuntimeClassReason } from '../../shared/workloads';
import { useKataTranslation } from '../i18n';
import { contextSettled, useOverheadContext } from './hooks/useOverheadContext';
import { OverheadEditor } from './OverheadEditor';
import { RuntimeClassScheduling } from './RuntimeClassScheduling';

/** `console.tab/horizontalNav` "Pod overhead" on RuntimeClass details. */
const PodOverheadTab: FC<PageComponentProps<RuntimeClass>> = ({ obj }) => {
  const { t } = useKataTranslation();
  const context = useOverheadContext(obj);
  const name = obj?.metadata?.name ?? '';
  const [canPatch, checkingAccess] = useAccessReview({
    group: RuntimeClassModel.apiGroup,
    resource: RuntimeClassModel.plural,
    verb: 'patch',
    name,
  });

  if (!obj) {
    return (
      <Alert
        variant="danger"
        isInline
        title={t('RuntimeClass not found')}
        data-test="overhead-no-object"
      />
    );
  }
  if (!contextSettled(context) || checkingAccess) {
    return <Spinner size="lg" aria-label={t('Loading pod overhead')} />;
  }

  const kataReason = kataRuntimeClassReason(obj, context.kataConfigs.items);
  return (
    <Stack hasGutter data-test="pod-overhead-tab">
      <StackItem>
        <Title headingLevel="h2">{t('Pod overhead')}</Title>
      </StackItem>
      {kataReason === 'notKata' ? (
        <StackItem>
          <Alert
            variant="info"
            isInline
            title={t('{{name}} is not a kata RuntimeClass', { name })}
            data-test="overhead-not-kata"
          >
            {t(
              'Its handler is {{handler}} and no KataConfig lists it. This editor is for kata RuntimeClasses, whose pods run in a VM that needs the overhead reserved.',
              { handler: obj.handler },
            )}
          </Alert>
        </StackItem>
      ) : (
        <>
          <StackItem>
            <Card isCompact>
              <CardTitle>{t('Overhead per pod')}</CardTitle>
              <CardBody>
                <OverheadEditor runtimeClass={obj} context={context} canEdit={canPatch} />
              </CardBody>
            </Card>
          </StackItem>
          <StackItem>
            <Alert
              variant="info"
              isInline
              isPlain
              title={t('Your edit is kept')}
              data-test="overhead-reconciler-fact"
            >
              {t(
                'The bundled reconciler creates RuntimeClass kata only when it is missing and never overwrites an existing one, so an edited overhead stays. The OpenShift sandboxed containers operator does the same.',
              )}
            </Alert>
          </StackItem>
        </>
      )}
      <StackItem>
        <Card isCompact>
          <CardTitle>{t('Scheduling and admission')}</CardTitle>
          <CardBody>
            <RuntimeClassScheduling runtimeClass={obj} />
          </CardBody>
        </Card>
      </StackItem>
    </Stack>
  );
};

export default PodOverheadTab;
