import { apiVersionOf, referenceForModel } from './model';

describe('model helpers', () => {
  it('writes the console reference with "core" for the core group', () => {
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      plural: 'nodes',
      abbr: 'N',
      label: 'Node',
      labelPlural: 'Nodes',
    };
    expect(referenceForModel(node)).toBe('core~v1~Node');
    expect(apiVersionOf(node)).toBe('v1');
    expect(apiVersionOf({ apiGroup: 'apps', apiVersion: 'v1' })).toBe('apps/v1');
  });
});
