import {
  compileLabelSelector,
  labelKeyProblem,
  labelSelectorMatches,
  labelValueProblem,
  nodesMatching,
  validateLabelSelector,
} from './labelSelector';
import type { LabelSelector, Node } from './types';

// `labels: null` is not in the type but does come from hand-written YAML.
const node = (name: string, labels?: Record<string, string> | null): Node =>
  ({ metadata: { name, labels } }) as Node;

describe('labelKeyProblem', () => {
  it.each([
    'app',
    'a',
    'node-role.kubernetes.io/worker',
    'kubernetes.io/os',
    'feature.node.kubernetes.io/runtime.kata',
    'custom-kata1',
    'A_b.C-9',
    'x'.repeat(63),
    `${'a'.repeat(253)}/name`,
  ])('accepts %s', (key) => {
    expect(labelKeyProblem(key)).toBeUndefined();
  });

  it.each([
    ['', 'empty'],
    ['a/b/c', 'tooManySlashes'],
    ['/name', 'prefixEmpty'],
    [`${'a'.repeat(254)}/name`, 'prefixTooLong'],
    ['Example.com/name', 'prefixInvalid'],
    ['-example.com/name', 'prefixInvalid'],
    ['example..com/name', 'prefixInvalid'],
    ['example.com/', 'nameEmpty'],
    ['x'.repeat(64), 'nameTooLong'],
    ['-app', 'nameInvalid'],
    ['app-', 'nameInvalid'],
    ['app name', 'nameInvalid'],
    ['app:1', 'nameInvalid'],
    [42, 'notAString'],
    [null, 'notAString'],
  ])('rejects %p as %s', (key, problem) => {
    expect(labelKeyProblem(key)).toBe(problem);
  });
});

describe('labelValueProblem', () => {
  it.each(['', 'true', 'v1.2_3-x', 'x'.repeat(63)])('accepts %p', (value) => {
    expect(labelValueProblem(value)).toBeUndefined();
  });

  it.each([
    ['x'.repeat(64), 'valueTooLong'],
    ['-x', 'valueInvalid'],
    ['a/b', 'valueInvalid'],
    ['has space', 'valueInvalid'],
    [true, 'notAString'],
  ])('rejects %p as %s', (value, problem) => {
    expect(labelValueProblem(value)).toBe(problem);
  });
});

describe('validateLabelSelector', () => {
  it('accepts null, undefined, an empty selector and null fields', () => {
    expect(validateLabelSelector(null)).toEqual([]);
    expect(validateLabelSelector(undefined)).toEqual([]);
    expect(validateLabelSelector({})).toEqual([]);
    expect(validateLabelSelector({ matchLabels: null, matchExpressions: null })).toEqual([]);
  });

  it('accepts every operator used correctly', () => {
    const selector: LabelSelector = {
      matchLabels: { 'custom-kata1': 'test' },
      matchExpressions: [
        { key: 'zone', operator: 'In', values: ['a', 'b'] },
        { key: 'tier', operator: 'NotIn', values: ['gpu'] },
        { key: 'node-role.kubernetes.io/worker', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist', values: [] },
      ],
    };
    expect(validateLabelSelector(selector)).toEqual([]);
  });

  it('reports operator-specific value rules with the field path', () => {
    const selector: LabelSelector = {
      matchExpressions: [
        { key: 'ok', operator: 'Exists' },
        { key: 'zone', operator: 'In', values: [] },
        { key: 'tier', operator: 'NotIn' },
        { key: 'gpu', operator: 'Exists', values: ['yes'] },
        { key: 'old', operator: 'DoesNotExist', values: ['x'] },
      ],
    };
    expect(validateLabelSelector(selector)).toEqual([
      { path: 'matchExpressions[1].values', code: 'valuesRequired', value: 'In' },
      { path: 'matchExpressions[2].values', code: 'valuesRequired', value: 'NotIn' },
      { path: 'matchExpressions[3].values', code: 'valuesForbidden', value: 'Exists' },
      { path: 'matchExpressions[4].values', code: 'valuesForbidden', value: 'DoesNotExist' },
    ]);
  });

  it('reports bad keys, values and operators, prefixed with the base path', () => {
    const selector: LabelSelector = {
      matchLabels: { 'bad key': 'ok', good: 'bad value' },
      matchExpressions: [
        { key: '/x', operator: 'In', values: ['ok', '-no'] },
        { key: 'a', operator: 'in', values: ['x'] },
        { key: 'b', operator: '' },
      ],
    };
    expect(validateLabelSelector(selector, 'spec.kataConfigPoolSelector')).toEqual([
      {
        path: 'spec.kataConfigPoolSelector.matchLabels["bad key"]',
        code: 'keyInvalid',
        problem: 'nameInvalid',
        value: 'bad key',
      },
      {
        path: 'spec.kataConfigPoolSelector.matchLabels["good"]',
        code: 'valueInvalid',
        problem: 'valueInvalid',
        value: 'bad value',
      },
      {
        path: 'spec.kataConfigPoolSelector.matchExpressions[0].key',
        code: 'keyInvalid',
        problem: 'prefixEmpty',
        value: '/x',
      },
      {
        path: 'spec.kataConfigPoolSelector.matchExpressions[0].values[1]',
        code: 'valueInvalid',
        problem: 'valueInvalid',
        value: '-no',
      },
      {
        path: 'spec.kataConfigPoolSelector.matchExpressions[1].operator',
        code: 'operatorUnknown',
        value: 'in',
      },
      {
        path: 'spec.kataConfigPoolSelector.matchExpressions[2].operator',
        code: 'operatorRequired',
      },
    ]);
  });

  it('copes with shapes a YAML editor can produce without throwing', () => {
    const shapes: unknown[] = [
      'app=x',
      [],
      { matchLabels: ['a'] },
      { matchExpressions: { key: 'a' } },
      {
        matchExpressions: [
          null,
          'x',
          { operator: 'Exists' },
          { key: 'a', operator: 'In', values: 'a' },
        ],
      },
      { matchLabels: { a: 1 } },
    ];
    const results = shapes.map((shape) => validateLabelSelector(shape as LabelSelector));
    expect(results.map((errors) => errors.map(({ path, code }) => `${path}:${code}`))).toEqual([
      [':notAnObject'],
      [':notAnObject'],
      ['matchLabels:matchLabelsNotAnObject'],
      ['matchExpressions:matchExpressionsNotAList'],
      [
        'matchExpressions[0]:requirementNotAnObject',
        'matchExpressions[1]:requirementNotAnObject',
        'matchExpressions[2].key:keyInvalid',
        'matchExpressions[3].values:valuesNotAList',
      ],
      ['matchLabels["a"]:valueInvalid'],
    ]);
  });
});

describe('evaluation', () => {
  const labels = { 'node-role.kubernetes.io/worker': '', zone: 'a', tier: 'web' };

  it('matches everything with an empty selector, including unlabelled objects', () => {
    expect(labelSelectorMatches({}, labels, 'matchesNothing')).toBe(true);
    expect(labelSelectorMatches({}, undefined, 'matchesNothing')).toBe(true);
    expect(labelSelectorMatches({ matchLabels: null }, null, 'matchesNothing')).toBe(true);
  });

  it('gives a null selector the meaning the caller states', () => {
    expect(labelSelectorMatches(null, labels, 'matchesEverything')).toBe(true);
    expect(labelSelectorMatches(undefined, labels, 'matchesEverything')).toBe(true);
    expect(labelSelectorMatches(null, labels, 'matchesNothing')).toBe(false);
    expect(labelSelectorMatches(undefined, labels, 'matchesNothing')).toBe(false);
  });

  it.each<[string, LabelSelector, boolean]>([
    ['matchLabels equal', { matchLabels: { zone: 'a' } }, true],
    ['matchLabels empty value', { matchLabels: { 'node-role.kubernetes.io/worker': '' } }, true],
    ['matchLabels different', { matchLabels: { zone: 'b' } }, false],
    ['matchLabels missing key', { matchLabels: { gpu: '' } }, false],
    ['In hit', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b', 'a'] }] }, true],
    ['In miss', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }, false],
    ['In absent key', { matchExpressions: [{ key: 'x', operator: 'In', values: [''] }] }, false],
    ['NotIn hit', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, false],
    ['NotIn miss', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['b'] }] }, true],
    [
      'NotIn absent key',
      { matchExpressions: [{ key: 'x', operator: 'NotIn', values: ['a'] }] },
      true,
    ],
    ['Exists', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    ['Exists absent', { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }, false],
    ['DoesNotExist', { matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' }] }, true],
    [
      'DoesNotExist present',
      { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] },
      false,
    ],
    [
      'labels and expressions are ANDed',
      {
        matchLabels: { zone: 'a' },
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }],
      },
      false,
    ],
  ])('%s', (_name, selector, expected) => {
    expect(labelSelectorMatches(selector, labels, 'matchesNothing')).toBe(expected);
  });

  it('does not mistake inherited object properties for labels', () => {
    const selector: LabelSelector = {
      matchExpressions: [{ key: 'constructor', operator: 'Exists' }],
    };
    expect(labelSelectorMatches(selector, {}, 'matchesNothing')).toBe(false);
    expect(labelSelectorMatches({ matchLabels: { toString: 'x' } }, {}, 'matchesNothing')).toBe(
      false,
    );
  });

  it('makes an invalid selector match nothing and exposes its errors', () => {
    const compiled = compileLabelSelector(
      { matchExpressions: [{ key: 'zone', operator: 'In', values: [] }] },
      'matchesEverything',
    );
    expect(compiled.errors).toHaveLength(1);
    expect(compiled.matches(labels)).toBe(false);
    expect(compiled.matches({})).toBe(false);
  });
});

describe('nodesMatching', () => {
  const nodes = [
    node('worker-0', { 'node-role.kubernetes.io/worker': '', 'custom-kata1': 'test' }),
    node('worker-1', { 'node-role.kubernetes.io/worker': '' }),
    node('master-0', { 'node-role.kubernetes.io/master': '' }),
    node('bare'),
    node('null-labels', null),
    {} as Node,
  ];

  it('keeps the matching nodes in input order', () => {
    const names = nodesMatching(
      { matchExpressions: [{ key: 'node-role.kubernetes.io/worker', operator: 'Exists' }] },
      nodes,
      'matchesNothing',
    ).map((match) => match.metadata?.name);
    expect(names).toEqual(['worker-0', 'worker-1']);
  });

  it('selects by matchLabels like kataConfigPoolSelector', () => {
    const matches = nodesMatching(
      { matchLabels: { 'custom-kata1': 'test' } },
      nodes,
      'matchesNothing',
    );
    expect(matches.map((match) => match.metadata?.name)).toEqual(['worker-0']);
  });

  it('returns every node, including unlabelled ones, for a null selector meaning everything', () => {
    expect(nodesMatching(null, nodes, 'matchesEverything')).toHaveLength(nodes.length);
    expect(nodesMatching(null, nodes, 'matchesNothing')).toEqual([]);
  });

  it('returns no nodes for an invalid selector or a missing list', () => {
    expect(
      nodesMatching(
        { matchExpressions: [{ key: 'a', operator: 'Bogus' }] },
        nodes,
        'matchesEverything',
      ),
    ).toEqual([]);
    expect(nodesMatching({}, null, 'matchesEverything')).toEqual([]);
  });
});
