import { useMemo } from 'react';
import type { Action } from '@openshift-console/dynamic-plugin-sdk';
import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import { groupVersionKindOf } from '../../shared/k8s/model';
import { RuntimeClassModel } from '../../shared/k8s/models';
import type { RuntimeClass } from '../../shared/k8s/types';
import { KataConfigModel } from '../../shared/kataconfig/models';
import type { KataConfig } from '../../shared/kataconfig/types';
import { kataRuntimeClassReason } from '../../shared/workloads';
import { useKataTranslation } from '../i18n';
import { podOverheadPath } from './overheadPaths';

/**
 * `console.action/resource-provider` on RuntimeClass: "Edit pod overhead" on kata classes,
 * opening the Pod overhead tab. Console disables it for users who may not patch the class.
 */
export const useRuntimeClassOverheadActions = (
  runtimeClass: RuntimeClass,
): [Action[], boolean, unknown] => {
  const { t } = useKataTranslation();
  const watch: [KataConfig[], boolean, unknown] = useK8sWatchResource<KataConfig[]>({
    groupVersionKind: groupVersionKindOf(KataConfigModel),
    isList: true,
  });
  const [kataConfigs, loaded, error] = watch;
  const name = runtimeClass.metadata?.name ?? '';
  const isKata = kataRuntimeClassReason(runtimeClass, kataConfigs) !== 'notKata';
  const actions = useMemo<Action[]>(
    () =>
      isKata
        ? [
            {
              id: 'edit-pod-overhead',
              label: t('Edit pod overhead'),
              description: t('CPU and memory reserved for the VM of each kata pod'),
              cta: { href: podOverheadPath(name) },
              accessReview: {
                group: RuntimeClassModel.apiGroup,
                resource: RuntimeClassModel.plural,
                verb: 'patch',
                name,
              },
            },
          ]
        : [],
    [isKata, name, t],
  );
  // A user who may not list KataConfigs still gets the action on a class with a kata handler.
  return [actions, loaded || Boolean(error), undefined];
};
