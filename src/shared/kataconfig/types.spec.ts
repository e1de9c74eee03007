import { detectLayout, isLegacyLayout } from './types';

describe('detectLayout', () => {
  it.each([
    [
      'a fresh object without status',
      { apiVersion: 'kataconfiguration.openshift.io/v1', metadata: {} },
      'current',
    ],
    [
      'the 1.5.1+ status',
      { status: { runtimeClasses: ['kata'], kataNodes: {}, conditions: [] } },
      'current',
    ],
    ['a status with only conditions', { status: { conditions: [] } }, 'current'],
    [
      '1.5.0 with the runtimeClass list',
      { status: { runtimeClass: ['kata'], kataNodes: {} } },
      'current-1.5.0',
    ],
    ['1.5.0 before any node was counted', { status: { runtimeClass: [] } }, 'current-1.5.0'],
    [
      '1.0-1.4 installationStatus',
      { status: { installationStatus: { IsInProgress: 'False' } } },
      'legacy-v1',
    ],
    ['1.0-1.4 runtimeClass string', { status: { runtimeClass: 'kata' } }, 'legacy-v1'],
    [
      '1.4 with waitingForMcoToStart',
      { status: { totalNodesCount: 2, waitingForMcoToStart: false } },
      'legacy-v1',
    ],
    [
      '1.2-1.3 spec without status',
      { spec: { kataMonitorImage: 'registry.example/x' } },
      'legacy-v1',
    ],
    [
      '4.6 alpha by apiVersion',
      { apiVersion: 'kataconfiguration.openshift.io/v1alpha1', status: {} },
      'legacy-v1alpha1',
    ],
    [
      '4.6 alpha by spec',
      { spec: { config: { sourceImage: 'registry.example/kata-deploy' } } },
      'legacy-v1alpha1',
    ],
    [
      'current keys next to legacy leftovers',
      { status: { kataNodes: {}, totalNodesCount: 2 } },
      'current',
    ],
  ])('%s -> %s', (_label, object, layout) => {
    expect(detectLayout(object)).toBe(layout);
  });

  it('treats non-objects as current so callers fall through to their unknown handling', () => {
    for (const value of [null, undefined, 'x', 3, []]) {
      expect(detectLayout(value)).toBe('current');
    }
    expect(detectLayout({ status: 'garbage', spec: 7 })).toBe('current');
  });

  it('tells legacy layouts apart from current ones', () => {
    expect(isLegacyLayout('legacy-v1')).toBe(true);
    expect(isLegacyLayout('legacy-v1alpha1')).toBe(true);
    expect(isLegacyLayout('current')).toBe(false);
    expect(isLegacyLayout('current-1.5.0')).toBe(false);
  });
});
