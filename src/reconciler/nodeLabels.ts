/**
 * Which nodes get or lose `node-role.kubernetes.io/kata-oc` (osc-operator.md section 2.3):
 * worker nodes matching `kataConfigPoolSelector` (null selects every worker), plus the NFD
 * label when `checkNodeEligibility` is set.
 */
import {
  KATA_NODE_ROLE_LABEL,
  NFD_KATA_ELIGIBILITY_LABEL,
  NFD_KATA_ELIGIBILITY_VALUE,
  WORKER_NODE_ROLE_LABEL,
} from '../shared/kataconfig';
import type { KataConfigSpec } from '../shared/kataconfig';
import { compileLabelSelector } from '../shared/k8s';
import type { LabelSelectorError, Node } from '../shared/k8s';

export interface NodeLabelPlan {
  /** Node names that must get the kata role label, in name order. */
  add: string[];
  /** Node names that must lose it, in name order. */
  remove: string[];
  /** Nodes the effective selector picks (whether or not they are labelled yet). */
  selected: string[];
  /** Non-empty when the pool selector is invalid: then nothing is changed. */
  selectorErrors: LabelSelectorError[];
  /** `checkNodeEligibility` is set but no node carries the NFD label (NFD not running?). */
  nfdMissing: boolean;
}

const nameOf = (node: Node): string => node.metadata?.name ?? '';
const has = (node: Node, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(node.metadata?.labels ?? {}, key);

/** Nodes whose NFD label says they can run kata. */
export const isNodeEligible = (node: Node): boolean =>
  node.metadata?.labels?.[NFD_KATA_ELIGIBILITY_LABEL] === NFD_KATA_ELIGIBILITY_VALUE;

export const planNodeLabels = (
  spec: KataConfigSpec | null | undefined,
  nodes: readonly Node[],
): NodeLabelPlan => {
  const compiled = compileLabelSelector(spec?.kataConfigPoolSelector, 'matchesEverything');
  const checkEligibility = spec?.checkNodeEligibility === true;
  const named = nodes.filter((node) => nameOf(node) !== '');
  const nfdMissing = checkEligibility && !named.some(isNodeEligible);
  if (compiled.errors.length > 0 || nfdMissing) {
    return { add: [], remove: [], selected: [], selectorErrors: compiled.errors, nfdMissing };
  }
  const add: string[] = [];
  const remove: string[] = [];
  const selected: string[] = [];
  for (const node of [...named].sort((a, b) => nameOf(a).localeCompare(nameOf(b)))) {
    const wanted =
      has(node, WORKER_NODE_ROLE_LABEL) &&
      compiled.matches(node.metadata?.labels) &&
      (!checkEligibility || isNodeEligible(node));
    const labelled = node.metadata?.labels?.[KATA_NODE_ROLE_LABEL] === '';
    if (wanted) selected.push(nameOf(node));
    if (wanted && !labelled) add.push(nameOf(node));
    if (!wanted && has(node, KATA_NODE_ROLE_LABEL)) remove.push(nameOf(node));
  }
  return { add, remove, selected, selectorErrors: [], nfdMissing: false };
};

/** Every node carrying the kata role label: what uninstall unlabels. */
export const labelledKataNodes = (nodes: readonly Node[]): string[] =>
  nodes
    .filter((node) => has(node, KATA_NODE_ROLE_LABEL))
    .map(nameOf)
    .filter((name) => name !== '')
    .sort((a, b) => a.localeCompare(b));

/** One line naming the selector's problems, for the condition message and the log. */
export const describeSelectorErrors = (errors: readonly LabelSelectorError[]): string =>
  errors.map((error) => `${error.path}: ${error.code}`).join('; ');
