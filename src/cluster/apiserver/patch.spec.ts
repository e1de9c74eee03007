import type { JsonObject } from './json';
import { jsonPatch, mergePatch, strategicMerge } from './patch';

describe('mergePatch', () => {
  it('merges objects, deletes on null and replaces lists', () => {
    expect(
      mergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null, e: 4 }, l: [3] }),
    ).toEqual({
      a: 1,
      b: { d: 3, e: 4 },
      l: [3],
    });
  });
});

describe('jsonPatch', () => {
  it('applies add, remove, replace, move, copy and test', () => {
    const doc = { a: [1, 2], b: { c: 'x' } };
    expect(
      jsonPatch(doc, [
        { op: 'add', path: '/a/-', value: 3 },
        { op: 'remove', path: '/a/0' },
        { op: 'replace', path: '/b/c', value: 'y' },
        { op: 'copy', from: '/b/c', path: '/d' },
        { op: 'move', from: '/d', path: '/e~1f' },
        { op: 'test', path: '/e~1f', value: 'y' },
      ]),
    ).toEqual({ a: [2, 3], b: { c: 'y' }, 'e/f': 'y' });
    expect(doc).toEqual({ a: [1, 2], b: { c: 'x' } });
  });

  it('fails on a missing path and on a failed test', () => {
    expect(() => jsonPatch({}, [{ op: 'remove', path: '/x' }])).toThrow(/nonexistent|missing/);
    expect(() => jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow(/failed/);
  });
});

describe('strategicMerge', () => {
  const deployment: JsonObject = {
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: 'a',
              image: 'a:1',
              env: [{ name: 'X', value: '1' }],
              ports: [{ containerPort: 80 }],
            },
            { name: 'b', image: 'b:1' },
          ],
          volumes: [{ name: 'v1' }],
        },
      },
    },
  };

  it('merges containers and env by name, keeping items the patch does not mention', () => {
    const result = strategicMerge(deployment, {
      spec: {
        template: {
          spec: {
            containers: [{ name: 'a', image: 'a:2', env: [{ name: 'Z', value: '9' }] }],
          },
        },
      },
    });
    expect(result).toEqual({
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'a',
                image: 'a:2',
                env: [
                  { name: 'X', value: '1' },
                  { name: 'Z', value: '9' },
                ],
                ports: [{ containerPort: 80 }],
              },
              { name: 'b', image: 'b:1' },
            ],
            volumes: [{ name: 'v1' }],
          },
        },
      },
    });
  });

  it('honours $patch delete, $setElementOrder and $deleteFromPrimitiveList', () => {
    const result = strategicMerge(
      {
        metadata: { finalizers: ['a', 'b'] },
        spec: {
          containers: [{ name: 'a' }, { name: 'b', image: 'b:1' }],
          volumes: [{ name: 'v1' }],
        },
      },
      {
        metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] },
        spec: {
          '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }],
          containers: [
            { name: 'a', $patch: 'delete' },
            { name: 'b', image: 'b:2' },
          ],
        },
      },
    );
    expect(result).toEqual({
      metadata: { finalizers: ['b'] },
      spec: { containers: [{ name: 'b', image: 'b:2' }], volumes: [{ name: 'v1' }] },
    });
  });

  it('merges conditions by type and ports by port for services', () => {
    expect(
      strategicMerge(
        {
          status: {
            conditions: [
              { type: 'Ready', status: 'False' },
              { type: 'Other', status: 'True' },
            ],
          },
          spec: { ports: [{ port: 80, name: 'http' }] },
        },
        {
          status: { conditions: [{ type: 'Ready', status: 'True' }] },
          spec: { ports: [{ port: 443, name: 'https' }] },
        },
      ),
    ).toEqual({
      status: {
        conditions: [
          { type: 'Ready', status: 'True' },
          { type: 'Other', status: 'True' },
        ],
      },
      spec: {
        ports: [
          { port: 80, name: 'http' },
          { port: 443, name: 'https' },
        ],
      },
    });
  });

  it('replaces atomic lists and maps marked $patch: replace, and deletes keys set to null', () => {
    expect(
      strategicMerge(
        { spec: { args: ['a', 'b'], selector: { a: '1', b: '2' } }, data: { x: '1' } },
        { spec: { args: ['c'], selector: { $patch: 'replace', c: '3' } }, data: { x: null } },
      ),
    ).toEqual({ spec: { args: ['c'], selector: { c: '3' } }, data: {} });
  });
});
