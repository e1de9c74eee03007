import { referenceForModel } from '../../shared/k8s/model';
import { RuntimeClassModel } from '../../shared/k8s/models';

/** The `console.tab/horizontalNav` href of the editor on RuntimeClass details. */
export const POD_OVERHEAD_TAB_HREF = 'pod-overhead';

/** The "Pod overhead" tab of a RuntimeClass: /k8s/cluster/node.k8s.io~v1~RuntimeClass/<name>/pod-overhead */
export const podOverheadPath = (runtimeClassName: string): string =>
  `/k8s/cluster/${referenceForModel(RuntimeClassModel)}/${encodeURIComponent(
    runtimeClassName,
  )}/${POD_OVERHEAD_TAB_HREF}`;
