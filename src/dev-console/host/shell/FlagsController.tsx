/**
 * `console.model-metadata` (applied to discovery's models) and `console.flag/model`: a flag is true when discovery serves the extension's model. Console
 * re-runs discovery when CRDs change; so does this, from a watch on CustomResourceDefinitions.
 */
import type { ModelFeatureFlag, ModelMetadata } from '@openshift-console/dynamic-plugin-sdk';
import { isModelFeatureFlag } from '@openshift-console/dynamic-plugin-sdk/lib/extensions/feature-flags';
import { isModelMetadata } from '@openshift-console/dynamic-plugin-sdk/lib/extensions/resource-metadata';
import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/hooks/useK8sWatchResource';
import { useExtensions, usePluginStore } from '@openshift/dynamic-plugin-sdk';
import { useEffect, useRef } from 'react';
import { runDiscovery, setModelMetadata } from '../discovery';
import { recordWindowError } from '../errors';
import type { HostStore } from '../store';
import { matchesModel, useModelIndex } from './models';

interface CrdLike {
  metadata?: { name?: string };
  spec?: { versions?: { name: string; served: boolean }[] };
}

const crdSignature = (crds: CrdLike[]): string =>
  crds
    .map((crd) => {
      const served = (crd.spec?.versions ?? []).filter((v) => v.served).map((v) => v.name);
      return `${crd.metadata?.name ?? ''}:${served.join(',')}`;
    })
    .sort()
    .join(' ');

export const FlagsController = ({ store }: { store: HostStore }) => {
  const pluginStore = usePluginStore();
  const flagExtensions = useExtensions<ModelFeatureFlag>(isModelFeatureFlag);
  const metadataExtensions = useExtensions<ModelMetadata>(isModelMetadata);
  const { models, loaded } = useModelIndex();

  useEffect(() => {
    setModelMetadata(
      store,
      metadataExtensions.map((extension) => extension.properties),
    );
  }, [metadataExtensions, store]);

  useEffect(() => {
    if (!loaded) return;
    const flags: Record<string, boolean> = {};
    for (const extension of flagExtensions) {
      const { flag, model } = extension.properties;
      flags[flag] = models.some((m) => matchesModel(m, model));
    }
    pluginStore.setFeatureFlags(flags);
  }, [flagExtensions, models, loaded, pluginStore]);

  const [crds, crdsLoaded] = useK8sWatchResource<CrdLike[]>({
    groupVersionKind: {
      group: 'apiextensions.k8s.io',
      version: 'v1',
      kind: 'CustomResourceDefinition',
    },
    isList: true,
  });
  const signature = crdsLoaded ? crdSignature(crds) : null;
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (signature === null) return;
    if (seen.current !== null && seen.current !== signature) {
      runDiscovery(store).catch((error: unknown) => {
        recordWindowError(`API discovery failed: ${String(error)}`);
      });
    }
    seen.current = signature;
  }, [signature, store]);
  return null;
};
