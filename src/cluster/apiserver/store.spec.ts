import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from './store';

const cm = (name: string, value: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default' },
  data: { value },
});

describe('Store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kata-store-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('stamps a global, increasing resourceVersion and logs events', () => {
    const store = new Store();
    const a = store.put('/configmaps', cm('a', '1'));
    const b = store.put('/secrets', cm('b', '1'));
    const a2 = store.put('/configmaps', cm('a', '2'));
    expect(
      [a, b, a2].map((o) => (o.metadata as { resourceVersion: string }).resourceVersion),
    ).toEqual(['1', '2', '3']);
    expect(store.eventsSince(1)?.map((e) => [e.type, e.gr, e.rv])).toEqual([
      ['ADDED', '/secrets', 2],
      ['MODIFIED', '/configmaps', 3],
    ]);
    const removed = store.remove('/configmaps', 'default', 'a');
    expect((removed?.metadata as { resourceVersion: string }).resourceVersion).toBe('4');
    expect(store.get('/configmaps', 'default', 'a')).toBeUndefined();
  });

  it('forgets events beyond its log size, so old versions are gone', () => {
    const store = new Store({ logSize: 3 });
    for (let i = 0; i < 6; i += 1) store.put('/configmaps', cm(`c${i}`, 'x'));
    expect(store.eventsSince(1)).toBeUndefined();
    expect(store.eventsSince(3)?.map((e) => e.rv)).toEqual([4, 5, 6]);
  });

  it('persists atomically and resumes with the same objects and resourceVersion', () => {
    const file = join(dir, 'state.json');
    const store = new Store({ file });
    store.put('/configmaps', cm('a', '1'));
    store.put('/configmaps', cm('b', '1'), { kubectl: { data: { value: '1' } } });
    store.flush();
    expect(readdirSync(dir)).toEqual(['state.json']);
    const again = new Store({ file });
    expect(again.load()).toBe(true);
    expect(again.resourceVersion).toBe(2);
    expect(again.get('/configmaps', 'default', 'b')?.applied).toEqual({
      kubectl: { data: { value: '1' } },
    });
    expect(again.eventsSince(1)).toBeUndefined();
    expect(again.eventsSince(2)).toEqual([]);
    expect(again.put('/configmaps', cm('c', '1')).metadata).toMatchObject({ resourceVersion: '3' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ resourceVersion: 2 });
  });

  it('refuses a file that is not its own', () => {
    const file = join(dir, 'state.json');
    writeFileSync(file, '{"hello":1}');
    expect(() => new Store({ file }).load()).toThrow(/not a local-cluster state file/);
  });
});
