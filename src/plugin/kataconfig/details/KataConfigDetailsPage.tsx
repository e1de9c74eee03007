import type { FC } from 'react';
import { DocumentTitle, HorizontalNav } from '@openshift-console/dynamic-plugin-sdk';
import {
  Breadcrumb,
  BreadcrumbItem,
  Bullseye,
  Flex,
  FlexItem,
  PageSection,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { Link, useParams } from 'react-router';
import { rolloutPoolFor } from '../../../shared/kataconfig/rolloutPool';
import { deriveKataConfigUserState } from '../../../shared/kataconfig/userState';
import { LoadError } from '../../common/LoadError';
import { useKataTranslation } from '../../i18n';
import { KataConfigActionsMenu } from '../actions/KataConfigActionsMenu';
import { KataConfigStateLabel } from '../components/KataConfigStateLabel';
import { kataConfigListPath } from '../kataConfigPaths';
import { KataConfigDetailsTab } from './KataConfigDetailsTab';
import { KataConfigEventsTab, KataConfigRolloutTab, KataConfigYamlTab } from './KataConfigTabs';
import { useKataConfig, usePools } from './useKataConfigDetails';

/** `console.page/resource/details` for KataConfig: Details, Rollout, YAML and Events tabs. */
const KataConfigDetailsPage: FC = () => {
  const { t } = useKataTranslation();
  const name = useParams().name ?? '';
  const [kataConfig, loaded, loadError] = useKataConfig(name);
  const [pools] = usePools();
  // The SDK may hand back a placeholder object before the first event: only a loaded one counts.
  const shown = loaded && !loadError ? kataConfig : undefined;

  const pages = [
    { href: '', name: t('Details'), component: KataConfigDetailsTab },
    { href: 'rollout', name: t('Rollout'), component: KataConfigRolloutTab },
    { href: 'yaml', name: t('YAML'), component: KataConfigYamlTab },
    { href: 'events', name: t('Events'), component: KataConfigEventsTab },
  ];

  return (
    <>
      <DocumentTitle>{t('{{name}} · KataConfig', { name })}</DocumentTitle>
      <PageSection hasBodyWrapper={false}>
        <Breadcrumb>
          <BreadcrumbItem
            render={() => <Link to={kataConfigListPath()}>{t('KataConfigs')}</Link>}
          />
          <BreadcrumbItem isActive>{t('KataConfig details')}</BreadcrumbItem>
        </Breadcrumb>
        <Flex
          justifyContent={{ default: 'justifyContentSpaceBetween' }}
          alignItems={{ default: 'alignItemsCenter' }}
        >
          <FlexItem>
            <Title headingLevel="h1" data-test="kataconfig-title">
              {name}
            </Title>
            {shown ? (
              <span data-test="kataconfig-header-state">
                <KataConfigStateLabel
                  state={deriveKataConfigUserState(shown, rolloutPoolFor(shown, pools))}
                />
              </span>
            ) : null}
          </FlexItem>
          {shown ? (
            <FlexItem>
              <KataConfigActionsMenu kataConfig={shown} />
            </FlexItem>
          ) : null}
        </Flex>
      </PageSection>
      {loadError ? (
        <PageSection hasBodyWrapper={false}>
          <LoadError title={t('The KataConfig could not be loaded')} error={loadError} />
        </PageSection>
      ) : !loaded ? (
        <Bullseye>
          <Spinner aria-label={t('Loading the KataConfig')} />
        </Bullseye>
      ) : (
        <HorizontalNav pages={pages} resource={kataConfig} />
      )}
    </>
  );
};

export default KataConfigDetailsPage;
