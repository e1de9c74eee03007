import { referenceForModel } from '../k8s/model';
import {
  BLOCKING_PODS_LISTED_MAX,
  IN_PROGRESS_REASONS,
  KATA_CONFIG_API_VERSION,
  KATA_CONFIG_CRD_NAME,
  KATA_POOL_SELECTOR_LABEL,
  blockedByExistingKataPodsDetailedMessage,
  blockedByExistingKataPodsMessage,
  failedNodeMessage,
  isCrioLogLevel,
  missingNodeAnnotationMessage,
  podVmImageJobEventMessages,
} from './constants';
import { KataConfigModel } from './models';

describe('KataConfig names', () => {
  it('composes the API identity from its parts', () => {
    expect(KATA_CONFIG_API_VERSION).toBe('kataconfiguration.openshift.io/v1');
    expect(KATA_CONFIG_CRD_NAME).toBe('kataconfigs.kataconfiguration.openshift.io');
    expect(KATA_POOL_SELECTOR_LABEL).toBe(
      'pools.operator.machineconfiguration.openshift.io/kata-oc',
    );
  });

  it('models KataConfig as a cluster-scoped CRD kind', () => {
    expect(referenceForModel(KataConfigModel)).toBe('kataconfiguration.openshift.io~v1~KataConfig');
    expect(KataConfigModel).toMatchObject({
      plural: 'kataconfigs',
      abbr: 'KC',
      label: 'KataConfig',
      namespaced: false,
      crd: true,
    });
  });
});

describe('InProgress messages', () => {
  it('matches upstream text for parameterised messages', () => {
    expect(failedNodeMessage('worker-0', 'boom')).toBe('Node worker-0 Degraded: boom');
    expect(blockedByExistingKataPodsMessage('kata')).toBe(
      'existing pods using "kata" RuntimeClass found. Please delete the pods manually for KataConfig deletion to proceed',
    );
    expect(missingNodeAnnotationMessage('machineconfiguration.openshift.io/state', 'w')).toBe(
      'missing machineconfiguration.openshift.io/state on node w',
    );
    expect(podVmImageJobEventMessages.failed('job-1')).toBe('PodVM image job (job-1) failed');
  });

  it('keeps upstream text as the prefix of the detailed blocked message', () => {
    const refs = Array.from({ length: BLOCKING_PODS_LISTED_MAX + 3 }, (_, index) => `ns/p${index}`);
    const message = blockedByExistingKataPodsDetailedMessage('kata-remote', refs);
    expect(message.startsWith(blockedByExistingKataPodsMessage('kata-remote'))).toBe(true);
    expect(message).toContain(`Blocking pods (${refs.length}): ns/p0, `);
    expect(message).not.toContain(`ns/p${BLOCKING_PODS_LISTED_MAX}`);
    expect(message.endsWith('(+3 more)')).toBe(true);
  });

  it('lists the reasons upstream clients match on', () => {
    expect(IN_PROGRESS_REASONS).toMatchObject({
      installing: 'Installing',
      updating: 'Updating',
      uninstalling: 'Uninstalling',
      failed: 'Failed',
      blockedByExistingKataPods: 'BlockedByExistingKataPods',
      none: '',
    });
  });
});

describe('isCrioLogLevel', () => {
  it('accepts CRI-O levels only', () => {
    expect(
      ['fatal', 'panic', 'error', 'warn', 'info', 'debug', 'trace'].every(isCrioLogLevel),
    ).toBe(true);
    expect(isCrioLogLevel('verbose')).toBe(false);
    expect(isCrioLogLevel('INFO')).toBe(false);
    expect(isCrioLogLevel(undefined)).toBe(false);
  });
});
