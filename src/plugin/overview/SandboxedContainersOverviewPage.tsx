import type { FC } from 'react';
import {
  DocumentTitle,
  ResourceLink,
  useAccessReview,
} from '@openshift-console/dynamic-plugin-sdk';
import {
  Bullseye,
  Button,
  Card,
  CardBody,
  CardTitle,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Flex,
  PageSection,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { Link } from 'react-router';
import { groupVersionKindOf } from '../../shared/k8s/model';
import { RuntimeClassModel } from '../../shared/k8s/models';
import { runtimeClassesOf } from '../../shared/kataconfig/accessors';
import { KataConfigModel } from '../../shared/kataconfig/models';
import { rolloutPoolFor } from '../../shared/kataconfig/rolloutPool';
import type { KataConfig } from '../../shared/kataconfig/types';
import { deriveKataConfigUserState } from '../../shared/kataconfig/userState';
import type { MachineConfigPool } from '../../shared/mco/types';
import { LoadError } from '../common/LoadError';
import { useKataTranslation } from '../i18n';
import { KataConfigStateLabel } from '../kataconfig/components/KataConfigStateLabel';
import { useKataConfigs } from '../kataconfig/hooks/useKataConfigs';
import { kataConfigCreatePath, kataConfigTabPath } from '../kataconfig/kataConfigPaths';
import { kataConfigRows } from '../kataconfig/list/kataConfigRows';
import { RolloutView } from '../rollout/RolloutView';

const CreateLink: FC<object> = (props) => <Link {...props} to={kataConfigCreatePath()} />;

const KataConfigSummary: FC<{ kataConfig: KataConfig; pools: MachineConfigPool[] }> = ({
  kataConfig,
  pools,
}) => {
  const { t } = useKataTranslation();
  const name = kataConfig.metadata?.name ?? '';
  const pool = rolloutPoolFor(kataConfig, pools);
  const state = deriveKataConfigUserState(kataConfig, pool);
  const [row] = kataConfigRows([kataConfig], pools);
  const runtimeClasses = runtimeClassesOf(kataConfig);
  return (
    <>
      <Card data-test="overview-kataconfig">
        <CardTitle>{t('Installation')}</CardTitle>
        <CardBody>
          <DescriptionList isHorizontal>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('KataConfig')}</DescriptionListTerm>
              <DescriptionListDescription>
                <ResourceLink groupVersionKind={groupVersionKindOf(KataConfigModel)} name={name} />
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('State')}</DescriptionListTerm>
              <DescriptionListDescription data-test="overview-state">
                <KataConfigStateLabel state={state} />
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('Nodes ready')}</DescriptionListTerm>
              <DescriptionListDescription data-test="overview-ready">
                {row?.nodeCount === undefined
                  ? '-'
                  : t('{{ready}} of {{total}}', {
                      ready: row.readyNodeCount ?? 0,
                      total: row.nodeCount,
                    })}
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('RuntimeClasses')}</DescriptionListTerm>
              <DescriptionListDescription data-test="overview-runtimeclasses">
                {runtimeClasses.length === 0
                  ? t('Not created yet')
                  : runtimeClasses.map((rc) => (
                      <ResourceLink
                        key={rc}
                        groupVersionKind={groupVersionKindOf(RuntimeClassModel)}
                        name={rc}
                      />
                    ))}
              </DescriptionListDescription>
            </DescriptionListGroup>
          </DescriptionList>
          <Flex>
            <Link to={kataConfigTabPath(name, 'rollout')} data-test="overview-rollout-link">
              {t('Node rollout')}
            </Link>
            <Link to={kataConfigTabPath(name, 'events')}>{t('Events')}</Link>
            <Link to={kataConfigTabPath(name, 'yaml')}>{t('YAML')}</Link>
          </Flex>
        </CardBody>
      </Card>
      {pool?.metadata?.name ? (
        <Card>
          <CardTitle>{t('Rollout of pool {{pool}}', { pool: pool.metadata.name })}</CardTitle>
          <CardBody>
            <RolloutView poolName={pool.metadata.name} />
          </CardBody>
        </Card>
      ) : null}
    </>
  );
};

/** `/sandboxed-containers`: where sandboxed containers stand on this cluster, at a glance. */
const SandboxedContainersOverviewPage: FC = () => {
  const { t } = useKataTranslation();
  const { kataConfigs, pools, loaded, loadError } = useKataConfigs();
  const [canCreate] = useAccessReview({
    group: KataConfigModel.apiGroup,
    resource: KataConfigModel.plural,
    verb: 'create',
  });
  const sorted = [...kataConfigs].sort((a, b) =>
    (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''),
  );

  return (
    <>
      <DocumentTitle>{t('Sandboxed containers')}</DocumentTitle>
      <PageSection hasBodyWrapper={false}>
        <Title headingLevel="h1">{t('Sandboxed containers')}</Title>
      </PageSection>
      <PageSection hasBodyWrapper={false} data-test="sandboxed-containers-overview">
        {loadError ? (
          <LoadError title={t('KataConfigs could not be loaded')} error={loadError} />
        ) : !loaded ? (
          <Bullseye>
            <Spinner aria-label={t('Loading KataConfigs')} />
          </Bullseye>
        ) : sorted.length === 0 ? (
          <EmptyState
            titleText={t('Sandboxed containers are not installed')}
            headingLevel="h2"
            data-test="overview-empty"
          >
            <EmptyStateBody>
              {t(
                'Create a KataConfig to install the kata runtime on worker nodes. Each selected node is drained and rebooted once.',
              )}
            </EmptyStateBody>
            {canCreate ? (
              <EmptyStateFooter>
                <EmptyStateActions>
                  <Button variant="primary" component={CreateLink} data-test="overview-create">
                    {t('Create KataConfig')}
                  </Button>
                </EmptyStateActions>
              </EmptyStateFooter>
            ) : null}
          </EmptyState>
        ) : (
          sorted.map((kataConfig) => (
            <KataConfigSummary
              key={kataConfig.metadata?.name}
              kataConfig={kataConfig}
              pools={pools}
            />
          ))
        )}
      </PageSection>
    </>
  );
};

export default SandboxedContainersOverviewPage;
