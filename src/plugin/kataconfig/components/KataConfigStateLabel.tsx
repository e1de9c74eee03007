import type { FC } from 'react';
import {
  ErrorStatus,
  InfoStatus,
  ProgressStatus,
  StatusIconAndText,
  SuccessStatus,
  YellowExclamationTriangleIcon,
} from '@openshift-console/dynamic-plugin-sdk';
import type { KataConfigUserState } from '../../../shared/kataconfig/userState';
import { useKataTranslation } from '../../i18n';

interface KataConfigStateLabelProps {
  state: KataConfigUserState;
}

/** The one user-facing state of a KataConfig, with console's status icons. */
export const KataConfigStateLabel: FC<KataConfigStateLabelProps> = ({ state }) => {
  const { t } = useKataTranslation();
  const progress = (title: string) => {
    const pool = 'pool' in state ? state.pool : null;
    const suffix =
      pool?.machineCount && pool.updatedMachineCount !== null
        ? ` ${t('({{updated}} of {{total}} nodes updated)', {
            updated: pool.updatedMachineCount,
            total: pool.machineCount,
          })}`
        : '';
    return <ProgressStatus title={title + suffix} />;
  };

  switch (state.kind) {
    case 'notInstalled':
      return <InfoStatus title={t('Not installed')} />;
    case 'waitingForMco':
      return progress(t('Waiting for the Machine Config Operator'));
    case 'installing':
      return progress(t('Installing'));
    case 'updatingNodes':
      return progress(t('Updating nodes'));
    case 'installed':
      return <SuccessStatus title={t('Installed')} />;
    case 'uninstalling':
      return progress(t('Uninstalling'));
    case 'failed':
      return (
        <ErrorStatus
          title={
            state.nodeName
              ? state.operation === 'uninstall'
                ? t('Uninstall failed on node {{node}}', { node: state.nodeName })
                : t('Install failed on node {{node}}', { node: state.nodeName })
              : t('Failed')
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
      return state.job === 'failed' || state.job === 'unsupportedProvider' ? (
        <ErrorStatus title={t('Peer pods image failed')}>{state.condition?.message}</ErrorStatus>
      ) : (
        <ProgressStatus title={t('Preparing the peer pods image')} />
      );
    case 'legacyLayout':
      return <InfoStatus title={t('Older operator status layout')} />;
    case 'unknown':
      return <InfoStatus title={t('Unknown')}>{state.condition?.message}</InfoStatus>;
  }
};
