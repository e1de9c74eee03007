import {
  defaultKataConfigForm,
  formToKataConfig,
  hasFormErrors,
  kataConfigNameProblem,
  kataConfigToForm,
  logLevelChoices,
  selectorFromEditor,
  validateKataConfigForm,
  validateSelectorEditor,
} from './createForm';
import type { KataConfigForm } from './createForm';

const withSelector = (selector: KataConfigForm['selector']): KataConfigForm => ({
  ...defaultKataConfigForm(),
  nodeSelection: 'selector',
  selector,
});

describe('defaultKataConfigForm', () => {
  it('starts from the upstream sample name and the CRD defaults, for all workers', () => {
    expect(defaultKataConfigForm()).toEqual({
      name: 'example-kataconfig',
      nodeSelection: 'allWorkers',
      selector: { matchLabels: [], matchExpressions: [] },
      checkNodeEligibility: false,
      logLevel: 'info',
      enablePeerPods: false,
    });
  });
});

describe('kataConfigNameProblem', () => {
  it.each([
    ['example-kataconfig', undefined],
    ['kata.config-1', undefined],
    ['', 'required'],
    ['Upper', 'invalid'],
    ['-lead', 'invalid'],
    ['trail-', 'invalid'],
    ['under_score', 'invalid'],
    ['a'.repeat(254), 'tooLong'],
  ])('%s -> %s', (name, problem) => {
    expect(kataConfigNameProblem(name)).toBe(problem);
  });
});

describe('validateSelectorEditor', () => {
  it('accepts every operator used correctly', () => {
    expect(
      validateSelectorEditor({
        matchLabels: [{ key: 'custom-kata1', value: 'test' }],
        matchExpressions: [
          { key: 'zone', operator: 'In', values: 'a, b' },
          { key: 'zone', operator: 'NotIn', values: 'c' },
          { key: 'gpu', operator: 'Exists', values: '' },
          { key: 'example.com/slow', operator: 'DoesNotExist', values: '' },
        ],
      }),
    ).toEqual([]);
  });

  it('pins each problem to its row and field', () => {
    expect(
      validateSelectorEditor({
        matchLabels: [
          { key: '', value: 'x' },
          { key: 'a', value: 'bad value' },
          { key: 'a', value: '' },
        ],
        matchExpressions: [
          { key: 'k', operator: 'In', values: ' , ' },
          { key: 'k', operator: 'Exists', values: 'x' },
          { key: 'bad/key/x', operator: 'NotIn', values: 'ok, -bad' },
        ],
      }),
    ).toEqual([
      { list: 'matchLabels', row: 0, field: 'key', problem: { code: 'keyRequired' } },
      {
        list: 'matchLabels',
        row: 1,
        field: 'value',
        problem: { code: 'valueInvalid', problem: 'valueInvalid', value: 'bad value' },
      },
      { list: 'matchLabels', row: 2, field: 'key', problem: { code: 'keyDuplicate' } },
      { list: 'matchExpressions', row: 0, field: 'values', problem: { code: 'valuesRequired' } },
      { list: 'matchExpressions', row: 1, field: 'values', problem: { code: 'valuesForbidden' } },
      {
        list: 'matchExpressions',
        row: 2,
        field: 'key',
        problem: { code: 'keyInvalid', problem: 'tooManySlashes' },
      },
      {
        list: 'matchExpressions',
        row: 2,
        field: 'values',
        problem: { code: 'valueInvalid', problem: 'valueInvalid', value: '-bad' },
      },
    ]);
  });
});

describe('validateKataConfigForm', () => {
  it('ignores selector rows while all workers are selected', () => {
    const form: KataConfigForm = {
      ...defaultKataConfigForm(),
      selector: { matchLabels: [{ key: '', value: '' }], matchExpressions: [] },
    };
    expect(hasFormErrors(validateKataConfigForm(form))).toBe(false);
    expect(hasFormErrors(validateKataConfigForm({ ...form, nodeSelection: 'selector' }))).toBe(
      true,
    );
  });

  it('reports a bad name', () => {
    expect(validateKataConfigForm({ ...defaultKataConfigForm(), name: 'No' }).name).toBe('invalid');
  });
});

describe('formToKataConfig', () => {
  it('writes the default form as a KataConfig for all workers', () => {
    expect(formToKataConfig(defaultKataConfigForm())).toEqual({
      apiVersion: 'kataconfiguration.openshift.io/v1',
      kind: 'KataConfig',
      metadata: { name: 'example-kataconfig' },
      spec: { checkNodeEligibility: false, logLevel: 'info', enablePeerPods: false },
    });
  });

  it('writes matchLabels and matchExpressions, values only for In and NotIn', () => {
    const selector = selectorFromEditor({
      matchLabels: [{ key: 'custom-kata1', value: 'test' }],
      matchExpressions: [
        { key: 'zone', operator: 'In', values: 'a, b,' },
        { key: 'gpu', operator: 'Exists', values: '' },
      ],
    });
    expect(selector).toEqual({
      matchLabels: { 'custom-kata1': 'test' },
      matchExpressions: [
        { key: 'zone', operator: 'In', values: ['a', 'b'] },
        { key: 'gpu', operator: 'Exists' },
      ],
    });
  });

  it('keeps fields the form does not show and drops the selector for all workers', () => {
    const base = {
      apiVersion: 'kataconfiguration.openshift.io/v1',
      kind: 'KataConfig',
      metadata: { name: 'old', labels: { team: 'a' }, annotations: { note: 'x' } },
      spec: { kataConfigPoolSelector: { matchLabels: { a: 'b' } }, futureField: 3 },
      extra: { keep: true },
    };
    expect(formToKataConfig({ ...defaultKataConfigForm(), name: 'new' }, base)).toEqual({
      apiVersion: 'kataconfiguration.openshift.io/v1',
      kind: 'KataConfig',
      metadata: { name: 'new', labels: { team: 'a' }, annotations: { note: 'x' } },
      spec: {
        futureField: 3,
        checkNodeEligibility: false,
        logLevel: 'info',
        enablePeerPods: false,
      },
      extra: { keep: true },
    });
  });
});

describe('kataConfigToForm', () => {
  it('round-trips the form through the object', () => {
    const form = withSelector({
      matchLabels: [{ key: 'custom-kata1', value: 'test' }],
      matchExpressions: [
        { key: 'zone', operator: 'NotIn', values: 'a, b' },
        { key: 'gpu', operator: 'DoesNotExist', values: '' },
      ],
    });
    const edited = { ...form, checkNodeEligibility: true, logLevel: 'debug', enablePeerPods: true };
    expect(kataConfigToForm(formToKataConfig(edited))).toEqual({ form: edited, problems: [] });
  });

  it('reads the upstream sample (no spec) as the defaults for all workers', () => {
    expect(
      kataConfigToForm({
        apiVersion: 'kataconfiguration.openshift.io/v1',
        kind: 'KataConfig',
        metadata: { name: 'example-kataconfig' },
      }),
    ).toEqual({ form: defaultKataConfigForm(), problems: [] });
  });

  it('names what it cannot show', () => {
    expect(kataConfigToForm('text').problems).toEqual(['notAnObject']);
    expect(
      kataConfigToForm({
        apiVersion: 'v1',
        kind: 'Pod',
        spec: {
          kataConfigPoolSelector: { matchExpressions: [{ key: 'a', operator: 'Gt' }] },
          enablePeerPods: 'yes',
          logLevel: 3,
        },
      }).problems,
    ).toEqual(['wrongApiVersion', 'wrongKind', 'unknownOperator', 'notAString', 'notABoolean']);
    expect(kataConfigToForm({ spec: { kataConfigPoolSelector: 'x' } }).problems).toContain(
      'selectorNotAnObject',
    );
  });

  it('treats a null selector as all workers and {} as a selector', () => {
    expect(kataConfigToForm({ spec: { kataConfigPoolSelector: null } }).form.nodeSelection).toBe(
      'allWorkers',
    );
    expect(kataConfigToForm({ spec: { kataConfigPoolSelector: {} } }).form.nodeSelection).toBe(
      'selector',
    );
  });
});

describe('logLevelChoices', () => {
  it('offers the CRI-O levels, plus a non-standard current value', () => {
    expect(logLevelChoices('info')).toEqual([
      'fatal',
      'panic',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
    ]);
    expect(logLevelChoices('verbose')).toContain('verbose');
  });
});
