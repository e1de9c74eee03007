import { Api } from './api';
import type { JsonObject } from './json';
import { Registry } from './registry';
import type { ResourceType } from './registry';
import { Store } from './store';
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

const setup = () => {
  const store = new Store();
  const registry = new Registry();
  const api = new Api(store, registry);
  const type = (apiVersion: string, kind: string): ResourceType => {
    const found = registry.findKind(apiVersion, kind);
    if (!found) throw new Error(`no ${kind}`);
    return found;
  };
  const ns = type('v1', 'Namespace');
  api.create(ns, '', { metadata: { name: 'default' } });
  return { store, registry, api, type };
};

const flush = () => new Promise((resolve) => setImmediate(resolve));
const settle = async () => {
  for (let i = 0; i < 10; i += 1) await flush();
};
const meta = (obj: JsonObject) => obj.metadata as Record<string, unknown>;

describe('Api', () => {
  it('creates with generateName, rejects duplicates and missing namespaces', () => {
    const { api, type } = setup();
    const cm = type('v1', 'ConfigMap');
    const created = api.create(cm, 'default', { metadata: { generateName: 'x-' } }).object;
    expect(meta(created).name).toMatch(/^x-[a-z0-9]{5}$/);
    api.create(cm, 'default', { metadata: { name: 'a' } });
    expect(errorOf(() => api.create(cm, 'default', { metadata: { name: 'a' } }))).toMatchObject({
      code: 409,
      reason: 'AlreadyExists',
    });
    expect(errorOf(() => api.create(cm, 'nope', { metadata: { name: 'a' } }))).toMatchObject({
      code: 404,
      message: 'namespaces "nope" not found',
    });
    expect(
      errorOf(() => api.create(cm, 'default', { metadata: { name: 'Bad_Name' } })),
    ).toMatchObject({ code: 422 });
  });

  it('does not store dry runs', () => {
    const { api, type } = setup();
    const cm = type('v1', 'ConfigMap');
    api.create(cm, 'default', { metadata: { name: 'dry' } }, { dryRun: true });
    expect(errorOf(() => api.get(cm, 'default', 'dry'))).toMatchObject({ code: 404 });
  });

  it('bumps generation on spec changes only, and enforces resourceVersion', () => {
    const { api, type } = setup();
    const deploy = type('apps/v1', 'Deployment');
    const first = api.create(deploy, 'default', {
      metadata: { name: 'd' },
      spec: { replicas: 1 },
      status: { replicas: 5 },
    }).object;
    expect(meta(first).generation).toBe(1);
    expect(first.status).toBeUndefined();
    const labelled = api.patch(
      deploy,
      'default',
      'd',
      'merge',
      '{"metadata":{"labels":{"a":"b"}}}',
    ).object;
    expect(meta(labelled).generation).toBe(1);
    const scaled = api.patch(deploy, 'default', 'd', 'merge', '{"spec":{"replicas":2}}').object;
    expect(meta(scaled).generation).toBe(2);
    const status = api.update(
      deploy,
      'default',
      'd',
      { ...scaled, status: { replicas: 2 }, spec: { replicas: 9 } },
      {},
      'status',
    ).object;
    expect(status.status).toEqual({ replicas: 2 });
    expect((status.spec as JsonObject).replicas).toBe(2);
    expect(meta(status).generation).toBe(2);
    expect(errorOf(() => api.update(deploy, 'default', 'd', scaled))).toMatchObject({
      code: 409,
      reason: 'Conflict',
    });
    const ignored = api.update(deploy, 'default', 'd', {
      ...status,
      status: { replicas: 7 },
    }).object;
    expect(ignored.status).toEqual({ replicas: 2 });
  });

  it('keeps objects with finalizers until the last one is removed', () => {
    const { api, type, store } = setup();
    const cm = type('v1', 'ConfigMap');
    api.create(cm, 'default', { metadata: { name: 'f', finalizers: ['example.com/x'] } });
    const deleting = api.delete(cm, 'default', 'f');
    expect(meta(deleting).deletionTimestamp).toEqual(expect.any(String));
    expect(
      errorOf(() =>
        api.patch(cm, 'default', 'f', 'merge', '{"metadata":{"finalizers":["example.com/x","y"]}}'),
      ),
    ).toMatchObject({ code: 403 });
    const events: string[] = [];
    store.subscribe((e) => events.push(e.type));
    api.patch(cm, 'default', 'f', 'json', '[{"op":"remove","path":"/metadata/finalizers"}]');
    expect(events).toEqual(['DELETED']);
    expect(errorOf(() => api.get(cm, 'default', 'f'))).toMatchObject({ code: 404 });
  });

  it('collects dependents in the background and in the foreground, and orphans on request', async () => {
    const { api, type } = setup();
    const cm = type('v1', 'ConfigMap');
    const owner = (name: string) => {
      const created = api.create(cm, 'default', { metadata: { name } }).object;
      return { apiVersion: 'v1', kind: 'ConfigMap', name, uid: String(meta(created).uid) };
    };
    const o1 = owner('o1');
    api.create(cm, 'default', { metadata: { name: 'd1', ownerReferences: [o1] } });
    api.delete(cm, 'default', 'o1', { propagationPolicy: 'Background' });
    await settle();
    expect(errorOf(() => api.get(cm, 'default', 'd1'))).toMatchObject({ code: 404 });

    const o2 = owner('o2');
    api.create(cm, 'default', { metadata: { name: 'd2', ownerReferences: [o2] } });
    api.delete(cm, 'default', 'o2', { propagationPolicy: 'Foreground' });
    expect(meta(api.get(cm, 'default', 'o2')).finalizers).toEqual(['foregroundDeletion']);
    await settle();
    expect(errorOf(() => api.get(cm, 'default', 'd2'))).toMatchObject({ code: 404 });
    expect(errorOf(() => api.get(cm, 'default', 'o2'))).toMatchObject({ code: 404 });

    const o3 = owner('o3');
    api.create(cm, 'default', { metadata: { name: 'd3', ownerReferences: [o3] } });
    api.delete(cm, 'default', 'o3', { propagationPolicy: 'Orphan' });
    await settle();
    expect(meta(api.get(cm, 'default', 'd3')).ownerReferences).toBeUndefined();
    expect(errorOf(() => api.get(cm, 'default', 'o3'))).toMatchObject({ code: 404 });
  });

  it('deletes a namespace after its contents, and refuses new content meanwhile', async () => {
    const { api, type } = setup();
    const ns = type('v1', 'Namespace');
    const cm = type('v1', 'ConfigMap');
    api.create(ns, '', { metadata: { name: 'doomed' } });
    api.create(cm, 'doomed', { metadata: { name: 'held', finalizers: ['x'] } });
    api.delete(ns, '', 'doomed');
    expect((api.get(ns, '', 'doomed').status as JsonObject).phase).toBe('Terminating');
    await settle();
    expect(errorOf(() => api.create(cm, 'doomed', { metadata: { name: 'new' } }))).toMatchObject({
      code: 403,
    });
    expect(meta(api.get(cm, 'doomed', 'held')).deletionTimestamp).toEqual(expect.any(String));
    api.patch(cm, 'doomed', 'held', 'merge', '{"metadata":{"finalizers":null}}');
    await settle();
    expect(errorOf(() => api.get(ns, '', 'doomed'))).toMatchObject({ code: 404 });
  });

  it('serves a CRD at once, with defaults, pruning, validation and strict field validation', () => {
    const { api, type, registry } = setup();
    const crd = type('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
    const created = api.create(crd, '', {
      metadata: { name: 'gadgets.example.com' },
      spec: {
        group: 'example.com',
        names: { kind: 'Gadget', plural: 'gadgets' },
        scope: 'Cluster',
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            subresources: { status: {} },
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  spec: {
                    type: 'object',
                    required: ['size'],
                    properties: {
                      size: { type: 'integer', maximum: 10 },
                      mode: { type: 'string', default: 'fast' },
                    },
                  },
                  status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                },
              },
            },
          },
        ],
      },
    }).object;
    expect((created.status as JsonObject).conditions).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'Established', status: 'True' })]),
    );
    const gadget = registry.find('example.com', 'v1', 'gadgets');
    expect(gadget).toMatchObject({ kind: 'Gadget', namespaced: false, status: true });
    if (!gadget) return;
    const obj = api.create(gadget, '', {
      metadata: { name: 'g' },
      spec: { size: 2, extra: 1 },
    }).object;
    expect(obj.spec).toEqual({ size: 2, mode: 'fast' });
    expect(() =>
      api.create(
        gadget,
        '',
        { metadata: { name: 'h' }, spec: { size: 2, extra: 1 } },
        { fieldValidation: 'Strict' },
      ),
    ).toThrow(/unknown field "spec.extra"/);
    expect(
      errorOf(() => api.create(gadget, '', { metadata: { name: 'i' }, spec: { size: 'big' } })),
    ).toMatchObject({ code: 422 });
    expect(
      errorOf(() => api.create(gadget, '', { metadata: { name: 'j' }, spec: { size: 11 } })),
    ).toMatchObject({ code: 422 });
    expect(errorOf(() => api.patch(gadget, '', 'g', 'strategic', '{}'))).toMatchObject({
      code: 415,
    });
  });

  it('server-side apply creates, merges and removes fields the manager stopped applying', () => {
    const { api, type } = setup();
    const cm = type('v1', 'ConfigMap');
    const apply = (data: Record<string, string>, manager = 'helm') =>
      api.patch(
        cm,
        'default',
        'cfg',
        'apply',
        JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data }),
        {
          fieldManager: manager,
        },
      ).object;
    expect(apply({ a: '1', b: '2' }).data).toEqual({ a: '1', b: '2' });
    expect(apply({ c: '3' }, 'other').data).toEqual({ a: '1', b: '2', c: '3' });
    const rv = meta(api.get(cm, 'default', 'cfg')).resourceVersion;
    expect(apply({ a: '1' }).data).toEqual({ a: '1', c: '3' });
    expect(meta(apply({ a: '1' })).resourceVersion).not.toBe(rv);
    const again = meta(api.get(cm, 'default', 'cfg')).resourceVersion;
    expect(meta(apply({ a: '1' })).resourceVersion).toBe(again);
    expect(errorOf(() => api.patch(cm, 'default', 'cfg', 'apply', '{}', {}))).toMatchObject({
      code: 400,
    });
  });

  it('watches with initial events, resume, selector transitions and 410', () => {
    const { api, type, store } = setup();
    const cm = type('v1', 'ConfigMap');
    api.create(cm, 'default', { metadata: { name: 'a', labels: { w: 'yes' } } });
    const seen: string[] = [];
    const stop = api.watch(
      cm,
      'default',
      { sendInitialEvents: true, allowBookmarks: true, labelSelector: 'w=yes' },
      (e) => {
        const annotations = (e.object.metadata as JsonObject).annotations as JsonObject | undefined;
        const name = (e.object.metadata as JsonObject).name;
        seen.push(`${e.type}:${typeof name === 'string' ? name : ''}${annotations ? ':end' : ''}`);
      },
    );
    api.create(cm, 'default', { metadata: { name: 'b' } });
    api.patch(cm, 'default', 'b', 'merge', '{"metadata":{"labels":{"w":"yes"}}}');
    api.patch(cm, 'default', 'a', 'merge', '{"metadata":{"labels":{"w":"no"}}}');
    stop();
    expect(seen).toEqual(['ADDED:a', 'BOOKMARK::end', 'ADDED:b', 'DELETED:a']);
    const resumed: string[] = [];
    api.watch(cm, 'default', { resourceVersion: String(store.resourceVersion - 2) }, (e) =>
      resumed.push(e.type),
    )();
    expect(resumed).toEqual(['MODIFIED', 'MODIFIED']);
    const small = new Store({ logSize: 1 });
    const smallApi = new Api(small, new Registry());
    smallApi.create(type('v1', 'Namespace'), '', { metadata: { name: 'x' } });
    smallApi.create(type('v1', 'Namespace'), '', { metadata: { name: 'y' } });
    smallApi.create(type('v1', 'Namespace'), '', { metadata: { name: 'z' } });
    expect(
      errorOf(() =>
        smallApi.watch(
          type('v1', 'Namespace'),
          undefined,
          { resourceVersion: '1' },
          () => undefined,
        ),
      ),
    ).toMatchObject({ code: 410 });
    smallApi.close();
  });

  it('lists in pages with continue tokens', () => {
    const { api, type } = setup();
    const cm = type('v1', 'ConfigMap');
    for (const name of ['a', 'b', 'c', 'd', 'e']) api.create(cm, 'default', { metadata: { name } });
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = api.list(cm, 'default', { limit: 2, continueToken: token ?? null });
      names.push(...page.items.map((i) => String(meta(i).name)));
      token = page.continueToken;
      pages += 1;
    } while (token);
    expect(names).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pages).toBe(3);
  });
});
