import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import { groupVersionKindOf } from '../../../shared/k8s/model';
import { RuntimeClassModel } from '../../../shared/k8s/models';
import type { RuntimeClass } from '../../../shared/k8s/types';

export interface RuntimeClassesWatch {
  runtimeClasses: RuntimeClass[];
  loaded: boolean;
  /** Why RuntimeClasses could not be listed (with the server's message), if they could not. */
  loadError: unknown;
}

/** Every RuntimeClass, live (a cluster has a handful). */
export const useRuntimeClasses = (): RuntimeClassesWatch => {
  const watch: [RuntimeClass[], boolean, unknown] = useK8sWatchResource<RuntimeClass[]>({
    groupVersionKind: groupVersionKindOf(RuntimeClassModel),
    isList: true,
  });
  const [runtimeClasses, loaded, loadError] = watch;
  return { runtimeClasses, loaded, loadError };
};
