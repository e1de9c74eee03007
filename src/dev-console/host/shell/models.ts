/** Looking models up the way console's routes do. */
import type { K8sGroupVersionKind, K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import { useK8sModels } from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/hooks/useK8sModels';
import { useMemo } from 'react';

export interface ModelIndex {
  models: K8sModel[];
  loaded: boolean;
}

export const useModelIndex = (): ModelIndex => {
  const [byKey, inFlight] = useK8sModels();
  return useMemo(() => {
    const unique = new Set(Object.values(byKey));
    return { models: [...unique], loaded: !inFlight && unique.size > 0 };
  }, [byKey, inFlight]);
};

/** A URL's `<ref>`: the plural of a core kind, or `group~version~Kind`. */
export const modelForRef = (models: K8sModel[], ref: string): K8sModel | undefined => {
  const parts = ref.split('~');
  if (parts.length === 3) {
    const [group, version, kind] = parts;
    return models.find(
      (m) => (m.apiGroup ?? 'core') === group && m.apiVersion === version && m.kind === kind,
    );
  }
  return models.find((m) => !m.apiGroup && (m.plural === ref || m.kind === ref));
};

/** Whether an extension's `model` (version optional) names this model. */
export const matchesModel = (
  model: K8sModel,
  wanted: { group: string; version?: string; kind: string } | K8sGroupVersionKind,
): boolean =>
  (model.apiGroup ?? 'core') ===
    (wanted.group === undefined || wanted.group === '' ? 'core' : wanted.group) &&
  model.kind === wanted.kind &&
  (!wanted.version || wanted.version === model.apiVersion);
