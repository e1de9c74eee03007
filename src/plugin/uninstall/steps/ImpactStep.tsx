import type { FC } from 'react';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
  LabelGroup,
} from '@patternfly/react-core';
import type { KindModel } from '../../../shared/k8s/model';
import { groupVersionKindOf } from '../../../shared/k8s/model';
import { NodeModel, RuntimeClassModel } from '../../../shared/k8s/models';
import { MachineConfigPoolModel } from '../../../shared/mco/models';
import type { UninstallImpact } from '../../../shared/workloads/kataPodsUninstallImpact';
import { useKataTranslation } from '../../i18n';

interface ImpactStepProps {
  impact: UninstallImpact;
}

/** Step 1: what the uninstall does to the cluster, before anything is done. */
/** Each name as an outlined label holding a link to the object. */
const ResourceLinkLabels: FC<{
  model: KindModel;
  names: readonly string[];
  numLabels?: number;
}> = ({ model, names, numLabels }) => (
  <LabelGroup {...(numLabels === undefined ? {} : { numLabels })}>
    {names.map((name) => (
      <Label key={name} variant="outline">
        <ResourceLink groupVersionKind={groupVersionKindOf(model)} name={name} inline />
      </Label>
    ))}
  </LabelGroup>
);

export const ImpactStep: FC<ImpactStepProps> = ({ impact }) => {
  const { t } = useKataTranslation();
  const { maxUnavailable } = impact;
  return (
    <div data-test="uninstall-impact">
      <Alert
        variant="warning"
        isInline
        title={t('Uninstalling cannot be cancelled once it has started')}
        data-test="impact-no-cancel"
      >
        {t(
          'Deleting the KataConfig starts a rollout that removes the sandboxed containers runtime from every kata node. Re-creating a KataConfig later reboots the nodes again.',
        )}
      </Alert>
      <DescriptionList isHorizontal>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Nodes drained and rebooted')}</DescriptionListTerm>
          <DescriptionListDescription data-test="impact-nodes">
            {impact.nodeNames.length === 0 ? (
              t('No node runs kata: nothing is rebooted.')
            ) : (
              <>
                <Content component="p">
                  {t(
                    'The kata role label is removed from these {{nodeCount}} nodes. Each node is cordoned, drained (its pods are evicted) and rebooted once.',
                    { nodeCount: impact.nodeNames.length },
                  )}
                </Content>
                <ResourceLinkLabels model={NodeModel} names={impact.nodeNames} numLabels={10} />
              </>
            )}
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('RuntimeClasses removed')}</DescriptionListTerm>
          <DescriptionListDescription data-test="impact-runtime-classes">
            <Content component="p">
              {t(
                'These RuntimeClasses are deleted at the end. Pods that name them can no longer be created.',
              )}
            </Content>
            <ResourceLinkLabels model={RuntimeClassModel} names={impact.runtimeClassNames} />
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('How long it takes')}</DescriptionListTerm>
          <DescriptionListDescription data-test="impact-duration">
            <Content component="p">
              {maxUnavailable.ok && impact.rounds !== null
                ? t(
                    'Pool {{poolName}} updates {{atATime}} node(s) at a time (its maxUnavailable), so the nodes go through {{rounds}} round(s) of drain and reboot.',
                    {
                      poolName: impact.rolloutPoolName,
                      atATime: maxUnavailable.value,
                      rounds: impact.rounds,
                    },
                  )
                : t(
                    'Pool {{poolName}} has a maxUnavailable the machine config operator cannot use, so the rollout may not progress until it is fixed.',
                    { poolName: impact.rolloutPoolName },
                  )}
            </Content>
            <Content component="p">
              {t(
                'A round usually takes several minutes, longer for nodes with many pods to evict; the product documentation puts a whole uninstall at ten to forty minutes. The progress step shows an estimate from the nodes already done.',
              )}
            </Content>
            <ResourceLink
              groupVersionKind={groupVersionKindOf(MachineConfigPoolModel)}
              name={impact.rolloutPoolName}
            />
          </DescriptionListDescription>
        </DescriptionListGroup>
        {impact.removedPoolName ? (
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Also removed')}</DescriptionListTerm>
            <DescriptionListDescription data-test="impact-removed">
              {t(
                'The MachineConfigPool {{poolName}}, the machine config that enables the kata extension, and the KataConfig itself.',
                { poolName: impact.removedPoolName },
              )}
            </DescriptionListDescription>
          </DescriptionListGroup>
        ) : null}
      </DescriptionList>
    </div>
  );
};
