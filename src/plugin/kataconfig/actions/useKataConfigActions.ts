import { useMemo } from 'react';
import { useAccessReview } from '@openshift-console/dynamic-plugin-sdk';
import type { Action, ExtensionHook } from '@openshift-console/dynamic-plugin-sdk';
import { RuntimeClassModel } from '../../../shared/k8s/models';
import { KATA_RUNTIME_CLASS_NAME } from '../../../shared/kataconfig/constants';
import { KataConfigModel } from '../../../shared/kataconfig/models';
import type { KataConfig } from '../../../shared/kataconfig/types';
import { useKataTranslation } from '../../i18n';
import { podOverheadPath } from '../../overhead/overheadPaths';
import { kataConfigTabPath, kataConfigUninstallPath } from '../kataConfigPaths';

const RUNTIME_CLASS_PATCH_ACCESS = {
  group: RuntimeClassModel.apiGroup,
  resource: RuntimeClassModel.plural,
  name: KATA_RUNTIME_CLASS_NAME,
  verb: 'patch' as const,
};

/**
 * `console.action/resource-provider` for KataConfig, also behind the details page's kebab: edit
 * YAML, edit the kata pod overhead, uninstall. Each is disabled for users the API would refuse.
 */
export const useKataConfigActions: ExtensionHook<Action[], KataConfig | undefined> = (
  kataConfig,
) => {
  const { t } = useKataTranslation();
  const name = kataConfig?.metadata?.name ?? '';
  const kataConfigAccess = useMemo(
    () => ({ group: KataConfigModel.apiGroup, resource: KataConfigModel.plural, name }),
    [name],
  );
  const [canUpdate, updateLoading] = useAccessReview({ ...kataConfigAccess, verb: 'update' });
  const [canDelete, deleteLoading] = useAccessReview({ ...kataConfigAccess, verb: 'delete' });
  const [canPatchRuntimeClass, patchLoading] = useAccessReview(RUNTIME_CLASS_PATCH_ACCESS);
  const deleting = Boolean(kataConfig?.metadata?.deletionTimestamp);

  const actions = useMemo(
    (): Action[] => [
      {
        id: 'kataconfig-edit-yaml',
        label: t('Edit YAML'),
        cta: { href: kataConfigTabPath(name, 'yaml') },
        disabled: !canUpdate,
        disabledTooltip: t('You are not allowed to update this KataConfig.'),
        accessReview: { ...kataConfigAccess, verb: 'update' },
      },
      {
        id: 'kataconfig-edit-pod-overhead',
        label: t('Edit pod overhead'),
        description: t('CPU and memory reserved for each kata pod VM'),
        cta: { href: podOverheadPath(KATA_RUNTIME_CLASS_NAME) },
        disabled: !canPatchRuntimeClass,
        disabledTooltip: t('You are not allowed to edit RuntimeClasses.'),
        accessReview: RUNTIME_CLASS_PATCH_ACCESS,
      },
      {
        id: 'kataconfig-uninstall',
        label: t('Uninstall'),
        description: t('Removes kata from every node; each node reboots once'),
        cta: { href: kataConfigUninstallPath(name) },
        disabled: !canDelete,
        disabledTooltip: t('You are not allowed to delete this KataConfig.'),
        accessReview: { ...kataConfigAccess, verb: 'delete' },
        ...(deleting ? { tooltip: t('Uninstall is in progress: follow it from here.') } : {}),
      },
    ],
    [t, name, kataConfigAccess, canUpdate, canDelete, canPatchRuntimeClass, deleting],
  );
  return [actions, !(updateLoading || deleteLoading || patchLoading), undefined];
};
