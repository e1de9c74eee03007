/**
 * The KataConfig create form as data: the form model, its validation (ids, not sentences: the UI
 * translates), and the two conversions that keep the form and the YAML view in sync. Converting
 * the form back onto the object it was read from keeps every field the form does not show.
 */
import { labelKeyProblem, labelValueProblem } from '../k8s/labelSelector';
import type { LabelSyntaxProblem } from '../k8s/labelSelector';
import type { LabelSelector, LabelSelectorOperator, LabelSelectorRequirement } from '../k8s/types';
import { isRecord } from './accessors';
import {
  CRIO_LOG_LEVELS,
  KATA_CONFIG_API_VERSION,
  KATA_CONFIG_KIND,
  KATA_CONFIG_SAMPLE_NAME,
  KATA_CONFIG_SPEC_DEFAULTS,
} from './constants';
import type { KataConfig } from './types';

// ---------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------

export interface MatchLabelRow {
  key: string;
  value: string;
}

export interface MatchExpressionRow {
  key: string;
  operator: LabelSelectorOperator;
  /** Comma-separated, as typed; split only when the object is built. */
  values: string;
}

export interface SelectorEditorModel {
  matchLabels: MatchLabelRow[];
  matchExpressions: MatchExpressionRow[];
}

/** All worker nodes (no selector), or the nodes a label selector picks among them. */
export type NodeSelectionMode = 'allWorkers' | 'selector';

export interface KataConfigForm {
  name: string;
  nodeSelection: NodeSelectionMode;
  selector: SelectorEditorModel;
  checkNodeEligibility: boolean;
  /** A `crio --log-level` value; other strings from YAML are kept as they are. */
  logLevel: string;
  enablePeerPods: boolean;
}

export const emptySelectorEditor = (): SelectorEditorModel => ({
  matchLabels: [],
  matchExpressions: [],
});

/** What the form starts with: the upstream sample's name and the CRD's defaults. */
export const defaultKataConfigForm = (): KataConfigForm => ({
  name: KATA_CONFIG_SAMPLE_NAME,
  nodeSelection: 'allWorkers',
  selector: emptySelectorEditor(),
  checkNodeEligibility: KATA_CONFIG_SPEC_DEFAULTS.checkNodeEligibility,
  logLevel: KATA_CONFIG_SPEC_DEFAULTS.logLevel,
  enablePeerPods: KATA_CONFIG_SPEC_DEFAULTS.enablePeerPods,
});

export const VALUELESS_OPERATORS: readonly LabelSelectorOperator[] = ['Exists', 'DoesNotExist'];

const splitValues = (text: string): string[] =>
  text
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '');

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/** Custom resource names are DNS-1123 subdomains. */
export type NameProblem = 'required' | 'tooLong' | 'invalid';

const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_1123_SUBDOMAIN_MAX = 253;

export const kataConfigNameProblem = (name: string): NameProblem | undefined => {
  if (name === '') return 'required';
  if (name.length > DNS_1123_SUBDOMAIN_MAX) return 'tooLong';
  return DNS_1123_SUBDOMAIN.test(name) ? undefined : 'invalid';
};

export type SelectorRowProblem =
  | { code: 'keyRequired' }
  | { code: 'keyInvalid'; problem: LabelSyntaxProblem }
  | { code: 'keyDuplicate' }
  | { code: 'valueInvalid'; problem: LabelSyntaxProblem; value: string }
  | { code: 'valuesRequired' }
  | { code: 'valuesForbidden' };

export interface SelectorEditorError {
  list: 'matchLabels' | 'matchExpressions';
  row: number;
  field: 'key' | 'value' | 'values';
  problem: SelectorRowProblem;
}

const keyProblem = (key: string): SelectorRowProblem | undefined => {
  if (key.trim() === '') return { code: 'keyRequired' };
  const problem = labelKeyProblem(key);
  return problem ? { code: 'keyInvalid', problem } : undefined;
};

const valueProblem = (value: string): SelectorRowProblem | undefined => {
  const problem = labelValueProblem(value);
  return problem ? { code: 'valueInvalid', problem, value } : undefined;
};

/** Every problem in the editor's rows, each pinned to its row and field. */
export const validateSelectorEditor = (model: SelectorEditorModel): SelectorEditorError[] => {
  const errors: SelectorEditorError[] = [];
  const seen = new Set<string>();
  model.matchLabels.forEach(({ key, value }, row) => {
    const problem = keyProblem(key) ?? (seen.has(key) ? { code: 'keyDuplicate' } : undefined);
    seen.add(key);
    if (problem) errors.push({ list: 'matchLabels', row, field: 'key', problem });
    const badValue = valueProblem(value);
    if (badValue) errors.push({ list: 'matchLabels', row, field: 'value', problem: badValue });
  });
  model.matchExpressions.forEach(({ key, operator, values }, row) => {
    const problem = keyProblem(key);
    if (problem) errors.push({ list: 'matchExpressions', row, field: 'key', problem });
    const list = splitValues(values);
    const valueless = VALUELESS_OPERATORS.includes(operator);
    if (!valueless && list.length === 0) {
      errors.push({
        list: 'matchExpressions',
        row,
        field: 'values',
        problem: { code: 'valuesRequired' },
      });
    } else if (valueless && list.length > 0) {
      errors.push({
        list: 'matchExpressions',
        row,
        field: 'values',
        problem: { code: 'valuesForbidden' },
      });
    }
    const badValue = valueless ? undefined : list.map(valueProblem).find(Boolean);
    if (badValue) {
      errors.push({ list: 'matchExpressions', row, field: 'values', problem: badValue });
    }
  });
  return errors;
};

export interface KataConfigFormErrors {
  name?: NameProblem;
  selector: SelectorEditorError[];
}

export const validateKataConfigForm = (form: KataConfigForm): KataConfigFormErrors => ({
  name: kataConfigNameProblem(form.name),
  selector: form.nodeSelection === 'selector' ? validateSelectorEditor(form.selector) : [],
});

export const hasFormErrors = (errors: KataConfigFormErrors): boolean =>
  errors.name !== undefined || errors.selector.length > 0;

// ---------------------------------------------------------------------------------------------
// Form -> object
// ---------------------------------------------------------------------------------------------

/** The selector the editor describes, in the API's shape; empty lists are left out. */
export const selectorFromEditor = (model: SelectorEditorModel): LabelSelector => {
  const selector: LabelSelector = {};
  if (model.matchLabels.length > 0) {
    selector.matchLabels = Object.fromEntries(model.matchLabels.map((r) => [r.key, r.value]));
  }
  if (model.matchExpressions.length > 0) {
    selector.matchExpressions = model.matchExpressions.map(
      ({ key, operator, values }): LabelSelectorRequirement =>
        VALUELESS_OPERATORS.includes(operator)
          ? { key, operator }
          : { key, operator, values: splitValues(values) },
    );
  }
  return selector;
};

/** The effective pool selector, null for "all workers" (how the operator reads it). */
export const poolSelectorOfForm = (form: KataConfigForm): LabelSelector | null =>
  form.nodeSelection === 'selector' ? selectorFromEditor(form.selector) : null;

const recordOrEmpty = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

/**
 * The KataConfig the form describes, laid over `base` (the object last read from YAML): fields
 * the form does not know, in metadata, spec or anywhere else, are kept.
 */
export const formToKataConfig = (form: KataConfigForm, base?: unknown): KataConfig => {
  const original = recordOrEmpty(base);
  const spec: Record<string, unknown> = {
    ...recordOrEmpty(original.spec),
    checkNodeEligibility: form.checkNodeEligibility,
    logLevel: form.logLevel,
    enablePeerPods: form.enablePeerPods,
  };
  const selector = poolSelectorOfForm(form);
  if (selector === null) {
    delete spec.kataConfigPoolSelector;
  } else {
    spec.kataConfigPoolSelector = selector;
  }
  return {
    ...original,
    apiVersion: KATA_CONFIG_API_VERSION,
    kind: KATA_CONFIG_KIND,
    metadata: { ...recordOrEmpty(original.metadata), name: form.name },
    spec,
  };
};

// ---------------------------------------------------------------------------------------------
// Object -> form
// ---------------------------------------------------------------------------------------------

/** Why YAML could not be shown in the form (the YAML itself is still what gets created). */
export type YamlFormProblem =
  | 'notAnObject'
  | 'wrongApiVersion'
  | 'wrongKind'
  | 'selectorNotAnObject'
  | 'unknownOperator'
  | 'notABoolean'
  | 'notAString';

export interface FormFromObject {
  form: KataConfigForm;
  problems: YamlFormProblem[];
}

const KNOWN_OPERATORS: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

const editorFromSelector = (
  selector: Record<string, unknown>,
  problems: YamlFormProblem[],
): SelectorEditorModel => {
  const labels = recordOrEmpty(selector.matchLabels);
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return {
    matchLabels: Object.entries(labels).map(([key, value]) => ({
      key,
      value: typeof value === 'string' ? value : String(value),
    })),
    matchExpressions: expressions.filter(isRecord).flatMap((requirement) => {
      const operator = requirement.operator;
      if (typeof operator !== 'string' || !KNOWN_OPERATORS.includes(operator)) {
        problems.push('unknownOperator');
        return [];
      }
      const values = Array.isArray(requirement.values) ? requirement.values : [];
      return [
        {
          key: typeof requirement.key === 'string' ? requirement.key : '',
          operator: operator as LabelSelectorOperator,
          values: values.map(String).join(', '),
        },
      ];
    }),
  };
};

const booleanAt = (
  spec: Record<string, unknown>,
  key: 'checkNodeEligibility' | 'enablePeerPods',
  problems: YamlFormProblem[],
): boolean => {
  const value = spec[key];
  if (value === undefined || value === null) return KATA_CONFIG_SPEC_DEFAULTS[key];
  if (typeof value === 'boolean') return value;
  problems.push('notABoolean');
  return KATA_CONFIG_SPEC_DEFAULTS[key];
};

/** Reads an object (parsed from YAML) into the form, listing what the form cannot show. */
export const kataConfigToForm = (object: unknown): FormFromObject => {
  const problems: YamlFormProblem[] = [];
  if (!isRecord(object)) {
    return { form: { ...defaultKataConfigForm(), name: '' }, problems: ['notAnObject'] };
  }
  if (object.apiVersion !== KATA_CONFIG_API_VERSION) problems.push('wrongApiVersion');
  if (object.kind !== KATA_CONFIG_KIND) problems.push('wrongKind');
  const metadata = recordOrEmpty(object.metadata);
  const spec = recordOrEmpty(object.spec);
  const rawSelector = spec.kataConfigPoolSelector;
  let nodeSelection: NodeSelectionMode = 'allWorkers';
  let selector = emptySelectorEditor();
  if (rawSelector !== undefined && rawSelector !== null) {
    if (isRecord(rawSelector)) {
      nodeSelection = 'selector';
      selector = editorFromSelector(rawSelector, problems);
    } else {
      problems.push('selectorNotAnObject');
    }
  }
  let logLevel: string = KATA_CONFIG_SPEC_DEFAULTS.logLevel;
  if (typeof spec.logLevel === 'string') {
    logLevel = spec.logLevel;
  } else if (spec.logLevel !== undefined && spec.logLevel !== null) {
    problems.push('notAString');
  }
  return {
    form: {
      name: typeof metadata.name === 'string' ? metadata.name : '',
      nodeSelection,
      selector,
      checkNodeEligibility: booleanAt(spec, 'checkNodeEligibility', problems),
      logLevel,
      enablePeerPods: booleanAt(spec, 'enablePeerPods', problems),
    },
    problems: [...new Set(problems)],
  };
};

/** The log levels to offer: CRI-O's, plus a non-standard value read from YAML so it is kept. */
export const logLevelChoices = (current: string): string[] =>
  (CRIO_LOG_LEVELS as readonly string[]).includes(current)
    ? [...CRIO_LOG_LEVELS]
    : [...CRIO_LOG_LEVELS, current];
