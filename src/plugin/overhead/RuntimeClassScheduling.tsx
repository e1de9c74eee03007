import type { FC } from 'react';
import {
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
  LabelGroup,
} from '@patternfly/react-core';
import type { RuntimeClass, Toleration } from '../../shared/k8s/types';
import { useKataTranslation } from '../i18n';

const tolerationText = (toleration: Toleration): string => {
  const key = toleration.key ?? '*';
  const match = toleration.operator === 'Exists' ? key : `${key}=${toleration.value ?? ''}`;
  return toleration.effect ? `${match}:${toleration.effect}` : match;
};

/** The class's handler and scheduling, and what the RuntimeClass admission plugin does with them. */
export const RuntimeClassScheduling: FC<{ runtimeClass: RuntimeClass }> = ({ runtimeClass }) => {
  const { t } = useKataTranslation();
  const nodeSelector = Object.entries(runtimeClass.scheduling?.nodeSelector ?? {});
  const tolerations = runtimeClass.scheduling?.tolerations ?? [];
  return (
    <>
      <DescriptionList isHorizontal isCompact data-test="runtimeclass-scheduling">
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Handler')}</DescriptionListTerm>
          <DescriptionListDescription data-test="runtimeclass-handler">
            {runtimeClass.handler}
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Node selector')}</DescriptionListTerm>
          <DescriptionListDescription data-test="runtimeclass-node-selector">
            {nodeSelector.length > 0 ? (
              <LabelGroup numLabels={10}>
                {nodeSelector.map(([key, value]) => (
                  <Label key={key} isCompact>{`${key}=${value}`}</Label>
                ))}
              </LabelGroup>
            ) : (
              t('None: pods may run on any node')
            )}
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Tolerations')}</DescriptionListTerm>
          <DescriptionListDescription data-test="runtimeclass-tolerations">
            {tolerations.length > 0 ? (
              <LabelGroup numLabels={10}>
                {tolerations.map((toleration) => (
                  <Label key={tolerationText(toleration)} isCompact>
                    {tolerationText(toleration)}
                  </Label>
                ))}
              </LabelGroup>
            ) : (
              t('None')
            )}
          </DescriptionListDescription>
        </DescriptionListGroup>
      </DescriptionList>
      <Content data-test="runtimeclass-admission">
        <Content component="p">
          {t('When a pod that names this RuntimeClass is created, admission changes it:')}
        </Content>
        <Content component="ul">
          <Content component="li">
            {t(
              "The pod overhead is copied into the pod's spec.overhead. The scheduler and quotas count it on top of the containers' requests. A pod that sets a different overhead itself is rejected.",
            )}
          </Content>
          <Content component="li">
            {t(
              "The node selector is merged into the pod's own nodeSelector, so the pod only lands on these nodes. A pod whose nodeSelector sets one of these labels to a different value is rejected.",
            )}
          </Content>
          <Content component="li">
            {t("The tolerations are added to the pod's tolerations.")}
          </Content>
        </Content>
      </Content>
    </>
  );
};
