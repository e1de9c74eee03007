import type { FC } from 'react';
import {
  ErrorStatus,
  InfoStatus,
  ProgressStatus,
  StatusIconAndText,
  SuccessStatus,
  YellowExclamationTriangleIcon,
} from '@openshift-console/dynamic-plugin-sdk';
import type { KataConfigUserState, PoolProgress } from '../../../shared/kataconfig/userState';
import { useKataTranslation } from '../../i18n';

interface KataConfigStateLabelProps {
  state: KataConfigUserState;
}

/** Node counts of the pool that is rolling, when it has published them. */
const poolCounts = (pool: PoolProgress | null) =>
  pool?.machineCount && pool.updatedMachineCount !== null
    ? { updated: pool.updatedMachineCount, total: pool.machineCount }
    : null;

/** The one user-facing state of a KataConfig, with console's status icons. */
export const KataConfigStateLabel: FC<KataConfigStateLabelProps> = ({ state }) => {
  const { t } = useKataTranslation();
  const counts = 'pool' in state ? poolCounts(state.pool) : null;

  switch (state.kind) {
    case 'notInstalled':
      return <InfoStatus title={t('Not installed')} />;
    case 'waitingForMco':
      return <ProgressStatus title={t('Waiting for the Machine Config Operator')} />;
    case 'installing':
      return (
        <ProgressStatus
          title={
            counts
              ? t('Installing ({{updated}} of {{total}} nodes updated)', counts)
              : t('Installing')
          }
        />
      );
    case 'updatingNodes':
      return (
        <ProgressStatus
          title={
            counts
              ? t('Updating nodes ({{updated}} of {{total}} nodes updated)', counts)
              : t('Updating nodes')
          }
        />
      );
    case 'uninstalling':
      return (
        <ProgressStatus
          title={
            counts
              ? t('Uninstalling ({{updated}} of {{total}} nodes updated)', counts)
              : t('Uninstalling')
          }
        />
      );
    case 'installed':
      return <SuccessStatus title={t('Installed')} />;
    case 'failed':
      return (
        <ErrorStatus
          title={
            state.nodeName === null
              ? t('Failed')
              : state.operation === 'uninstall'
                ? t('Uninstall failed on node {{node}}', { node: state.nodeName })
                : t('Install failed on node {{node}}', { node: state.nodeName })
          }
        >
          {state.nodeReason ?? state.condition?.message}
        </ErrorStatus>
      );
    case 'uninstallBlocked':
      return (
        <StatusIconAndText
          icon={<YellowExclamationTriangleIcon />}
          title={
            state.blocking.podCount === null
              ? t('Uninstall blocked by kata pods')
              : t('Uninstall blocked by kata pods: {{podCount}}', {
                  podCount: state.blocking.podCount,
                })
          }
        />
      );
    case 'peerPodsImage':
      return <PeerPodsImageStatus job={state.job} operation={state.operation} />;
    case 'legacyLayout':
      return state.legacy.failedNodes.length > 0 ? (
        <ErrorStatus title={t('Install failed (older operator)')}>
          {state.legacy.failedReason ?? undefined}
        </ErrorStatus>
      ) : state.legacy.installInProgress || state.legacy.uninstallInProgress ? (
        <ProgressStatus title={t('In progress (older operator)')} />
      ) : (
        <InfoStatus title={t('Older operator status layout')} />
      );
    case 'unknown':
      return <InfoStatus title={t('Unknown')}>{state.condition?.message}</InfoStatus>;
  }
};

type PeerPodsImageState = Extract<KataConfigUserState, { kind: 'peerPodsImage' }>;

const PeerPodsImageStatus: FC<Pick<PeerPodsImageState, 'job' | 'operation'>> = ({
  job,
  operation,
}) => {
  const { t } = useKataTranslation();
  const deleting = operation === 'delete';
  switch (job) {
    case 'running':
      return (
        <ProgressStatus
          title={deleting ? t('Deleting the peer pods image') : t('Creating the peer pods image')}
        />
      );
    case 'completed':
      return (
        <SuccessStatus
          title={deleting ? t('Peer pods image deleted') : t('Peer pods image created')}
        />
      );
    case 'failed':
      return <ErrorStatus title={t('Peer pods image job failed')} />;
    case 'unsupportedProvider':
      return <ErrorStatus title={t('Peer pods image: unsupported cloud provider')} />;
    case 'statusUnknown':
      return <InfoStatus title={t('Peer pods image job status unknown')} />;
  }
};
