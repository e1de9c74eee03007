import { render, screen } from '@testing-library/react';
import {
  blockedByExistingKataPodsDetailedMessage,
  failedNodeMessage,
  IN_PROGRESS_MESSAGES,
  IN_PROGRESS_REASONS,
} from '../../../shared/kataconfig/constants';
import type { KataConfig } from '../../../shared/kataconfig/types';
import type { PoolSnapshot } from '../../../shared/kataconfig/statusDerivation';
import { deriveKataConfigUserState } from '../../../shared/kataconfig/userState';
import { KataConfigStateLabel } from './KataConfigStateLabel';

/** A KataConfig as the operator writes it: the InProgress condition with upstream's texts. */
const withCondition = (
  reason: string,
  status: string,
  message: string,
  extra: Partial<KataConfig> = {},
): KataConfig => ({
  metadata: { name: 'example-kataconfig', ...extra.metadata },
  status: {
    kataNodes: { nodeCount: 2, readyNodeCount: 0 },
    conditions: [
      { type: 'InProgress', status, reason, message, lastTransitionTime: '2026-11-25T10:00:00Z' },
    ],
    ...extra.status,
  },
});

const renderState = (kataConfig: unknown, pool?: PoolSnapshot) =>
  render(<KataConfigStateLabel state={deriveKataConfigUserState(kataConfig, pool)} />);

describe('KataConfigStateLabel', () => {
  it.each([
    [
      IN_PROGRESS_REASONS.installing,
      'True',
      IN_PROGRESS_MESSAGES.installing,
      'progress',
      'Installing',
    ],
    [
      IN_PROGRESS_REASONS.updating,
      'True',
      IN_PROGRESS_MESSAGES.updating,
      'progress',
      'Updating nodes',
    ],
    [
      IN_PROGRESS_REASONS.uninstalling,
      'True',
      IN_PROGRESS_MESSAGES.uninstalling,
      'progress',
      'Uninstalling',
    ],
    [IN_PROGRESS_REASONS.none, 'False', IN_PROGRESS_MESSAGES.none, 'success', 'Installed'],
    ['SomethingNew', 'True', 'a reason from a newer operator', 'info', 'Unknown'],
  ])('shows reason %p (status %s) as its own state', (reason, status, message, kind, text) => {
    renderState(withCondition(reason, status, message));
    expect(screen.getByTestId(`status-${kind}`)).toHaveTextContent(text);
  });

  it('puts the rolling pool progress in the same sentence', () => {
    renderState(
      withCondition(IN_PROGRESS_REASONS.installing, 'True', IN_PROGRESS_MESSAGES.installing),
      {
        metadata: { name: 'kata-oc' },
        status: { machineCount: 3, updatedMachineCount: 1 },
      },
    );
    expect(screen.getByTestId('status-progress')).toHaveTextContent(
      'Installing (1 of 3 nodes updated)',
    );
  });

  it('says the MCO has not started yet, distinct from installing', () => {
    renderState(
      withCondition(IN_PROGRESS_REASONS.installing, 'True', IN_PROGRESS_MESSAGES.installing, {
        status: { waitingForMcoToStart: true },
      }),
    );
    expect(screen.getByTestId('status-progress')).toHaveTextContent(
      'Waiting for the Machine Config Operator',
    );
  });

  it('names the node and the MCO reason of a failed install', () => {
    renderState(
      withCondition(
        IN_PROGRESS_REASONS.failed,
        'True',
        failedNodeMessage('w2', 'failed to drain node w2'),
      ),
    );
    expect(screen.getByTestId('status-error')).toHaveTextContent(
      'Install failed on node w2failed to drain node w2',
    );
  });

  it('says uninstall is blocked, with how many pods when the message counts them', () => {
    renderState(
      withCondition(
        IN_PROGRESS_REASONS.blockedByExistingKataPods,
        'True',
        blockedByExistingKataPodsDetailedMessage('kata', ['a/p1', 'b/p2', 'c/p3']),
        { metadata: { deletionTimestamp: '2026-11-25T11:00:00Z' } },
      ),
    );
    expect(screen.getByTestId('status-icon-and-text')).toHaveTextContent(
      'Uninstall blocked by kata pods: 3',
    );
  });

  it.each([
    [
      IN_PROGRESS_REASONS.podVmImageJobRunning,
      IN_PROGRESS_MESSAGES.podVmImageCreating,
      'progress',
      'Creating the peer pods image',
    ],
    [
      IN_PROGRESS_REASONS.podVmImageJobRunning,
      IN_PROGRESS_MESSAGES.podVmImageDeleting,
      'progress',
      'Deleting the peer pods image',
    ],
    [
      IN_PROGRESS_REASONS.podVmImageJobCompleted,
      IN_PROGRESS_MESSAGES.podVmImageCreated,
      'success',
      'Peer pods image created',
    ],
    [
      IN_PROGRESS_REASONS.podVmImageJobFailed,
      IN_PROGRESS_MESSAGES.podVmImageCreationFailed,
      'error',
      'Peer pods image job failed',
    ],
    [
      IN_PROGRESS_REASONS.podVmImageJobStatusUnknown,
      IN_PROGRESS_MESSAGES.podVmImageCreationUnknown,
      'info',
      'Peer pods image job status unknown',
    ],
  ])('gives the peer pods image job %s (%s) its own label', (reason, message, kind, text) => {
    renderState(withCondition(reason, 'True', message));
    expect(screen.getByTestId(`status-${kind}`)).toHaveTextContent(text);
  });

  it('shows an older operator install in progress or failed, not just "older layout"', () => {
    const { unmount } = renderState({
      metadata: { name: 'old' },
      status: { totalNodesCount: 2, installationStatus: { IsInProgress: 'True' } },
    });
    expect(screen.getByTestId('status-progress')).toHaveTextContent('In progress (older operator)');
    unmount();
    renderState({
      metadata: { name: 'old' },
      status: {
        totalNodesCount: 2,
        installationStatus: {
          IsInProgress: 'False',
          failed: {
            failedNodesCount: 1,
            failedNodesReason: 'no space left',
            failedNodesList: [{ name: 'w1', error: 'x' }],
          },
        },
      },
    });
    expect(screen.getByTestId('status-error')).toHaveTextContent(
      'Install failed (older operator)no space left',
    );
  });

  it('says not installed when there is no KataConfig', () => {
    renderState(null);
    expect(screen.getByTestId('status-info')).toHaveTextContent('Not installed');
  });
});
