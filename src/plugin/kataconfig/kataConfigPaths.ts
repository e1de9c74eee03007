import { referenceForModel } from '../../shared/k8s/model';
import { KataConfigModel } from '../../shared/kataconfig/models';

/** Console's URL scheme for cluster-scoped resources: /k8s/cluster/<group~version~Kind>/... */
const base = () => `/k8s/cluster/${referenceForModel(KataConfigModel)}`;

export const kataConfigListPath = (): string => base();
export const kataConfigCreatePath = (): string => `${base()}/~new`;
export const kataConfigDetailsPath = (name: string): string =>
  `${base()}/${encodeURIComponent(name)}`;
/** A details page tab, e.g. `rollout`, `yaml` or `events`. */
export const kataConfigTabPath = (name: string, tab: string): string =>
  `${kataConfigDetailsPath(name)}/${tab}`;
export const kataConfigUninstallPath = (name: string): string =>
  kataConfigTabPath(name, 'uninstall');
