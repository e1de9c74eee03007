import type { FC } from 'react';
import { Link } from 'react-router';
import {
  Bullseye,
  Card,
  CardBody,
  CardFooter,
  CardHeader,
  CardTitle,
  Progress,
  ProgressMeasureLocation,
  Spinner,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { rolloutPoolFor } from '../../shared/kataconfig/rolloutPool';
import { deriveKataConfigUserState } from '../../shared/kataconfig/userState';
import { poolProgress } from '../../shared/mco/poolProgress';
import { LoadError } from '../common/LoadError';
import { useKataTranslation } from '../i18n';
import { KataConfigStateLabel } from '../kataconfig/components/KataConfigStateLabel';
import { useKataConfigs } from '../kataconfig/hooks/useKataConfigs';
import {
  kataConfigCreatePath,
  kataConfigDetailsPath,
  kataConfigTabPath,
} from '../kataconfig/kataConfigPaths';
import { useRolloutText } from './useRolloutText';

/**
 * Cluster overview card: the KataConfig's state and its pool's rollout progress, with links to
 * the KataConfig and its live Rollout tab.
 */
const KataRolloutDashboardCard: FC = () => {
  const { t } = useKataTranslation();
  const text = useRolloutText();
  const { kataConfigs, pools, loaded, loadError } = useKataConfigs();
  const [kataConfig] = kataConfigs;
  const name = kataConfig?.metadata?.name;
  const pool = kataConfig ? rolloutPoolFor(kataConfig, pools) : null;
  const progress = pool ? poolProgress(pool) : undefined;

  const body = () => {
    if (loadError)
      return <LoadError title={t('KataConfigs could not be loaded')} error={loadError} />;
    if (!loaded) {
      return (
        <Bullseye>
          <Spinner size="md" aria-label={t('Loading')} />
        </Bullseye>
      );
    }
    if (!kataConfig || !name) {
      return (
        <Stack hasGutter>
          <StackItem data-test="kata-card-state">
            {t('Sandboxed containers are not installed')}
          </StackItem>
          <StackItem>
            <Link to={kataConfigCreatePath()}>{t('Create KataConfig')}</Link>
          </StackItem>
        </Stack>
      );
    }
    return (
      <Stack hasGutter>
        <StackItem data-test="kata-card-state">
          <KataConfigStateLabel state={deriveKataConfigUserState(kataConfig, pool)} />
        </StackItem>
        {progress ? (
          <>
            <StackItem>
              <Progress
                value={progress.percent}
                title={t('Pool {{pool}}: {{state}}', {
                  pool: progress.name,
                  state: text.poolState(progress.state),
                })}
                label={t('{{updated}} of {{total}} nodes updated', {
                  updated: progress.counts.updatedMachineCount,
                  total: progress.counts.machineCount,
                })}
                measureLocation={ProgressMeasureLocation.outside}
                data-test="kata-card-progress"
              />
            </StackItem>
            {progress.state === 'degraded' && progress.message ? (
              <StackItem data-test="kata-card-degraded">{progress.message}</StackItem>
            ) : null}
          </>
        ) : null}
      </Stack>
    );
  };

  return (
    <Card data-test="kata-dashboard-card">
      <CardHeader>
        <CardTitle>{t('Sandboxed containers')}</CardTitle>
      </CardHeader>
      <CardBody>{body()}</CardBody>
      {name ? (
        <CardFooter>
          <Stack>
            <StackItem>
              <Link to={kataConfigDetailsPath(name)} data-test="kata-card-details-link">
                {t('View KataConfig {{name}}', { name })}
              </Link>
            </StackItem>
            <StackItem>
              <Link to={kataConfigTabPath(name, 'rollout')} data-test="kata-card-rollout-link">
                {t('View the node rollout')}
              </Link>
            </StackItem>
          </Stack>
        </CardFooter>
      ) : null}
    </Card>
  );
};

export default KataRolloutDashboardCard;
