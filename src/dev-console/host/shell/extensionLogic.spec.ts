import type { Action, K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import { applyModelMetadata, dashboardColumns, orderActions, routePaths } from './extensionLogic';

const model = (apiGroup: string | undefined, kind: string): K8sModel => ({
  kind,
  label: kind,
  labelPlural: `${kind}s`,
  plural: `${kind.toLowerCase()}s`,
  apiVersion: 'v1',
  ...(apiGroup ? { apiGroup } : {}),
  abbr: kind.slice(0, 2).toUpperCase(),
  namespaced: false,
});

describe('applyModelMetadata', () => {
  it('applies group-wide badges and kind-only labels, the most specific last', () => {
    const [kata, other, node] = applyModelMetadata(
      [model('kata.io', 'KataConfig'), model('kata.io', 'Other'), model(undefined, 'Node')],
      [
        { model: { group: 'kata.io', version: 'v1', kind: 'KataConfig' }, label: 'Kata config' },
        { model: { group: 'kata.io' }, badge: 'tech', label: 'ignored without kind' },
        { model: { group: 'kata.io', kind: 'KataConfig' }, label: 'less specific', abbr: 'KC' },
        { model: { group: 'core', kind: 'Node' }, labelPlural: 'Machines' },
      ],
    );
    expect(kata).toMatchObject({ label: 'Kata config', abbr: 'KC', badge: 'Tech Preview' });
    expect(other).toMatchObject({ label: 'Other', badge: 'Tech Preview' });
    expect(node).toMatchObject({ labelPlural: 'Machines', label: 'Node' });
  });

  it('skips extensions for another version', () => {
    const [kata] = applyModelMetadata(
      [model('kata.io', 'KataConfig')],
      [{ model: { group: 'kata.io', version: 'v2', kind: 'KataConfig' }, label: 'No' }],
    );
    expect(kata?.label).toBe('KataConfig');
  });
});

describe('routePaths', () => {
  it('keeps exact paths and lets the others match everything below them', () => {
    expect(routePaths('/sandboxed-containers', undefined)).toEqual(['/sandboxed-containers/*']);
    expect(routePaths('/sandboxed-containers/', false)).toEqual(['/sandboxed-containers/*']);
    expect(routePaths(['/a/:name/uninstall', '/b'], true)).toEqual(['/a/:name/uninstall', '/b']);
  });
});

describe('dashboardColumns', () => {
  it("keeps the tab's cards by position in extension order", () => {
    const cards = [
      { id: 1, tab: 'home', position: 'MAIN' as const },
      { id: 2, tab: 'other', position: 'MAIN' as const },
      { id: 3, tab: 'home', position: 'LEFT' as const },
      { id: 4, tab: 'home', position: 'MAIN' as const, span: 6 },
    ];
    const columns = dashboardColumns(cards, 'home');
    expect(columns.MAIN.map((c) => c.id)).toEqual([1, 4]);
    expect(columns.LEFT.map((c) => c.id)).toEqual([3]);
    expect(columns.RIGHT).toEqual([]);
  });
});

describe('orderActions', () => {
  const action = (id: string, extra: Partial<Action> = {}): Action => ({
    id,
    label: id,
    cta: () => undefined,
    ...extra,
  });
  it('places items by insertBefore (which wins) and insertAfter', () => {
    const ordered = orderActions([
      action('edit'),
      action('delete', { insertAfter: 'edit' }),
      action('labels', { insertBefore: 'edit', insertAfter: 'delete' }),
      action('last', { insertAfter: ['missing', 'delete'] }),
      action('plain'),
    ]);
    expect(ordered.map((a) => a.id)).toEqual(['labels', 'edit', 'delete', 'last', 'plain']);
  });
});
