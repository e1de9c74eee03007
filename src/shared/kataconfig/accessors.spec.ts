import {
  arrayOrEmpty,
  compactKataNodes,
  findInProgressCondition,
  normalizeKataNodes,
  runtimeClassesOf,
} from './accessors';

describe('accessors', () => {
  it('finds the InProgress condition among others and defaults missing strings', () => {
    const kataConfig = {
      status: {
        conditions: [
          { type: 'Other', status: 'True' },
          { type: 'InProgress', status: 'True' },
        ],
      },
    };
    expect(findInProgressCondition(kataConfig)).toEqual({
      type: 'InProgress',
      status: 'True',
      reason: '',
      message: '',
      lastTransitionTime: '',
    });
    expect(findInProgressCondition({ status: { conditions: [{ type: 'Other' }] } })).toBeNull();
    expect(findInProgressCondition({ status: { conditions: 'x' } })).toBeNull();
    expect(findInProgressCondition(undefined)).toBeNull();
  });

  it('prefers runtimeClasses and falls back to the 1.5.0 runtimeClass list', () => {
    expect(
      runtimeClassesOf({
        status: { runtimeClasses: ['kata', 'kata-remote'], runtimeClass: ['x'] },
      }),
    ).toEqual(['kata', 'kata-remote']);
    expect(runtimeClassesOf({ status: { runtimeClass: ['kata'] } })).toEqual(['kata']);
    expect(runtimeClassesOf({ status: { runtimeClass: 'kata' } })).toEqual([]);
    expect(runtimeClassesOf({ status: { runtimeClasses: null } })).toEqual([]);
  });

  it('normalises kataNodes and compacts it back to the wire shape', () => {
    const normalized = normalizeKataNodes({
      nodeCount: 2.7,
      readyNodeCount: -1,
      installed: ['a', 1],
      installing: 'b',
    });
    expect(normalized).toMatchObject({
      nodeCount: 2,
      readyNodeCount: null,
      installed: ['a'],
      installing: [],
    });
    expect(compactKataNodes(normalized)).toEqual({
      nodeCount: 2,
      readyNodeCount: 0,
      installed: ['a'],
    });
    expect(normalizeKataNodes(null).waitingToUninstall).toEqual([]);
  });

  it('replaces non-arrays with an empty array', () => {
    expect(arrayOrEmpty([1, 2])).toEqual([1, 2]);
    expect(arrayOrEmpty(null)).toEqual([]);
    expect(arrayOrEmpty({ length: 1 } as unknown as number[])).toEqual([]);
  });
});
