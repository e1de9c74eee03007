import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import { IN_PROGRESS_MESSAGES, IN_PROGRESS_REASONS } from '../../shared/kataconfig/constants';
import type { KataConfig } from '../../shared/kataconfig/types';
import KataRolloutDashboardCard from './KataRolloutDashboardCard';
import { answerWatch, pool, type ServedData } from './testing/rolloutTestData';

const mockedWatch = jest.mocked(useK8sWatchResource);

const installing: KataConfig = {
  apiVersion: 'kataconfiguration.openshift.io/v1',
  kind: 'KataConfig',
  metadata: { name: 'example-kataconfig' },
  status: {
    kataNodes: { nodeCount: 2, readyNodeCount: 1, installed: ['w-1'], installing: ['w-2'] },
    conditions: [
      {
        type: 'InProgress',
        status: 'True',
        reason: IN_PROGRESS_REASONS.installing,
        message: IN_PROGRESS_MESSAGES.installing,
        lastTransitionTime: '2026-01-01T10:00:00Z',
      },
    ],
  },
};

const serve = (data: ServedData) => {
  mockedWatch.mockImplementation(answerWatch(data) as typeof SDK.useK8sWatchResource);
};

const renderCard = () =>
  render(
    <MemoryRouter>
      <KataRolloutDashboardCard />
    </MemoryRouter>,
  );

beforeEach(() => {
  jest.resetAllMocks();
});

describe('KataRolloutDashboardCard', () => {
  it('summarises the KataConfig state and its pool rollout, with links', () => {
    const kataPool = pool('kata-oc', {
      machineCount: 2,
      updatedMachineCount: 1,
      conditions: [{ type: 'Updating', status: 'True', message: 'All nodes are updating' }],
    });
    serve({ kataConfigs: [installing], pools: [pool('worker', { machineCount: 3 }), kataPool] });
    renderCard();
    expect(screen.getByTestId('kata-card-state')).toHaveTextContent(
      'Installing (1 of 2 nodes updated)',
    );
    expect(screen.getByTestId('kata-card-progress')).toHaveTextContent('1 of 2 nodes updated');
    expect(screen.getByTestId('kata-card-progress')).toHaveTextContent('Pool kata-oc: Updating');
    const base = '/k8s/cluster/kataconfiguration.openshift.io~v1~KataConfig/example-kataconfig';
    expect(screen.getByTestId('kata-card-details-link')).toHaveAttribute('href', base);
    expect(screen.getByTestId('kata-card-rollout-link')).toHaveAttribute('href', `${base}/rollout`);
  });

  it('shows the MCO message when the pool is degraded', () => {
    const degraded = pool('kata-oc', {
      machineCount: 2,
      degradedMachineCount: 1,
      conditions: [
        { type: 'NodeDegraded', status: 'True', message: 'Node w-2 is reporting: "boom"' },
      ],
    });
    serve({ kataConfigs: [installing], pools: [pool('worker', { machineCount: 3 }), degraded] });
    renderCard();
    expect(screen.getByTestId('kata-card-degraded')).toHaveTextContent(
      'Node w-2 is reporting: "boom"',
    );
  });

  it('offers to create a KataConfig when there is none', () => {
    serve({ kataConfigs: [], pools: [] });
    renderCard();
    expect(screen.getByTestId('kata-card-state')).toHaveTextContent(
      'Sandboxed containers are not installed',
    );
    expect(screen.getByRole('link', { name: 'Create KataConfig' })).toHaveAttribute(
      'href',
      '/k8s/cluster/kataconfiguration.openshift.io~v1~KataConfig/~new',
    );
  });

  it('shows a load error with the server message', () => {
    mockedWatch.mockImplementation(((resource: { groupVersionKind?: { kind?: string } } | null) =>
      resource?.groupVersionKind?.kind === 'KataConfig'
        ? [[], true, { message: 'kataconfigs is forbidden' }]
        : [[], true, undefined]) as unknown as typeof SDK.useK8sWatchResource);
    renderCard();
    expect(screen.getByTestId('load-error')).toHaveTextContent('kataconfigs is forbidden');
  });
});
