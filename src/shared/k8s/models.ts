import type { KindModel } from './model';

/** The core and built-in kinds this project reads, links to or edits. */

export const NodeModel: KindModel = {
  apiVersion: 'v1',
  kind: 'Node',
  plural: 'nodes',
  abbr: 'N',
  label: 'Node',
  labelPlural: 'Nodes',
  namespaced: false,
};

export const PodModel: KindModel = {
  apiVersion: 'v1',
  kind: 'Pod',
  plural: 'pods',
  abbr: 'P',
  label: 'Pod',
  labelPlural: 'Pods',
  namespaced: true,
};

export const NamespaceModel: KindModel = {
  apiVersion: 'v1',
  kind: 'Namespace',
  plural: 'namespaces',
  abbr: 'NS',
  label: 'Namespace',
  labelPlural: 'Namespaces',
  namespaced: false,
};

export const RuntimeClassModel: KindModel = {
  apiGroup: 'node.k8s.io',
  apiVersion: 'v1',
  kind: 'RuntimeClass',
  plural: 'runtimeclasses',
  abbr: 'RC',
  label: 'RuntimeClass',
  labelPlural: 'RuntimeClasses',
  namespaced: false,
};

export const ResourceQuotaModel: KindModel = {
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  plural: 'resourcequotas',
  abbr: 'RQ',
  label: 'ResourceQuota',
  labelPlural: 'ResourceQuotas',
  namespaced: true,
};

export const LimitRangeModel: KindModel = {
  apiVersion: 'v1',
  kind: 'LimitRange',
  plural: 'limitranges',
  abbr: 'LR',
  label: 'LimitRange',
  labelPlural: 'LimitRanges',
  namespaced: true,
};
