/** What a fresh local cluster starts with: namespaces, the OpenShift CRDs and their singletons. */
import { randomUUID } from 'node:crypto';
import type { Api } from '../apiserver/api';
import { ApiError } from '../apiserver/errors';
import type { JsonObject } from '../apiserver/json';
import { nameOf } from '../apiserver/store';
import { OPENSHIFT_CRDS } from './openshiftCrds';

export const SEED_NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'openshift',
  'openshift-config',
  'openshift-config-managed',
  'openshift-console',
  'openshift-console-operator',
  'openshift-machine-config-operator',
  'openshift-monitoring',
  'openshift-operators',
  'openshift-sandboxed-containers-operator',
];

const createIfMissing = (api: Api, apiVersion: string, kind: string, obj: JsonObject): void => {
  const type = api.registry.findKind(apiVersion, kind);
  if (!type) throw new Error(`local cluster: seed kind ${apiVersion} ${kind} is not served`);
  try {
    api.create(type, '', obj);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 409)) throw error;
  }
};

/** Adds CRDs that are missing (also on restarts, so new seed CRDs reach old data dirs). */
export const ensureCrds = (api: Api): void => {
  for (const crd of OPENSHIFT_CRDS) {
    createIfMissing(
      api,
      'apiextensions.k8s.io/v1',
      'CustomResourceDefinition',
      structuredClone(crd),
    );
  }
};

/** Seeds a fresh cluster. */
export const seedCluster = (api: Api): void => {
  ensureCrds(api);
  for (const name of SEED_NAMESPACES) {
    createIfMissing(api, 'v1', 'Namespace', { metadata: { name } });
  }
  createIfMissing(api, 'operator.openshift.io/v1', 'Console', {
    metadata: { name: 'cluster' },
    spec: { managementState: 'Managed', plugins: [] },
  });
  createIfMissing(api, 'config.openshift.io/v1', 'ClusterVersion', {
    metadata: { name: 'version' },
    spec: { clusterID: randomUUID(), channel: 'stable-4.22' },
  });
  const version = api.registry.findKind('config.openshift.io/v1', 'ClusterVersion');
  if (version) {
    const current = api.get(version, '', 'version');
    current.status = {
      desired: {
        version: '4.22.0',
        image: 'registry.example/openshift-release-dev/ocp-release:4.22.0-x86_64',
      },
      history: [
        {
          state: 'Completed',
          version: '4.22.0',
          image: 'registry.example/openshift-release-dev/ocp-release:4.22.0-x86_64',
          startedTime: '2026-01-01T00:00:00Z',
          completionTime: '2026-01-01T00:30:00Z',
          verified: true,
        },
      ],
      observedGeneration: 1,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          lastTransitionTime: '2026-01-01T00:30:00Z',
          message: `Done applying 4.22.0 (${nameOf(current)})`,
        },
      ],
    };
    api.update(version, '', 'version', current, {}, 'status');
  }
};
