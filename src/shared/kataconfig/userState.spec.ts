import { blockedByExistingKataPodsDetailedMessage, failedNodeMessage } from './constants';
import type { PoolSnapshot } from './statusDerivation';
import { pool } from './testFixtures';
import type { KataConfig, KataConfigCondition, LegacyKataConfig } from './types';
import {
  deriveKataConfigUserState,
  parseBlockedMessage,
  parseFailedMessage,
  summarizeLegacyStatus,
  summarizePool,
} from './userState';

const kataConfig = (
  condition: Partial<KataConfigCondition> | null,
  extra: { status?: KataConfig['status']; deletionTimestamp?: string } = {},
): KataConfig => ({
  apiVersion: 'kataconfiguration.openshift.io/v1',
  kind: 'KataConfig',
  metadata: {
    name: 'example-kataconfig',
    ...(extra.deletionTimestamp ? { deletionTimestamp: extra.deletionTimestamp } : {}),
  },
  spec: { checkNodeEligibility: false, logLevel: 'info', enablePeerPods: false },
  status: {
    runtimeClasses: ['kata'],
    kataNodes: {
      nodeCount: 2,
      readyNodeCount: 1,
      installed: ['worker-1'],
      installing: ['worker-0'],
    },
    ...extra.status,
    conditions: condition
      ? [
          {
            type: 'InProgress',
            status: 'True',
            lastTransitionTime: '2024-10-01T10:00:00Z',
            ...condition,
          },
        ]
      : [],
  },
});

describe('parseFailedMessage', () => {
  it('reads the node and the MCO reason, including reasons with colons and newlines', () => {
    expect(parseFailedMessage(failedNodeMessage('worker-0', 'failed: a\nb: c'))).toEqual({
      nodeName: 'worker-0',
      nodeReason: 'failed: a\nb: c',
    });
    expect(parseFailedMessage('Node worker-0 Degraded: ')).toEqual({
      nodeName: 'worker-0',
      nodeReason: '',
    });
    expect(parseFailedMessage('something else')).toBeNull();
  });
});

describe('parseBlockedMessage', () => {
  it('reads the RuntimeClass from the upstream message', () => {
    expect(
      parseBlockedMessage(
        'existing pods using "kata-remote" RuntimeClass found. Please delete the pods manually for KataConfig deletion to proceed',
      ),
    ).toEqual({ runtimeClassName: 'kata-remote', podCount: null, podRefs: [] });
  });

  it('reads count and names back from the detailed message, beyond the listed maximum', () => {
    const refs = Array.from({ length: 12 }, (_, index) => `ns-${index}/pod-${index}`);
    const message = blockedByExistingKataPodsDetailedMessage('kata', refs);
    expect(message).toContain('(+2 more)');
    expect(parseBlockedMessage(message)).toEqual({
      runtimeClassName: 'kata',
      podCount: 12,
      podRefs: refs.slice(0, 10),
    });
    expect(parseBlockedMessage(blockedByExistingKataPodsDetailedMessage('kata', ['a/b']))).toEqual({
      runtimeClassName: 'kata',
      podCount: 1,
      podRefs: ['a/b'],
    });
  });

  it('accepts the pre-1.5 message, which names no RuntimeClass', () => {
    expect(
      parseBlockedMessage(
        'Existing pods using Kata Runtime found. Please delete the pods manually for KataConfig deletion to proceed',
      ),
    ).toEqual({ runtimeClassName: null, podCount: null, podRefs: [] });
  });
});

describe('deriveKataConfigUserState', () => {
  it('is notInstalled without an object', () => {
    expect(deriveKataConfigUserState(null)).toEqual({ kind: 'notInstalled' });
    expect(deriveKataConfigUserState(undefined)).toEqual({ kind: 'notInstalled' });
  });

  it('maps Installing to installing with the node lists, since and runtime classes', () => {
    const state = deriveKataConfigUserState(
      kataConfig({
        reason: 'Installing',
        message: 'Performing initial installation of kata on cluster',
      }),
    );
    expect(state).toMatchObject({
      kind: 'installing',
      name: 'example-kataconfig',
      deletionRequested: false,
      since: '2024-10-01T10:00:00Z',
      runtimeClasses: ['kata'],
      layout: 'current',
      pool: null,
    });
    if (state.kind !== 'installing') throw new Error(state.kind);
    expect(state.kataNodes.installed).toEqual(['worker-1']);
    expect(state.kataNodes.installing).toEqual(['worker-0']);
    expect(state.kataNodes.failedToInstall).toEqual([]);
  });

  it('maps Updating to updatingNodes and Uninstalling to uninstalling', () => {
    expect(deriveKataConfigUserState(kataConfig({ reason: 'Updating' })).kind).toBe(
      'updatingNodes',
    );
    expect(deriveKataConfigUserState(kataConfig({ reason: 'Uninstalling' })).kind).toBe(
      'uninstalling',
    );
  });

  it('is waitingForMco while the flag is set and the pool has not started', () => {
    const waiting = kataConfig(
      { reason: 'Installing' },
      { status: { waitingForMcoToStart: true } },
    );
    expect(deriveKataConfigUserState(waiting)).toMatchObject({
      kind: 'waitingForMco',
      operation: 'install',
    });
    expect(deriveKataConfigUserState(waiting, pool('kata-oc', 'rendered-kata-oc-1'))).toMatchObject(
      {
        kind: 'waitingForMco',
        pool: { name: 'kata-oc', updating: false },
      },
    );
    // The pool already reports Updating: the flag is merely stale.
    expect(
      deriveKataConfigUserState(waiting, pool('kata-oc', 'rendered-kata-oc-1', { updating: true }))
        .kind,
    ).toBe('installing');
    const uninstall = kataConfig(
      { reason: 'Uninstalling' },
      { status: { waitingForMcoToStart: true } },
    );
    expect(deriveKataConfigUserState(uninstall)).toMatchObject({
      kind: 'waitingForMco',
      operation: 'uninstall',
    });
  });

  it('maps False with an empty reason to installed', () => {
    expect(
      deriveKataConfigUserState(kataConfig({ status: 'False', reason: '', message: '' })).kind,
    ).toBe('installed');
  });

  it('reports an empty reason with status True as inconsistent', () => {
    expect(deriveKataConfigUserState(kataConfig({ status: 'True', reason: '' }))).toMatchObject({
      kind: 'unknown',
      cause: 'inconsistentStatus',
    });
  });

  it('maps Failed to failed with the node and reason from the message', () => {
    const state = deriveKataConfigUserState(
      kataConfig(
        { reason: 'Failed', message: 'Node worker-0 Degraded: failed to drain node' },
        { status: { kataNodes: { failedToInstall: ['worker-0'] } } },
      ),
    );
    expect(state).toMatchObject({
      kind: 'failed',
      operation: 'install',
      nodeName: 'worker-0',
      nodeReason: 'failed to drain node',
      failedNodes: ['worker-0'],
    });
  });

  it('tells a failed uninstall from a failed install and survives an unparsable message', () => {
    const state = deriveKataConfigUserState(
      kataConfig(
        { reason: 'Failed', message: 'garbled' },
        { status: { kataNodes: { failedToUninstall: ['worker-1'] } } },
      ),
    );
    expect(state).toMatchObject({
      kind: 'failed',
      operation: 'uninstall',
      nodeName: 'worker-1',
      nodeReason: null,
    });
    const deleting = deriveKataConfigUserState(
      kataConfig(
        { reason: 'Failed', message: '' },
        { status: { kataNodes: {} }, deletionTimestamp: 't' },
      ),
    );
    expect(deleting).toMatchObject({
      kind: 'failed',
      operation: 'uninstall',
      nodeName: null,
      failedNodes: [],
    });
  });

  it('maps BlockedByExistingKataPods to uninstallBlocked with the parsed pods', () => {
    const state = deriveKataConfigUserState(
      kataConfig(
        {
          status: 'False',
          reason: 'BlockedByExistingKataPods',
          message: blockedByExistingKataPodsDetailedMessage('kata', ['apps/web-0', 'apps/web-1']),
        },
        { deletionTimestamp: '2024-10-02T00:00:00Z' },
      ),
    );
    expect(state).toMatchObject({
      kind: 'uninstallBlocked',
      deletionRequested: true,
      deletionTimestamp: '2024-10-02T00:00:00Z',
      blocking: { runtimeClassName: 'kata', podCount: 2, podRefs: ['apps/web-0', 'apps/web-1'] },
    });
  });

  it('maps each peer-pods image reason to its own job state and operation', () => {
    const cases: [string, string, string, string | null][] = [
      ['PodVMImageJobRunning', 'Creating Pod VM Image', 'running', 'create'],
      ['PodVMImageJobCompleted', 'Deleted Pod VM Image', 'completed', 'delete'],
      ['PodVMImageJobFailed', 'Failed to create Pod VM Image', 'failed', 'create'],
      [
        'PodVMImageJobStatusUnknown',
        'Pod VM Image deletion status is unknown',
        'statusUnknown',
        'delete',
      ],
      [
        'PodVMImageUnsupportedProvider',
        'Pod VM image provider is unsupported',
        'unsupportedProvider',
        null,
      ],
    ];
    for (const [reason, message, job, operation] of cases) {
      expect(deriveKataConfigUserState(kataConfig({ reason, message }))).toMatchObject({
        kind: 'peerPodsImage',
        job,
        operation,
      });
    }
  });

  it('reports unknown reasons, including ones named like Object.prototype members', () => {
    for (const reason of ['SomethingNew', 'constructor', 'toString', '__proto__']) {
      expect(deriveKataConfigUserState(kataConfig({ reason }))).toMatchObject({
        kind: 'unknown',
        cause: 'unrecognizedReason',
        condition: { reason },
      });
    }
  });

  it('reports an object the operator has not reconciled as unknown/noCondition', () => {
    const fresh: KataConfig = {
      apiVersion: 'kataconfiguration.openshift.io/v1',
      kind: 'KataConfig',
      metadata: { name: 'k' },
    };
    const state = deriveKataConfigUserState(fresh);
    expect(state).toMatchObject({
      kind: 'unknown',
      cause: 'noCondition',
      since: null,
      runtimeClasses: [],
    });
    if (state.kind !== 'unknown') throw new Error(state.kind);
    expect(state.kataNodes).toMatchObject({ nodeCount: null, readyNodeCount: null, installed: [] });
    expect(deriveKataConfigUserState(kataConfig(null)).kind).toBe('unknown');
  });

  it('never throws on malformed objects', () => {
    const malformed: unknown[] = [
      'text',
      42,
      [],
      {},
      { status: null },
      { status: { conditions: [null, 'x', { type: 'InProgress' }] } },
      {
        metadata: { name: 7, deletionTimestamp: 5 },
        status: { conditions: { type: 'InProgress' } },
      },
      {
        status: {
          kataNodes: { installed: 'worker-0', nodeCount: '2' },
          conditions: [{ type: 'InProgress', status: 'False', reason: '' }],
        },
      },
    ];
    for (const value of malformed) {
      expect(() =>
        deriveKataConfigUserState(value, { status: null } as unknown as PoolSnapshot),
      ).not.toThrow();
    }
    expect(deriveKataConfigUserState('text')).toMatchObject({
      kind: 'unknown',
      cause: 'malformed',
    });
    expect(deriveKataConfigUserState(malformed[5])).toMatchObject({
      kind: 'unknown',
      cause: 'inconsistentStatus',
      condition: { status: '', reason: '', message: '' },
    });
    expect(deriveKataConfigUserState(malformed[7])).toMatchObject({
      kind: 'installed',
      kataNodes: { installed: [], nodeCount: null },
    });
  });

  it('reads 1.5.0 objects, whose class list is still called runtimeClass', () => {
    const old = {
      ...kataConfig({ status: 'False', reason: '' }),
      status: {
        runtimeClass: ['kata'],
        kataNodes: { nodeCount: 1, readyNodeCount: 1, installed: ['w'] },
        conditions: [{ type: 'InProgress', status: 'False', reason: '', message: '' }],
      },
    };
    expect(deriveKataConfigUserState(old)).toMatchObject({
      kind: 'installed',
      layout: 'current-1.5.0',
      runtimeClasses: ['kata'],
    });
  });

  it('summarises legacy layouts instead of guessing a current state', () => {
    const legacy: LegacyKataConfig = {
      apiVersion: 'kataconfiguration.openshift.io/v1',
      kind: 'KataConfig',
      metadata: { name: 'old' },
      status: {
        runtimeClass: 'kata',
        totalNodesCount: 3,
        installationStatus: {
          IsInProgress: 'True',
          inprogress: { inProgressNodesCount: 1, binariesInstallNodesList: ['w2'] },
          completed: { completedNodesCount: 1, completedNodesList: ['w1'] },
          failed: {
            failedNodesCount: 1,
            failedNodesReason: 'pool degraded',
            failedNodesList: [{ name: 'w3', error: 'boom' }],
          },
        },
        unInstallationStatus: {
          inProgress: { status: 'False' },
          errorMessage:
            'Existing pods using Kata Runtime found. Please delete the pods manually for KataConfig deletion to proceed',
        },
        prevMcpGeneration: 4,
      },
    };
    const state = deriveKataConfigUserState(legacy);
    expect(state).toEqual({
      kind: 'legacyLayout',
      layout: 'legacy-v1',
      name: 'old',
      deletionRequested: false,
      deletionTimestamp: null,
      legacy: {
        runtimeClassName: 'kata',
        totalNodesCount: 3,
        installInProgress: true,
        uninstallInProgress: false,
        completedNodes: ['w1'],
        completedNodesCount: 1,
        installingNodes: ['w2'],
        failedNodes: [{ name: 'w3', error: 'boom' }],
        failedReason: 'pool degraded',
        uninstallingNodes: [],
        uninstallFailedNodes: [],
        uninstallErrorMessage:
          'Existing pods using Kata Runtime found. Please delete the pods manually for KataConfig deletion to proceed',
      },
    });
  });
});

describe('summarizeLegacyStatus', () => {
  it('reads the v1alpha1 spelling and tolerates garbage', () => {
    const alpha = {
      apiVersion: 'kataconfiguration.openshift.io/v1alpha1',
      status: {
        installationStatus: {
          inProgress: { isInProgress: true, binariesInstallNodesList: ['a', 3] },
        },
        unInstallationStatus: { failed: { failedNodesList: [null, { name: 'b' }] } },
      },
    };
    expect(summarizeLegacyStatus(alpha)).toMatchObject({
      installInProgress: true,
      installingNodes: ['a'],
      uninstallFailedNodes: [{ name: 'b', error: '' }],
      totalNodesCount: null,
    });
    expect(summarizeLegacyStatus(null).completedNodes).toEqual([]);
  });
});

describe('summarizePool', () => {
  it('summarises counts and the target config, and returns null for non-objects', () => {
    const snapshot = pool('kata-oc', 'rendered-kata-oc-1', { updating: true, machineCount: 2 });
    expect(
      summarizePool({
        ...snapshot,
        status: { ...snapshot.status, updatedMachineCount: 1, degradedMachineCount: -1 },
      }),
    ).toEqual({
      name: 'kata-oc',
      targetConfig: 'rendered-kata-oc-1',
      updating: true,
      machineCount: 2,
      updatedMachineCount: 1,
      readyMachineCount: null,
      degradedMachineCount: null,
    });
    expect(summarizePool(null)).toBeNull();
  });
});
