import type { FC, ReactNode } from 'react';
import { ResourceLink, Timestamp } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Grid,
  GridItem,
  Label,
  LabelGroup,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { groupVersionKindOf } from '../../../shared/k8s/model';
import { NodeModel, RuntimeClassModel } from '../../../shared/k8s/models';
import { ownedObjects, specView } from '../../../shared/kataconfig/detailsView';
import { rolloutPoolFor } from '../../../shared/kataconfig/rolloutPool';
import type { KataConfig, KataNodeListName } from '../../../shared/kataconfig/types';
import { KATA_NODE_LISTS } from '../../../shared/kataconfig/types';
import type { LegacyStatusSummary } from '../../../shared/kataconfig/userState';
import { deriveKataConfigUserState } from '../../../shared/kataconfig/userState';
import { MachineConfigModel, MachineConfigPoolModel } from '../../../shared/mco/models';
import { LoadError } from '../../common/LoadError';
import { useKataTranslation } from '../../i18n';
import { OverheadSummary } from '../../overhead/OverheadSummary';
import { KataConfigStateLabel } from '../components/KataConfigStateLabel';
import { useOwnedObjectsWatch } from './useKataConfigDetails';

/** Upstream writes "" for an unset reason and message: show a word instead of nothing. */
const nonEmptyOr = (text: string | undefined, fallback: string): string =>
  text === undefined || text === '' ? fallback : text;

const Item: FC<{ term: string; children: ReactNode; dataTest?: string }> = ({
  term,
  children,
  dataTest,
}) => (
  <DescriptionListGroup>
    <DescriptionListTerm>{term}</DescriptionListTerm>
    <DescriptionListDescription data-test={dataTest}>{children}</DescriptionListDescription>
  </DescriptionListGroup>
);

const NodeLinks: FC<{ names: string[]; dataTest: string }> = ({ names, dataTest }) => {
  const { t } = useKataTranslation();
  return names.length === 0 ? (
    <span data-test={dataTest}>{t('None')}</span>
  ) : (
    <LabelGroup numLabels={10} data-test={dataTest}>
      {names.map((name) => (
        <Label key={name} isCompact variant="outline">
          <ResourceLink groupVersionKind={groupVersionKindOf(NodeModel)} name={name} inline />
        </Label>
      ))}
    </LabelGroup>
  );
};

const useNodeListTitle = () => {
  const { t } = useKataTranslation();
  return (list: KataNodeListName): string => {
    switch (list) {
      case 'installed':
        return t('Installed');
      case 'installing':
        return t('Installing');
      case 'waitingToInstall':
        return t('Waiting to install');
      case 'failedToInstall':
        return t('Failed to install');
      case 'uninstalling':
        return t('Uninstalling');
      case 'waitingToUninstall':
        return t('Waiting to uninstall');
      case 'failedToUninstall':
        return t('Failed to uninstall');
    }
  };
};

/** Status written by an operator before 1.5, in its own terms. */
const LegacyStatus: FC<{ legacy: LegacyStatusSummary }> = ({ legacy }) => {
  const { t } = useKataTranslation();
  return (
    <>
      <Alert
        variant="info"
        isInline
        title={t('This KataConfig was written by an operator older than 1.5')}
        data-test="legacy-layout"
      >
        {t('Its status uses the old layout; it is shown here as that operator wrote it.')}
      </Alert>
      <DescriptionList isHorizontal>
        <Item term={t('Runtime class')}>{legacy.runtimeClassName ?? t('None')}</Item>
        <Item term={t('Total nodes')}>{legacy.totalNodesCount ?? '-'}</Item>
        <Item term={t('Completed nodes')}>
          <NodeLinks names={legacy.completedNodes} dataTest="legacy-completed" />
        </Item>
        <Item term={t('Installing nodes')}>
          <NodeLinks names={legacy.installingNodes} dataTest="legacy-installing" />
        </Item>
        <Item term={t('Failed nodes')} dataTest="legacy-failed">
          {legacy.failedNodes.length === 0
            ? t('None')
            : legacy.failedNodes.map((node) => (
                <div key={node.name}>
                  <ResourceLink
                    groupVersionKind={groupVersionKindOf(NodeModel)}
                    name={node.name}
                    inline
                  />{' '}
                  {node.error}
                </div>
              ))}
        </Item>
        <Item term={t('Uninstalling nodes')}>
          <NodeLinks names={legacy.uninstallingNodes} dataTest="legacy-uninstalling" />
        </Item>
        {legacy.uninstallErrorMessage ? (
          <Item term={t('Uninstall error')}>{legacy.uninstallErrorMessage}</Item>
        ) : null}
      </DescriptionList>
    </>
  );
};

/** The Details tab: state, condition, nodes, spec and owned objects, all live. */
export const KataConfigDetailsTab: FC<{ obj?: KataConfig }> = ({ obj }) => {
  const { t } = useKataTranslation();
  const nodeListTitle = useNodeListTitle();
  const owned = useOwnedObjectsWatch();
  if (!obj) return null;

  const pool = rolloutPoolFor(obj, owned.pools);
  const state = deriveKataConfigUserState(obj, pool);
  const spec = specView(obj);
  const objects = ownedObjects(obj, owned.pools, owned.machineConfigs, owned.runtimeClasses);
  const current = state.kind !== 'legacyLayout' && state.kind !== 'notInstalled' ? state : null;

  return (
    <Grid hasGutter data-test="kataconfig-details">
      <GridItem md={6}>
        <Title headingLevel="h2">{t('KataConfig details')}</Title>
        <DescriptionList>
          <Item term={t('Name')}>{obj.metadata?.name}</Item>
          <Item term={t('State')} dataTest="details-state">
            <KataConfigStateLabel state={state} />
          </Item>
          {current ? (
            <>
              <Item term={t('Condition reason')} dataTest="condition-reason">
                {nonEmptyOr(current.condition?.reason, t('None'))}
              </Item>
              <Item term={t('Condition message')} dataTest="condition-message">
                {nonEmptyOr(current.condition?.message, t('None'))}
              </Item>
              <Item term={t('Last transition')}>
                {current.since ? <Timestamp timestamp={current.since} /> : t('Never')}
              </Item>
              <Item
                term={t('Waiting for the Machine Config Operator to start')}
                dataTest="waiting-for-mco"
              >
                {obj.status?.waitingForMcoToStart ? t('Yes') : t('No')}
              </Item>
            </>
          ) : null}
          <Item term={t('Created')}>
            <Timestamp timestamp={obj.metadata?.creationTimestamp} />
          </Item>
          {obj.metadata?.deletionTimestamp ? (
            <Item term={t('Uninstall requested')}>
              <Timestamp timestamp={obj.metadata.deletionTimestamp} />
            </Item>
          ) : null}
        </DescriptionList>
      </GridItem>

      <GridItem md={6}>
        <Title headingLevel="h2">{t('Spec')}</Title>
        <DescriptionList data-test="details-spec">
          <Item term={t('Nodes')} dataTest="spec-selector">
            {spec.selectorTerms === null
              ? t('All worker nodes')
              : spec.selectorTerms.length === 0
                ? t('All worker nodes (empty selector)')
                : spec.selectorTerms.map((term) => (
                    <Label key={term} isCompact>
                      {term}
                    </Label>
                  ))}
          </Item>
          <Item term={t('Check node eligibility')}>
            {spec.checkNodeEligibility ? t('Yes') : t('No')}
          </Item>
          <Item term={t('Log level')}>{spec.logLevel}</Item>
          <Item term={t('Peer pods')}>{spec.enablePeerPods ? t('Enabled') : t('Disabled')}</Item>
        </DescriptionList>
      </GridItem>

      <GridItem md={12}>
        <Title headingLevel="h2">{t('Nodes')}</Title>
        {state.kind === 'legacyLayout' ? (
          <LegacyStatus legacy={state.legacy} />
        ) : current ? (
          <DescriptionList isHorizontal data-test="details-nodes">
            <Item term={t('Ready nodes')} dataTest="ready-count">
              {current.kataNodes.nodeCount === null
                ? t('Not counted yet')
                : t('{{ready}} of {{total}}', {
                    ready: current.kataNodes.readyNodeCount ?? 0,
                    total: current.kataNodes.nodeCount,
                  })}
            </Item>
            {KATA_NODE_LISTS.map((list) => (
              <Item
                key={list}
                term={t('{{list}} ({{count}})', {
                  list: nodeListTitle(list),
                  count: current.kataNodes[list].length,
                })}
              >
                <NodeLinks names={current.kataNodes[list]} dataTest={`nodes-${list}`} />
              </Item>
            ))}
          </DescriptionList>
        ) : null}
      </GridItem>

      <GridItem md={12}>
        <Title headingLevel="h2">{t('Objects the operator manages')}</Title>
        {owned.loadError ? (
          <LoadError title={t('Some owned objects could not be read')} error={owned.loadError} />
        ) : null}
        {!owned.loaded ? (
          <Spinner size="md" aria-label={t('Loading owned objects')} />
        ) : (
          <DescriptionList isHorizontal data-test="owned-objects">
            <Item term={t('MachineConfig')} dataTest="owned-machineconfig">
              {objects.machineConfig ? (
                <>
                  <ResourceLink
                    groupVersionKind={groupVersionKindOf(MachineConfigModel)}
                    name={objects.machineConfig.name}
                    inline
                  />{' '}
                  {t('extensions: {{extensions}}', {
                    extensions:
                      objects.machineConfig.extensions.length > 0
                        ? objects.machineConfig.extensions.join(', ')
                        : t('none'),
                  })}
                </>
              ) : (
                t('Not created yet')
              )}
            </Item>
            <Item term={t('MachineConfigPool')} dataTest="owned-pool">
              {objects.pool ? (
                <>
                  <ResourceLink
                    groupVersionKind={groupVersionKindOf(MachineConfigPoolModel)}
                    name={objects.pool.name}
                    inline
                  />{' '}
                  {t('{{updated}} of {{total}} nodes updated', {
                    updated: objects.pool.updatedMachineCount ?? 0,
                    total: objects.pool.machineCount ?? 0,
                  })}
                  {objects.pool.updating ? (
                    <Label isCompact color="blue">
                      {t('Updating')}
                    </Label>
                  ) : null}
                  {objects.pool.degraded ? (
                    <Label isCompact color="red">
                      {t('Degraded')}
                    </Label>
                  ) : null}
                  {objects.pool.paused ? (
                    <Label isCompact color="orange">
                      {t('Paused')}
                    </Label>
                  ) : null}
                </>
              ) : (
                t('Not created yet')
              )}
            </Item>
            <Item term={t('RuntimeClasses')} dataTest="owned-runtimeclasses">
              {objects.runtimeClasses.length === 0
                ? t('Not created yet')
                : objects.runtimeClasses.map((rc) => (
                    <div key={rc.name} data-test={`runtimeclass-${rc.name}`}>
                      <ResourceLink
                        groupVersionKind={groupVersionKindOf(RuntimeClassModel)}
                        name={rc.name}
                        inline
                      />{' '}
                      {rc.exists
                        ? t('handler {{handler}}', { handler: rc.handler ?? '-' })
                        : t('listed in the status but not found')}
                    </div>
                  ))}
            </Item>
          </DescriptionList>
        )}
      </GridItem>

      <GridItem md={12}>
        <Title headingLevel="h2">{t('Pod overhead')}</Title>
        <Content component="p">
          {t('Resources each kata pod reserves for its VM, added to the pod requests.')}
        </Content>
        <OverheadSummary runtimeClassNames={objects.runtimeClasses.map((rc) => rc.name)} />
      </GridItem>
    </Grid>
  );
};
