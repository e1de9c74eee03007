import {
  ALL_NAMESPACES_KEY,
  editProblem,
  eventsFieldSelector,
  modelKeyFor,
  namespaceFromPath,
  parseResourceYaml,
  pathForNamespace,
  referenceForExtensionModel,
  referenceForObject,
  selectPage,
  sortEventsNewestFirst,
  spreadableParams,
  tabBase,
  tabHref,
  yamlOf,
} from './sdkLogic';

const node = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'worker-0', uid: 'u-1', resourceVersion: '7' },
};

describe('YAML editing', () => {
  it('shows objects as YAML and template strings as they are', () => {
    expect(yamlOf(node)).toContain('name: worker-0');
    expect(yamlOf('# comment\nkind: X\n')).toBe('# comment\nkind: X\n');
  });

  it('parses a mapping and explains anything else', () => {
    expect(parseResourceYaml('kind: Node\nmetadata:\n  name: a\n')).toEqual({
      object: { kind: 'Node', metadata: { name: 'a' } },
    });
    expect(parseResourceYaml('kind: [')).toEqual({
      error: expect.stringMatching(/^Error parsing YAML: /) as unknown,
    });
    expect(parseResourceYaml('- a\n- b')).toEqual({ error: expect.any(String) as unknown });
    expect(parseResourceYaml('')).toEqual({ error: expect.any(String) as unknown });
  });

  it('refuses edits that would name another object', () => {
    expect(editProblem(node, { ...node, metadata: { ...node.metadata, labels: { a: 'b' } } })).toBe(
      null,
    );
    expect(editProblem(node, { ...node, metadata: { name: 'worker-1' } })).toBe(
      'Cannot change resource name (original: "worker-0", updated: "worker-1").',
    );
    expect(editProblem(node, { ...node, kind: 'Pod' })).toMatch(/resource kind/);
    expect(editProblem(node, { ...node, apiVersion: 'v2' })).toMatch(/resource apiVersion/);
    expect(editProblem(node, { ...node, metadata: { ...node.metadata, namespace: 'x' } })).toMatch(
      /resource namespace/,
    );
  });

  it('finds the model key for core and grouped kinds', () => {
    expect(modelKeyFor('v1', 'Node')).toBe('core~v1~Node');
    expect(modelKeyFor('node.k8s.io/v1', 'RuntimeClass')).toBe('node.k8s.io~v1~RuntimeClass');
  });
});

describe('events', () => {
  it("selects the object's events by uid, name and kind", () => {
    expect(eventsFieldSelector(node)).toBe(
      'involvedObject.uid=u-1,involvedObject.name=worker-0,involvedObject.kind=Node',
    );
    expect(eventsFieldSelector({ kind: 'Node', metadata: { name: 'n' } })).toBe(
      'involvedObject.name=n,involvedObject.kind=Node',
    );
  });

  it('sorts newest first whichever time field the writer filled', () => {
    const sorted = sortEventsNewestFirst([
      { metadata: { name: 'old' }, lastTimestamp: '2026-01-01T00:00:00Z' },
      { metadata: { name: 'new' }, eventTime: '2026-01-03T00:00:00Z' },
      { metadata: { name: 'series' }, series: { lastObservedTime: '2026-01-02T00:00:00Z' } },
    ]);
    expect(sorted.map((e) => e.metadata.name)).toEqual(['new', 'series', 'old']);
  });
});

describe('HorizontalNav tabs', () => {
  const pages = [
    { name: 'Details', href: '' },
    { name: 'YAML', href: 'yaml' },
    { name: 'Nodes & pods', href: 'nodes & pods' },
    { name: 'Slash', href: '/slash' },
    { name: 'Pattern', path: 'logs/:container' },
  ];
  it('selects by the first path element after the enclosing route, decoded', () => {
    expect(selectPage(pages, '')?.name).toBe('Details');
    expect(selectPage(pages, 'yaml')?.name).toBe('YAML');
    expect(selectPage(pages, 'yaml/extra')?.name).toBe('YAML');
    expect(selectPage(pages, 'nodes%20%26%20pods')?.name).toBe('Nodes & pods');
    expect(selectPage(pages, 'slash')?.name).toBe('Slash');
    expect(selectPage(pages, 'logs/kata')?.name).toBe('Pattern');
    expect(selectPage(pages, 'events')).toBeUndefined();
  });

  it('links tabs under the URL the enclosing route matched', () => {
    expect(tabBase('/k8s/cluster/nodes/a', '')).toBe('/k8s/cluster/nodes/a');
    expect(tabBase('/k8s/cluster/nodes/a/yaml', 'yaml')).toBe('/k8s/cluster/nodes/a');
    expect(tabBase('/k8s/cluster/nodes/a/logs/x/', 'logs/x')).toBe('/k8s/cluster/nodes/a');
    expect(tabBase('/dashboards', '')).toBe('/dashboards');
    expect(tabHref('/rollout')).toBe('rollout');
    expect(tabHref(undefined)).toBe('');
  });

  it('spreads route params into page props, except the names React reserves', () => {
    expect(spreadableParams({ name: 'a', ref: 'r', key: 'k', '*': 'yaml' })).toEqual({
      name: 'a',
      '*': 'yaml',
    });
  });

  it("matches tab extensions to the object's group, version and kind", () => {
    expect(referenceForObject(node)).toBe('core~v1~Node');
    expect(referenceForExtensionModel({ version: 'v1', kind: 'Node' })).toBe('core~v1~Node');
    expect(referenceForExtensionModel({ group: 'core', version: 'v1', kind: 'Node' })).toBe(
      'core~v1~Node',
    );
    expect(
      referenceForObject({
        apiVersion: 'machineconfiguration.openshift.io/v1',
        kind: 'MachineConfigPool',
      }),
    ).toBe(
      referenceForExtensionModel({
        group: 'machineconfiguration.openshift.io',
        version: 'v1',
        kind: 'MachineConfigPool',
      }),
    );
    expect(referenceForObject(undefined)).toBe('');
  });
});

describe('active namespace', () => {
  it('reads the namespace of a namespaced URL', () => {
    expect(namespaceFromPath('/k8s/ns/kata%2Dpods/pods/a')).toBe('kata-pods');
    expect(namespaceFromPath('/k8s/cluster/nodes')).toBeUndefined();
  });

  it('moves namespaced URLs to the chosen namespace', () => {
    expect(pathForNamespace('/k8s/ns/a/pods/x', 'b')).toBe('/k8s/ns/b/pods/x');
    expect(pathForNamespace('/k8s/ns/a/pods/x', ALL_NAMESPACES_KEY)).toBe(
      '/k8s/all-namespaces/pods',
    );
    expect(pathForNamespace('/k8s/all-namespaces/pods', 'b')).toBe('/k8s/ns/b/pods');
    expect(pathForNamespace('/k8s/cluster/nodes', 'b')).toBeNull();
  });
});
