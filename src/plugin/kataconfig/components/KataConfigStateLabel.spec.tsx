import { render, screen } from '@testing-library/react';
import type { KataConfig } from '../../../shared/kataconfig/types';
import { deriveKataConfigUserState } from '../../../shared/kataconfig/userState';
import { KataConfigStateLabel } from './KataConfigStateLabel';

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

const renderState = (kataConfig: KataConfig | null) =>
  render(<KataConfigStateLabel state={deriveKataConfigUserState(kataConfig)} />);

describe('KataConfigStateLabel', () => {
  it.each([
    [
      'Installing',
      'True',
      'Performing initial installation of kata on cluster',
      'progress',
      'Installing',
    ],
    ['Updating', 'True', 'Adding and/or removing kata-enabled nodes', 'progress', 'Updating nodes'],
    ['Uninstalling', 'True', 'Removing kata runtime from cluster', 'progress', 'Uninstalling'],
    ['', 'False', '', 'success', 'Installed'],
    ['SomethingNew', 'True', 'a reason from a newer operator', 'info', 'Unknown'],
  ])('shows reason %p (status %s) as its own state', (reason, status, message, kind, text) => {
    renderState(withCondition(reason, status, message));
    expect(screen.getByTestId(`status-${kind}`)).toHaveTextContent(text);
  });

  it('says the MCO has not started yet, distinct from installing', () => {
    renderState(
      withCondition('Installing', 'True', 'Performing initial installation of kata on cluster', {
        status: { waitingForMcoToStart: true },
      }),
    );
    expect(screen.getByTestId('status-progress')).toHaveTextContent(
      'Waiting for the Machine Config Operator',
    );
  });

  it('names the node and the MCO reason of a failed install', () => {
    renderState(withCondition('Failed', 'False', 'Node w2 Degraded: failed to drain node w2'));
    expect(screen.getByTestId('status-error')).toHaveTextContent(
      'Install failed on node w2failed to drain node w2',
    );
  });

  it('says uninstall is blocked, with how many pods when the message counts them', () => {
    renderState(
      withCondition(
        'BlockedByExistingKataPods',
        'False',
        'Existing pods using "kata" RuntimeClass found. Please delete the pods manually for KataConfig deletion to proceed. Blocking pods (3): a/p1, b/p2, c/p3',
        { metadata: { deletionTimestamp: '2026-11-25T11:00:00Z' } },
      ),
    );
    expect(screen.getByTestId('status-icon-and-text')).toHaveTextContent(
      'Uninstall blocked by kata pods: 3',
    );
  });

  it('reports an object from an older operator as the legacy layout', () => {
    renderState({
      metadata: { name: 'old' },
      status: { totalNodesCount: 2, installationStatus: { IsInProgress: 'False' } },
    } as unknown as KataConfig);
    expect(screen.getByTestId('status-info')).toHaveTextContent('Older operator status layout');
  });

  it('says not installed when there is no KataConfig', () => {
    renderState(null);
    expect(screen.getByTestId('status-info')).toHaveTextContent('Not installed');
  });
});
