/**
 * Console's resource URLs: `/k8s/cluster/<ref>/<name>` for cluster-scoped kinds and
 * `/k8s/ns/<ns>/<ref>/<name>` for namespaced ones, where `<ref>` is the plural for core kinds and
 * `group~version~Kind` for everything else.
 */
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';

/** `group~version~Kind`, with `core` for the legacy group (console's `referenceForModel`). */
export const referenceFor = (model: K8sModel): string =>
  `${model.apiGroup ?? 'core'}~${model.apiVersion}~${model.kind}`;

export const modelRef = (model: K8sModel): string =>
  model.apiGroup ? referenceFor(model) : model.plural;

export const listPath = (model: K8sModel, namespace?: string): string =>
  model.namespaced && namespace
    ? `/k8s/ns/${encodeURIComponent(namespace)}/${modelRef(model)}`
    : model.namespaced
      ? `/k8s/all-namespaces/${modelRef(model)}`
      : `/k8s/cluster/${modelRef(model)}`;

export const resourcePath = (model: K8sModel, name: string, namespace?: string): string =>
  `${listPath(model, namespace)}/${encodeURIComponent(name)}`;
