import type { FC } from 'react';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import { Alert, Content, Label, LabelGroup, Spinner } from '@patternfly/react-core';
import { groupVersionKindOf } from '../../../shared/k8s/model';
import { NodeModel } from '../../../shared/k8s/models';
import {
  NFD_KATA_ELIGIBILITY_LABEL,
  NFD_KATA_ELIGIBILITY_VALUE,
} from '../../../shared/kataconfig/constants';
import type { NodeSelectionPreview } from '../../../shared/kataconfig/impact';
import { errorMessage } from '../../common/errorMessage';
import { useKataTranslation } from '../../i18n';

/** How many matching node names are listed before the rest are summarised as a count. */
const LISTED_NODES_MAX = 25;

interface NodePreviewProps {
  preview: NodeSelectionPreview;
  checkNodeEligibility: boolean;
  loaded: boolean;
  loadError: unknown;
}

/** Live: which worker nodes the selection picks, and how many NFD found eligible. */
export const NodePreview: FC<NodePreviewProps> = ({
  preview,
  checkNodeEligibility,
  loaded,
  loadError,
}) => {
  const { t } = useKataTranslation();
  if (loadError) {
    return (
      <Alert
        variant="warning"
        isInline
        title={t('Nodes could not be listed')}
        data-test="node-preview-error"
      >
        {errorMessage(loadError)}
      </Alert>
    );
  }
  if (!loaded) return <Spinner size="md" aria-label={t('Loading nodes')} />;
  const listed = preview.targetNodes.slice(0, LISTED_NODES_MAX);
  const unlisted = preview.targetNodes.length - listed.length;
  const nfdLabel = `${NFD_KATA_ELIGIBILITY_LABEL}=${NFD_KATA_ELIGIBILITY_VALUE}`;
  return (
    <div data-test="node-preview" aria-live="polite">
      <Content component="p" data-test="node-preview-count">
        {t('{{matching}} of {{workers}} worker nodes match.', {
          matching: preview.targetNodes.length,
          workers: preview.workerCount,
        })}
      </Content>
      {listed.length > 0 ? (
        <LabelGroup numLabels={LISTED_NODES_MAX} data-test="node-preview-names">
          {listed.map((name) => (
            <Label key={name} isCompact variant="outline">
              <ResourceLink groupVersionKind={groupVersionKindOf(NodeModel)} name={name} inline />
            </Label>
          ))}
        </LabelGroup>
      ) : null}
      {unlisted > 0 ? (
        <Content component="small">{t('and {{more}} more', { more: unlisted })}</Content>
      ) : null}
      {checkNodeEligibility ? (
        preview.eligibleWorkerCount === 0 ? (
          <Alert
            variant="warning"
            isInline
            title={t('No worker node carries the NFD label {{label}}', { label: nfdLabel })}
            data-test="nfd-none"
          >
            {t(
              'With the eligibility check on, kata is installed on no node until Node Feature Discovery labels some. Install and configure the NFD operator, or turn the check off.',
            )}
          </Alert>
        ) : (
          <Content component="p" data-test="nfd-count">
            {t('{{eligible}} of {{workers}} worker nodes carry the NFD label {{label}}.', {
              eligible: preview.eligibleWorkerCount,
              workers: preview.workerCount,
              label: nfdLabel,
            })}
          </Content>
        )
      ) : null}
      {preview.targetNodes.length === 0 && preview.workerCount > 0 && !checkNodeEligibility ? (
        <Alert variant="warning" isInline title={t('No worker node matches')} data-test="no-match">
          {t('Nothing is installed until a worker node carries matching labels.')}
        </Alert>
      ) : null}
    </div>
  );
};
