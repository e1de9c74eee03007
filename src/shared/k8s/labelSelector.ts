/**
 * metav1.LabelSelector: validation with field paths, and evaluation against labels.
 *
 * Null selectors: Kubernetes' LabelSelectorAsSelector turns a nil selector into "matches
 * nothing", but KataConfig's `kataConfigPoolSelector: null` means "all worker nodes". Neither
 * reading is safe as a silent default, so every evaluating function takes a required
 * `whenNull` argument and the caller states which meaning its field has. An empty selector
 * (`{}`) always matches everything, as in Kubernetes.
 */
import type { LabelSelector, Labels, Node } from './types';

export type NullSelectorMeaning = 'matchesEverything' | 'matchesNothing';

/** What is wrong with a label key or value. Ids, not sentences: the UI translates them. */
export type LabelSyntaxProblem =
  | 'notAString'
  | 'empty'
  | 'tooManySlashes'
  | 'prefixEmpty'
  | 'prefixTooLong'
  | 'prefixInvalid'
  | 'nameEmpty'
  | 'nameTooLong'
  | 'nameInvalid'
  | 'valueTooLong'
  | 'valueInvalid';

export type LabelSelectorErrorCode =
  | 'notAnObject'
  | 'matchLabelsNotAnObject'
  | 'matchExpressionsNotAList'
  | 'requirementNotAnObject'
  | 'keyInvalid'
  | 'valueInvalid'
  | 'operatorRequired'
  | 'operatorUnknown'
  | 'valuesNotAList'
  | 'valuesRequired'
  | 'valuesForbidden';

export interface LabelSelectorError {
  /** Field path relative to the selector, e.g. `matchExpressions[1].values`. */
  path: string;
  code: LabelSelectorErrorCode;
  /** Set for keyInvalid and valueInvalid. */
  problem?: LabelSyntaxProblem;
  /** The offending key, value or operator when there is one, for the message. */
  value?: string;
}

export const LABEL_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
type KnownOperator = (typeof LABEL_SELECTOR_OPERATORS)[number];

const MAX_NAME_LENGTH = 63;
const MAX_PREFIX_LENGTH = 253;
const NAME_PATTERN = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A label key: `name` or `prefix/name`, the prefix being a DNS subdomain. */
export const labelKeyProblem = (key: unknown): LabelSyntaxProblem | undefined => {
  if (typeof key !== 'string') return 'notAString';
  if (key === '') return 'empty';
  const parts = key.split('/');
  if (parts.length > 2) return 'tooManySlashes';
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    if (prefix === '') return 'prefixEmpty';
    if (prefix.length > MAX_PREFIX_LENGTH) return 'prefixTooLong';
    if (!DNS_SUBDOMAIN_PATTERN.test(prefix)) return 'prefixInvalid';
  }
  if (name === undefined || name === '') return 'nameEmpty';
  if (name.length > MAX_NAME_LENGTH) return 'nameTooLong';
  if (!NAME_PATTERN.test(name)) return 'nameInvalid';
  return undefined;
};

/** A label value: empty, or up to 63 alphanumerics with `-_.` inside. */
export const labelValueProblem = (value: unknown): LabelSyntaxProblem | undefined => {
  if (typeof value !== 'string') return 'notAString';
  if (value === '') return undefined;
  if (value.length > MAX_NAME_LENGTH) return 'valueTooLong';
  if (!NAME_PATTERN.test(value)) return 'valueInvalid';
  return undefined;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isKnownOperator = (operator: unknown): operator is KnownOperator =>
  LABEL_SELECTOR_OPERATORS.some((known) => known === operator);

const joinPath = (base: string, field: string): string => (base ? `${base}.${field}` : field);

const describe = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

const validateRequirement = (
  requirement: unknown,
  path: string,
  errors: LabelSelectorError[],
): void => {
  if (!isPlainObject(requirement)) {
    errors.push({ path, code: 'requirementNotAnObject' });
    return;
  }
  const { key, operator, values } = requirement;
  const keyProblem = labelKeyProblem(key);
  if (keyProblem) {
    errors.push({
      path: `${path}.key`,
      code: 'keyInvalid',
      problem: keyProblem,
      value: describe(key),
    });
  }
  if (operator === undefined || operator === null || operator === '') {
    errors.push({ path: `${path}.operator`, code: 'operatorRequired' });
    return;
  }
  if (!isKnownOperator(operator)) {
    errors.push({ path: `${path}.operator`, code: 'operatorUnknown', value: describe(operator) });
    return;
  }
  if (values !== undefined && values !== null && !Array.isArray(values)) {
    errors.push({ path: `${path}.values`, code: 'valuesNotAList' });
    return;
  }
  const valueList: unknown[] = Array.isArray(values) ? values : [];
  if ((operator === 'In' || operator === 'NotIn') && valueList.length === 0) {
    errors.push({ path: `${path}.values`, code: 'valuesRequired', value: operator });
  }
  if ((operator === 'Exists' || operator === 'DoesNotExist') && valueList.length > 0) {
    errors.push({ path: `${path}.values`, code: 'valuesForbidden', value: operator });
  }
  valueList.forEach((value, index) => {
    const problem = labelValueProblem(value);
    if (problem) {
      errors.push({
        path: `${path}.values[${index}]`,
        code: 'valueInvalid',
        problem,
        value: describe(value),
      });
    }
  });
};

/**
 * Every problem in a selector, in field order. `basePath` prefixes each path (for example
 * `spec.kataConfigPoolSelector`). A null or undefined selector is valid: what it means is the
 * caller's decision (see the file comment).
 */
export const validateLabelSelector = (
  selector: LabelSelector | null | undefined,
  basePath = '',
): LabelSelectorError[] => {
  const errors: LabelSelectorError[] = [];
  const raw: unknown = selector;
  if (raw === null || raw === undefined) return errors;
  if (!isPlainObject(raw)) {
    return [{ path: basePath, code: 'notAnObject' }];
  }
  const { matchLabels, matchExpressions } = raw;
  const labelsPath = joinPath(basePath, 'matchLabels');
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isPlainObject(matchLabels)) {
      errors.push({ path: labelsPath, code: 'matchLabelsNotAnObject' });
    } else {
      for (const [key, value] of Object.entries(matchLabels)) {
        const entryPath = `${labelsPath}[${JSON.stringify(key)}]`;
        const keyProblem = labelKeyProblem(key);
        if (keyProblem) {
          errors.push({ path: entryPath, code: 'keyInvalid', problem: keyProblem, value: key });
        }
        const valueProblem = labelValueProblem(value);
        if (valueProblem) {
          errors.push({
            path: entryPath,
            code: 'valueInvalid',
            problem: valueProblem,
            value: describe(value),
          });
        }
      }
    }
  }
  const expressionsPath = joinPath(basePath, 'matchExpressions');
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) {
      errors.push({ path: expressionsPath, code: 'matchExpressionsNotAList' });
    } else {
      matchExpressions.forEach((requirement: unknown, index) => {
        validateRequirement(requirement, `${expressionsPath}[${index}]`, errors);
      });
    }
  }
  return errors;
};

export interface CompiledLabelSelector {
  /** Empty when the selector is usable. */
  errors: LabelSelectorError[];
  /** An invalid selector matches nothing: validate and show `errors` to say why. */
  matches: (labels: Labels | null | undefined) => boolean;
}

const hasLabel = (labels: Labels, key: string): boolean => Object.hasOwn(labels, key);

// Validation has already ensured every entry has a string key, a known operator and values.
const requirementMatches = (
  labels: Labels,
  key: string,
  operator: KnownOperator,
  values: readonly string[],
): boolean => {
  switch (operator) {
    case 'In':
      return hasLabel(labels, key) && values.includes(labels[key] ?? '');
    case 'NotIn':
      return !hasLabel(labels, key) || !values.includes(labels[key] ?? '');
    case 'Exists':
      return hasLabel(labels, key);
    case 'DoesNotExist':
      return !hasLabel(labels, key);
  }
};

const matchNothing = (): boolean => false;
const matchEverything = (): boolean => true;

/** Validates once and returns a matcher to apply to many label sets (nodes in a preview). */
export const compileLabelSelector = (
  selector: LabelSelector | null | undefined,
  whenNull: NullSelectorMeaning,
): CompiledLabelSelector => {
  if (selector === null || selector === undefined) {
    return {
      errors: [],
      matches: whenNull === 'matchesEverything' ? matchEverything : matchNothing,
    };
  }
  const errors = validateLabelSelector(selector);
  if (errors.length > 0) {
    return { errors, matches: matchNothing };
  }
  const expectedLabels = Object.entries(selector.matchLabels ?? {});
  const requirements = (selector.matchExpressions ?? []).map((requirement) => ({
    key: requirement.key,
    operator: requirement.operator as KnownOperator,
    values: requirement.values ?? [],
  }));
  return {
    errors,
    matches: (labels) => {
      const actual: Labels = isPlainObject(labels) ? labels : {};
      return (
        expectedLabels.every(([key, value]) => hasLabel(actual, key) && actual[key] === value) &&
        requirements.every(({ key, operator, values }) =>
          requirementMatches(actual, key, operator, values),
        )
      );
    },
  };
};

/** One-off evaluation; prefer compileLabelSelector when matching many objects. */
export const labelSelectorMatches = (
  selector: LabelSelector | null | undefined,
  labels: Labels | null | undefined,
  whenNull: NullSelectorMeaning,
): boolean => compileLabelSelector(selector, whenNull).matches(labels);

/** The nodes a selector picks, in input order. An invalid selector picks none. */
export const nodesMatching = (
  selector: LabelSelector | null | undefined,
  nodes: readonly Node[] | null | undefined,
  whenNull: NullSelectorMeaning,
): Node[] => {
  const { matches } = compileLabelSelector(selector, whenNull);
  return (nodes ?? []).filter((node) => matches(node.metadata?.labels));
};
