/**
 * A model that describes one API kind. Structurally compatible with the console
 * SDK's `K8sModel`, so the plugin can pass these straight to SDK calls, while the
 * reconciler and the local cluster use the same object without the SDK.
 */
export interface KindModel {
  apiGroup?: string;
  apiVersion: string;
  kind: string;
  plural: string;
  abbr: string;
  label: string;
  labelKey?: string;
  labelPlural: string;
  labelPluralKey?: string;
  namespaced?: boolean;
  crd?: boolean;
  id?: string;
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** `apps/v1` or `v1`, as written in `apiVersion`. */
export const apiVersionOf = (model: Pick<KindModel, 'apiGroup' | 'apiVersion'>): string =>
  model.apiGroup ? `${model.apiGroup}/${model.apiVersion}` : model.apiVersion;

export const groupVersionKindOf = (model: KindModel): GroupVersionKind => ({
  group: model.apiGroup ?? '',
  version: model.apiVersion,
  kind: model.kind,
});

/** The console's reference string `group~version~Kind` (`core~v1~Node` for the core group). */
export const referenceFor = ({ group, version, kind }: GroupVersionKind): string =>
  `${group || 'core'}~${version}~${kind}`;

export const referenceForModel = (model: KindModel): string =>
  referenceFor(groupVersionKindOf(model));
