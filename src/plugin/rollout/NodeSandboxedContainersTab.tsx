import type { FC } from 'react';
import { Link } from 'react-router';
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import {
  ResourceLink,
  Timestamp,
  useK8sModel,
  useK8sWatchResource,
} from '@openshift-console/dynamic-plugin-sdk';
import {
  Bullseye,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Spinner,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { groupVersionKindOf } from '../../shared/k8s/model';
import type { Node } from '../../shared/k8s/types';
import { nodeKataState, type KataEligibility } from '../../shared/kataconfig/nodeKataState';
import type { KataNodeListName } from '../../shared/kataconfig/types';
import { MachineConfigNodeModel, MachineConfigPoolModel } from '../../shared/mco/models';
import type { MachineConfigNode } from '../../shared/mco/types';
import { LoadError } from '../common/LoadError';
import { useKataTranslation } from '../i18n';
import { useKataConfigs } from '../kataconfig/hooks/useKataConfigs';
import { kataConfigDetailsPath } from '../kataconfig/kataConfigPaths';
import { NodePhaseLabel } from './components/NodePhaseLabel';
import { useRolloutText } from './useRolloutText';

type WatchResult<T> = [T, boolean, unknown];
/** The SDK types the model as always found; it is undefined when the API does not serve the kind. */
type MaybeModel = [K8sModel | undefined, boolean];

const POOL_GVK = groupVersionKindOf(MachineConfigPoolModel);

/** This node's MachineConfigNode, when the API serves them (a single-object watch). */
const useMachineConfigNode = (nodeName: string): MachineConfigNode | undefined => {
  const modelLookup: MaybeModel = useK8sModel(groupVersionKindOf(MachineConfigNodeModel));
  const [model] = modelLookup;
  const watch: WatchResult<MachineConfigNode | undefined> = useK8sWatchResource<MachineConfigNode>(
    model && nodeName
      ? { groupVersionKind: groupVersionKindOf(MachineConfigNodeModel), name: nodeName }
      : null,
  );
  const [mcn, loaded, error] = watch;
  return loaded && !error ? mcn : undefined;
};

/** The "Sandboxed containers" tab on Node details: this node's kata state and rollout phase. */
const NodeSandboxedContainersTab: FC<{ obj?: Node }> = ({ obj }) => {
  const { t } = useKataTranslation();
  const text = useRolloutText();
  const nodeName = obj?.metadata?.name ?? '';
  const { kataConfigs, pools, loaded, loadError, poolsError } = useKataConfigs();
  const machineConfigNode = useMachineConfigNode(nodeName);

  if (loadError) {
    return <LoadError title={t('KataConfigs could not be loaded')} error={loadError} />;
  }
  if (!loaded || !obj) {
    return (
      <Bullseye>
        <Spinner size="lg" aria-label={t('Loading')} />
      </Bullseye>
    );
  }
  const [kataConfig] = kataConfigs;
  const state = nodeKataState(obj, kataConfig, pools, machineConfigNode);
  const eligibility: Record<KataEligibility, string> = {
    eligible: t('Eligible: Node Feature Discovery found kata support'),
    notEligible: t(
      'Not eligible: the KataConfig checks eligibility and Node Feature Discovery has not labelled this node',
    ),
    notChecked: t('Not checked: the KataConfig does not check node eligibility'),
  };
  const listNames: Record<KataNodeListName, string> = {
    installed: t('Installed'),
    installing: t('Installing'),
    waitingToInstall: t('Waiting to install'),
    failedToInstall: t('Failed to install'),
    uninstalling: t('Uninstalling'),
    waitingToUninstall: t('Waiting to uninstall'),
    failedToUninstall: t('Failed to uninstall'),
  };
  const rollout = state.rollout;
  const since = rollout?.since;
  return (
    <Stack hasGutter data-test="node-kata-tab">
      {poolsError ? (
        <StackItem>
          <LoadError title={t('MachineConfigPools could not be loaded')} error={poolsError} />
        </StackItem>
      ) : null}
      <StackItem>
        <DescriptionList isHorizontal>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('KataConfig')}</DescriptionListTerm>
            <DescriptionListDescription data-test="node-kata-kataconfig">
              {kataConfig?.metadata?.name ? (
                <Link to={kataConfigDetailsPath(kataConfig.metadata.name)}>
                  {kataConfig.metadata.name}
                </Link>
              ) : (
                t('Sandboxed containers are not installed')
              )}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Kata node role')}</DescriptionListTerm>
            <DescriptionListDescription data-test="node-kata-role">
              {state.hasRoleLabel
                ? t('Labelled {{label}}: a member of pool {{pool}}', {
                    label: state.roleLabel,
                    pool: state.kataPool,
                  })
                : t('Not labelled {{label}}', { label: state.roleLabel })}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Eligibility')}</DescriptionListTerm>
            <DescriptionListDescription data-test="node-kata-eligibility">
              {eligibility[state.eligibility]}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('KataConfig node lists')}</DescriptionListTerm>
            <DescriptionListDescription data-test="node-kata-lists">
              {state.lists.length > 0
                ? state.lists.map((list) => listNames[list]).join(', ')
                : t('Not in any list')}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('MachineConfigPool')}</DescriptionListTerm>
            <DescriptionListDescription data-test="node-kata-pool">
              {state.pool ? (
                <ResourceLink groupVersionKind={POOL_GVK} name={state.pool} />
              ) : (
                t('None: no pool selects this node')
              )}
            </DescriptionListDescription>
          </DescriptionListGroup>
          {rollout ? (
            <>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Rollout phase')}</DescriptionListTerm>
                <DescriptionListDescription data-test="node-kata-phase">
                  <NodePhaseLabel phase={rollout.phase} />{' '}
                  {rollout.reason ??
                    (rollout.note ? text.note(rollout.note) : text.step(rollout.step))}
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('In this phase since')}</DescriptionListTerm>
                <DescriptionListDescription>
                  {since ? <Timestamp timestamp={since} /> : t('Not known')}
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Desired config')}</DescriptionListTerm>
                <DescriptionListDescription>
                  {rollout.desiredConfig ?? t('None')}
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Current config')}</DescriptionListTerm>
                <DescriptionListDescription>
                  {rollout.currentConfig ?? t('None')}
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Read from')}</DescriptionListTerm>
                <DescriptionListDescription data-test="node-kata-source">
                  {rollout.source === 'MachineConfigNode'
                    ? t('Its MachineConfigNode')
                    : rollout.machineConfigNodeIgnored
                      ? t('Node annotations. {{why}}', {
                          why: text.machineConfigNodeIgnored(rollout.machineConfigNodeIgnored),
                        })
                      : t('Node annotations')}
                </DescriptionListDescription>
              </DescriptionListGroup>
            </>
          ) : null}
        </DescriptionList>
      </StackItem>
    </Stack>
  );
};

export default NodeSandboxedContainersTab;
