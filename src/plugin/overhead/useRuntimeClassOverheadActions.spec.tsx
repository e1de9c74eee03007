import { renderHook } from '@testing-library/react';
import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import type { KataConfig } from '../../shared/kataconfig/types';
import { podOverheadPath } from './overheadPaths';
import { kataRuntimeClass, serveLists } from './testObjects';
import { useRuntimeClassOverheadActions } from './useRuntimeClassOverheadActions';

const mockedWatch = jest.mocked(useK8sWatchResource);

beforeEach(() => {
  jest.resetAllMocks();
  serveLists(mockedWatch, {
    KataConfig: [[{ status: { runtimeClasses: ['kata-custom'] } } as KataConfig], true, undefined],
  });
});

describe('useRuntimeClassOverheadActions', () => {
  it('offers "Edit pod overhead" on a kata class, to the tab, gated on patching the class', () => {
    const { result } = renderHook(() => useRuntimeClassOverheadActions(kataRuntimeClass()));
    const [actions, loaded] = result.current;
    expect(loaded).toBe(true);
    expect(actions).toEqual([
      expect.objectContaining({
        id: 'edit-pod-overhead',
        label: 'Edit pod overhead',
        cta: { href: '/k8s/cluster/node.k8s.io~v1~RuntimeClass/kata/pod-overhead' },
        accessReview: {
          group: 'node.k8s.io',
          resource: 'runtimeclasses',
          verb: 'patch',
          name: 'kata',
        },
      }),
    ]);
  });

  it('offers it on a class a KataConfig lists, and not on other classes', () => {
    const listed = kataRuntimeClass({ metadata: { name: 'kata-custom' }, handler: 'other' });
    expect(renderHook(() => useRuntimeClassOverheadActions(listed)).result.current[0]).toHaveLength(
      1,
    );
    const runc = kataRuntimeClass({ metadata: { name: 'runc' }, handler: 'runc' });
    expect(renderHook(() => useRuntimeClassOverheadActions(runc)).result.current[0]).toEqual([]);
  });

  it('is loaded even when KataConfigs cannot be listed', () => {
    serveLists(mockedWatch, { KataConfig: [[], false, { message: 'forbidden' }] });
    const { result } = renderHook(() => useRuntimeClassOverheadActions(kataRuntimeClass()));
    expect(result.current[1]).toBe(true);
    expect(result.current[0]).toHaveLength(1);
  });
});

describe('podOverheadPath', () => {
  it('encodes the name as one path element', () => {
    expect(podOverheadPath('a/b')).toBe(
      '/k8s/cluster/node.k8s.io~v1~RuntimeClass/a%2Fb/pod-overhead',
    );
  });
});
