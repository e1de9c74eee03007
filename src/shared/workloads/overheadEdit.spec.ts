import type { RuntimeClass } from '../k8s/types';
import {
  kataRuntimeClassReason,
  overheadDiff,
  overheadDraftChanged,
  overheadDraftOf,
  overheadPatch,
  proposedRuntimeClass,
  rebaseOverheadDraft,
  summarizeOverhead,
} from './overheadEdit';

const runtimeClass = (
  name: string,
  handler: string,
  podFixed?: Record<string, string>,
  resourceVersion = '42',
): RuntimeClass => ({
  apiVersion: 'node.k8s.io/v1',
  kind: 'RuntimeClass',
  metadata: { name, resourceVersion },
  handler,
  ...(podFixed ? { overhead: { podFixed } } : {}),
  scheduling: { nodeSelector: { 'node-role.kubernetes.io/kata-oc': '' } },
});

const kata = runtimeClass('kata', 'kata', { cpu: '250m', memory: '350Mi' });

describe('kataRuntimeClassReason', () => {
  it('recognises the kata and kata-remote handlers', () => {
    expect(kataRuntimeClassReason(kata, [])).toBe('kataHandler');
    expect(kataRuntimeClassReason(runtimeClass('remote', 'kata-remote'), null)).toBe('kataHandler');
  });

  it('recognises a class a KataConfig lists, whatever its handler', () => {
    const custom = runtimeClass('kata-cc', 'kata-tdx');
    expect(
      kataRuntimeClassReason(custom, [{ status: { runtimeClasses: ['kata', 'kata-cc'] } }]),
    ).toBe('listedByKataConfig');
  });

  it('says when a class is not a kata class, and copes with odd KataConfigs', () => {
    const runc = runtimeClass('runc', 'runc');
    expect(
      kataRuntimeClassReason(runc, [
        { status: { runtimeClasses: ['kata'] } },
        { status: null },
        { status: { runtimeClasses: 'runc' as unknown as string[] } },
      ]),
    ).toBe('notKata');
    expect(kataRuntimeClassReason(undefined, undefined)).toBe('notKata');
  });
});

describe('drafts and proposals', () => {
  it('starts from the current values, empty where unset', () => {
    expect(overheadDraftOf(kata)).toEqual({ cpu: '250m', memory: '350Mi' });
    expect(overheadDraftOf(runtimeClass('bare', 'kata'))).toEqual({ cpu: '', memory: '' });
    expect(
      overheadDraftOf({ handler: 'kata', overhead: { podFixed: 'x' } } as unknown as RuntimeClass),
    ).toEqual({ cpu: '', memory: '' });
  });

  it('replaces CPU and memory and keeps other podFixed resources', () => {
    const withStorage = runtimeClass('kata', 'kata', {
      cpu: '250m',
      memory: '350Mi',
      'ephemeral-storage': '1Gi',
    });
    expect(proposedRuntimeClass(withStorage, { cpu: '500m', memory: '1Gi' }).overhead).toEqual({
      podFixed: { cpu: '500m', memory: '1Gi', 'ephemeral-storage': '1Gi' },
    });
  });
});

describe('rebaseOverheadDraft', () => {
  it('keeps what the user typed and takes the newer values for the rest', () => {
    const latest = runtimeClass('kata', 'kata', { cpu: '400m', memory: '512Mi' }, '43');
    expect(rebaseOverheadDraft(latest, { cpu: '250m', memory: '640Mi' }, ['memory'])).toEqual({
      cpu: '400m',
      memory: '640Mi',
    });
    expect(rebaseOverheadDraft(latest, { cpu: '1', memory: '1Gi' }, ['cpu', 'memory'])).toEqual({
      cpu: '1',
      memory: '1Gi',
    });
    expect(rebaseOverheadDraft(null, { cpu: '1', memory: '' }, [])).toEqual({
      cpu: '',
      memory: '',
    });
  });
});

describe('overheadDiff', () => {
  it('lists old and new per resource and compares amounts, not text', () => {
    expect(overheadDiff(kata, { cpu: '0.25', memory: '500Mi' })).toEqual([
      { resource: 'cpu', before: '250m', after: '0.25', changed: false },
      { resource: 'memory', before: '350Mi', after: '500Mi', changed: true },
    ]);
  });

  it('marks a value the class does not set yet as changed', () => {
    expect(overheadDiff(runtimeClass('bare', 'kata'), { cpu: '250m', memory: '' })).toEqual([
      { resource: 'cpu', after: '250m', changed: true },
      { resource: 'memory', after: '', changed: true },
    ]);
  });

  it('knows when nothing would change', () => {
    expect(overheadDraftChanged(kata, { cpu: '250m', memory: '350Mi' })).toBe(false);
    expect(overheadDraftChanged(kata, { cpu: '250m', memory: '351Mi' })).toBe(true);
    expect(overheadDraftChanged(kata, { cpu: '250 m', memory: '350Mi' })).toBe(true);
  });
});

describe('overheadPatch', () => {
  it('pins the resourceVersion the draft started from, then sets the overhead', () => {
    expect(overheadPatch(kata, { cpu: '500m', memory: '600Mi' })).toEqual([
      { op: 'replace', path: '/metadata/resourceVersion', value: '42' },
      { op: 'add', path: '/overhead', value: { podFixed: { cpu: '500m', memory: '600Mi' } } },
    ]);
  });

  it('adds an overhead to a class without one, and skips the pin without a version', () => {
    const bare = { ...runtimeClass('bare', 'kata'), metadata: { name: 'bare' } };
    expect(overheadPatch(bare, { cpu: '1', memory: '1Gi' })).toEqual([
      { op: 'add', path: '/overhead', value: { podFixed: { cpu: '1', memory: '1Gi' } } },
    ]);
  });
});

describe('summarizeOverhead', () => {
  it('calls the operator values default, in any notation', () => {
    expect(summarizeOverhead(kata)).toEqual({ cpu: '250m', memory: '350Mi', origin: 'default' });
    expect(
      summarizeOverhead(runtimeClass('kata', 'kata', { cpu: '0.25', memory: '350Mi' })).origin,
    ).toBe('default');
  });

  it('calls anything else edited, and a class without overhead notSet', () => {
    expect(
      summarizeOverhead(runtimeClass('kata', 'kata', { cpu: '500m', memory: '500Mi' })),
    ).toEqual({ cpu: '500m', memory: '500Mi', origin: 'edited' });
    expect(summarizeOverhead(runtimeClass('kata', 'kata', { memory: '350Mi' }))).toEqual({
      memory: '350Mi',
      origin: 'edited',
    });
    expect(summarizeOverhead(runtimeClass('kata', 'kata'))).toEqual({ origin: 'notSet' });
    expect(summarizeOverhead(null)).toEqual({ origin: 'notSet' });
  });
});
