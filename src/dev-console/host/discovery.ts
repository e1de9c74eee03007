/**
 * API discovery into console-shaped models (`K8sModel`), as console does at start and whenever the
 * set of CRDs changes: `/api/v1`, then every group-version listed by `/apis`.
 */
import type { K8sModel, K8sVerb } from '@openshift-console/dynamic-plugin-sdk';
import type { DiscoveryResources } from '@openshift-console/dynamic-plugin-sdk/lib/api/common-types';
import {
  getResourcesInFlight,
  receivedResources,
} from '@openshift-console/dynamic-plugin-sdk/lib/app/k8s/actions/k8s';
import { coFetchJSON } from './sdk/consoleFetch';
import type { ModelMetadataProperties } from './shell/extensionLogic';
import { applyModelMetadata } from './shell/extensionLogic';
import type { HostStore } from './store';

const API = `${window.SERVER_FLAGS.basePath}api/kubernetes`;

interface APIResource {
  name: string;
  singularName?: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
}

interface APIResourceList {
  groupVersion: string;
  resources: APIResource[];
}

interface APIGroupList {
  groups: {
    name: string;
    versions: { version: string }[];
    preferredVersion?: { version: string };
  }[];
}

/** Console's `kindToAbbr`: the capitals of the kind, or its first three letters. */
const abbreviation = (kind: string): string =>
  (kind.replace(/[^A-Z]/g, '') || kind.slice(0, 3)).slice(0, 4).toUpperCase();

const toModel = (group: string, version: string, resource: APIResource): K8sModel => ({
  kind: resource.kind,
  label: resource.kind,
  labelPlural: `${resource.kind}s`,
  plural: resource.name,
  apiVersion: version,
  ...(group ? { apiGroup: group } : {}),
  abbr: abbreviation(resource.kind),
  namespaced: resource.namespaced,
  verbs: resource.verbs as K8sVerb[],
  ...(resource.shortNames ? { shortNames: resource.shortNames } : {}),
  crd: Boolean(group),
});

const resourcesOf = async (path: string): Promise<APIResource[]> => {
  const list = (await coFetchJSON(`${API}${path}`)) as APIResourceList;
  return list.resources.filter((resource) => !resource.name.includes('/'));
};

/** Every model the cluster serves, in every served version. */
export const discoverModels = async (): Promise<K8sModel[]> => {
  const models: K8sModel[] = [];
  for (const resource of await resourcesOf('/api/v1')) models.push(toModel('', 'v1', resource));
  const { groups } = (await coFetchJSON(`${API}/apis`)) as APIGroupList;
  const versions = groups.flatMap((group) =>
    group.versions.map((v) => ({ group: group.name, version: v.version })),
  );
  const lists = await Promise.all(
    versions.map(async ({ group, version }) => ({
      group,
      version,
      resources: await resourcesOf(`/apis/${group}/${version}`),
    })),
  );
  for (const { group, version, resources } of lists) {
    for (const resource of resources) models.push(toModel(group, version, resource));
  }
  return models;
};

/** The discovery result in the shape console's `receivedResources` action carries. */
const discoveryResources = (models: K8sModel[]): DiscoveryResources => {
  const groupVersionMap: DiscoveryResources['groupVersionMap'] = {};
  for (const model of models) {
    const group = model.apiGroup ?? 'core';
    const entry = (groupVersionMap[group] ??= { versions: [], preferredVersion: model.apiVersion });
    if (!entry.versions.includes(model.apiVersion)) entry.versions.push(model.apiVersion);
  }
  return {
    adminResources: [],
    allResources: models.map((model) => model.plural),
    configResources: [],
    clusterOperatorConfigResources: [],
    models,
    namespacedSet: new Set(models.filter((m) => m.namespaced).map((m) => m.plural)),
    safeResources: [],
    groupVersionMap,
  };
};

let discovered: K8sModel[] = [];
let metadata: ModelMetadataProperties[] = [];

const publish = (store: HostStore): void => {
  store.dispatch(receivedResources(discoveryResources(applyModelMetadata(discovered, metadata))));
};

/**
 * `console.model-metadata`: the plugins' label, abbreviation and badge overrides, applied to every
 * model the store holds now and after each discovery.
 */
export const setModelMetadata = (store: HostStore, next: ModelMetadataProperties[]): void => {
  if (metadata.length === 0 && next.length === 0) return;
  metadata = next;
  if (discovered.length > 0) publish(store);
};

/** Runs discovery into the store; an unreachable API leaves no models and is reported. */
export const runDiscovery = async (store: HostStore): Promise<K8sModel[]> => {
  store.dispatch(getResourcesInFlight());
  try {
    discovered = await discoverModels();
    publish(store);
    return discovered;
  } catch (error) {
    store.dispatch(receivedResources(discoveryResources([])));
    throw error;
  }
};
