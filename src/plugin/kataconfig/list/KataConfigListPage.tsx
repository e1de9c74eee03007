import type { FC } from 'react';
import {
  DocumentTitle,
  ListPageBody,
  ListPageHeader,
  useAccessReview,
} from '@openshift-console/dynamic-plugin-sdk';
import { Alert, Button } from '@patternfly/react-core';
import { Link } from 'react-router';
import { KataConfigModel } from '../../../shared/kataconfig/models';
import { errorMessage } from '../../common/errorMessage';
import { LoadError } from '../../common/LoadError';
import { useKataTranslation } from '../../i18n';
import { useKataConfigs } from '../hooks/useKataConfigs';
import { kataConfigCreatePath } from '../kataConfigPaths';
import { KataConfigTable } from './KataConfigTable';

/** Renders the create button as a router link (defined once, so it is not re-mounted). */
const CreateLink: FC<object> = (props) => <Link {...props} to={kataConfigCreatePath()} />;

/** `console.page/resource/list` for KataConfig. */
const KataConfigListPage: FC = () => {
  const { t } = useKataTranslation();
  const { kataConfigs, pools, loaded, loadError, poolsError } = useKataConfigs();
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
          <Button variant="primary" component={CreateLink} data-test="create-kataconfig">
            {t('Create KataConfig')}
          </Button>
        )}
      </ListPageHeader>
      <ListPageBody>
        {loadError ? (
          <LoadError title={t('KataConfigs could not be loaded')} error={loadError} />
        ) : (
          <>
            {poolsError ? (
              <Alert
                variant="warning"
                isInline
                title={t('Node rollout progress is unavailable')}
                data-test="pools-unavailable"
              >
                {errorMessage(poolsError)}
              </Alert>
            ) : null}
            <KataConfigTable kataConfigs={kataConfigs} pools={pools} loaded={loaded} />
          </>
        )}
      </ListPageBody>
    </>
  );
};

export default KataConfigListPage;
