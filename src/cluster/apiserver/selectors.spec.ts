import type { JsonObject } from './json';
import { fieldMatcher, labelMatcher, parseLabelSelector } from './selectors';
import { ApiError } from './errors';
const errorOf = (fn: () => unknown): ApiError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
};

const pod = (labels: Record<string, string>, nodeName?: string, phase?: string): JsonObject => ({
  metadata: { name: 'p', namespace: 'ns', labels },
  spec: nodeName ? { nodeName } : {},
  status: phase ? { phase } : {},
});

describe('label selectors', () => {
  it('parses equality, set and existence requirements', () => {
    expect(parseLabelSelector('a=b,c!=d, e in (f, g),h notin (i),j,!k')).toEqual([
      { key: 'a', operator: 'In', values: ['b'] },
      { key: 'c', operator: 'NotIn', values: ['d'] },
      { key: 'e', operator: 'In', values: ['f', 'g'] },
      { key: 'h', operator: 'NotIn', values: ['i'] },
      { key: 'j', operator: 'Exists' },
      { key: 'k', operator: 'DoesNotExist' },
    ]);
  });

  it('matches objects by their labels', () => {
    const matches = labelMatcher('name=r,owner=helm');
    expect(matches(pod({ name: 'r', owner: 'helm', x: 'y' }))).toBe(true);
    expect(matches(pod({ name: 'r' }))).toBe(false);
    expect(labelMatcher('tier notin (db),!legacy')(pod({ tier: 'web' }))).toBe(true);
    expect(labelMatcher('tier notin (db),!legacy')(pod({ tier: 'web', legacy: '' }))).toBe(false);
    expect(labelMatcher('')(pod({}))).toBe(true);
  });

  it('rejects malformed selectors with a 400', () => {
    expect(errorOf(() => labelMatcher('a in b'))).toMatchObject({ code: 400 });
    expect(errorOf(() => labelMatcher('-bad-=x'))).toMatchObject({ code: 400 });
  });
});

describe('field selectors', () => {
  it('matches pod fields and metadata', () => {
    const onNode = fieldMatcher('spec.nodeName=w1,status.phase!=Failed', 'Pod');
    expect(onNode(pod({}, 'w1', 'Running'))).toBe(true);
    expect(onNode(pod({}, 'w2', 'Running'))).toBe(false);
    expect(onNode(pod({}, 'w1', 'Failed'))).toBe(false);
    expect(fieldMatcher('metadata.name==p,metadata.namespace=ns', 'ConfigMap')(pod({}))).toBe(true);
  });

  it('rejects fields the kind does not support', () => {
    expect(() => fieldMatcher('spec.nodeName=w1', 'ConfigMap')).toThrow(
      /field label not supported: spec.nodeName/,
    );
  });
});
