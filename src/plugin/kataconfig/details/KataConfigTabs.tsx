import type { FC } from 'react';
import { Suspense } from 'react';
import {
  ResourceEventStream,
  ResourceYAMLEditor,
  useAccessReview,
} from '@openshift-console/dynamic-plugin-sdk';
import type { K8sResourceKind } from '@openshift-console/dynamic-plugin-sdk';
import { Alert, Content, Spinner, Title } from '@patternfly/react-core';
import { rolloutPoolFor } from '../../../shared/kataconfig/rolloutPool';
import { KataConfigModel } from '../../../shared/kataconfig/models';
import type { KataConfig } from '../../../shared/kataconfig/types';
import { LoadError } from '../../common/LoadError';
import { useKataTranslation } from '../../i18n';
import { RolloutView } from '../../rollout/RolloutView';
import { usePools } from './useKataConfigDetails';

interface TabProps {
  obj?: KataConfig;
}

/** The pool this KataConfig's rollout runs in, or why it is not known. */
const useRolloutPool = (kataConfig: KataConfig | undefined) => {
  const [pools, loaded, error] = usePools();
  return { pool: rolloutPoolFor(kataConfig, pools), loaded: loaded || Boolean(error), error };
};

/** Rollout tab: the live per-node view of the pool this KataConfig drives. */
export const KataConfigRolloutTab: FC<TabProps> = ({ obj }) => {
  const { t } = useKataTranslation();
  const { pool, loaded, error } = useRolloutPool(obj);
  if (error) return <LoadError title={t('MachineConfigPools could not be loaded')} error={error} />;
  if (!loaded) return <Spinner aria-label={t('Loading MachineConfigPools')} />;
  const poolName = pool?.metadata?.name;
  return poolName ? (
    <RolloutView poolName={poolName} />
  ) : (
    <Alert variant="info" isInline title={t('No pool is rolling yet')} data-test="rollout-no-pool">
      {t('The operator creates the kata pool once it has labelled the selected nodes.')}
    </Alert>
  );
};

/** YAML tab: console's resource YAML editor, read-only for users who may not update. */
export const KataConfigYamlTab: FC<TabProps> = ({ obj }) => {
  const { t } = useKataTranslation();
  const [canUpdate] = useAccessReview({
    group: KataConfigModel.apiGroup,
    resource: KataConfigModel.plural,
    verb: 'update',
    name: obj?.metadata?.name,
  });
  if (!obj) return null;
  return (
    <Suspense fallback={<Spinner aria-label={t('Loading the editor')} />}>
      <ResourceYAMLEditor initialResource={obj as K8sResourceKind} readOnly={!canUpdate} />
    </Suspense>
  );
};

/** Events tab: events of the KataConfig, then of the pool its rollout runs in. */
export const KataConfigEventsTab: FC<TabProps> = ({ obj }) => {
  const { t } = useKataTranslation();
  const { pool } = useRolloutPool(obj);
  if (!obj) return null;
  return (
    <div data-test="kataconfig-events">
      <Title headingLevel="h2">{t('KataConfig events')}</Title>
      <ResourceEventStream resource={obj} />
      <Title headingLevel="h2">
        {pool?.metadata?.name
          ? t('Events of pool {{pool}}', { pool: pool.metadata.name })
          : t('Pool events')}
      </Title>
      {pool ? (
        <ResourceEventStream resource={pool} />
      ) : (
        <Content component="p">{t('No pool is rolling yet.')}</Content>
      )}
    </div>
  );
};
