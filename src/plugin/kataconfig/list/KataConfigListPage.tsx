import type { FC } from 'react';
import {
  DocumentTitle,
  ListPageBody,
  ListPageHeader,
  useAccessReview,
} from '@openshift-console/dynamic-plugin-sdk';
import { Button } from '@patternfly/react-core';
import { Link } from 'react-router';
import { KataConfigModel } from '../../../shared/kataconfig/models';
import { LoadError } from '../../common/LoadError';
import { useKataTranslation } from '../../i18n';
import { useKataConfigs } from '../hooks/useKataConfigs';
import { kataConfigCreatePath } from '../kataConfigPaths';
import { KataConfigTable } from './KataConfigTable';

/** `console.page/resource/list` for KataConfig. */
const KataConfigListPage: FC = () => {
  const { t } = useKataTranslation();
  const { kataConfigs, pools, loaded, loadError } = useKataConfigs();
  const [canCreate] = useAccessReview({
    group: KataConfigModel.apiGroup,
    resource: KataConfigModel.plural,
    verb: 'create',
  });

  return (
    <>
      <DocumentTitle>{t('KataConfigs')}</DocumentTitle>
      <ListPageHeader title={t('KataConfigs')}>
        {canCreate && (
          <Button
            variant="primary"
            component={(props: object) => <Link {...props} to={kataConfigCreatePath()} />}
            data-test="create-kataconfig"
          >
            {t('Create KataConfig')}
          </Button>
        )}
      </ListPageHeader>
      <ListPageBody>
        {loadError ? (
          <LoadError title={t('KataConfigs could not be loaded')} error={loadError} />
        ) : (
          <KataConfigTable kataConfigs={kataConfigs} pools={pools} loaded={loaded} />
        )}
      </ListPageBody>
    </>
  );
};

export default KataConfigListPage;
