import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { useAccessReview, useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import type { KataConfig } from '../../shared/kataconfig/types';
import type { MachineConfigPool } from '../../shared/mco/types';
import SandboxedContainersOverviewPage from './SandboxedContainersOverviewPage';

jest.mock('../rollout/RolloutView', () => ({
  RolloutView: ({ poolName }: { poolName: string }) => (
    <div data-test="rollout-view" data-pool={poolName} />
  ),
}));

const mockedWatch = jest.mocked(useK8sWatchResource);
const mockedAccessReview = jest.mocked(useAccessReview);

const installed: KataConfig = {
  metadata: { name: 'example-kataconfig' },
  status: {
    runtimeClasses: ['kata'],
    kataNodes: { nodeCount: 2, readyNodeCount: 2, installed: ['w0', 'w1'] },
    conditions: [
      {
        type: 'InProgress',
        status: 'False',
        reason: '',
        message: '',
        lastTransitionTime: '2026-01-01T00:00:00Z',
      },
    ],
  },
};
const pools: MachineConfigPool[] = [
  { metadata: { name: 'master' }, status: { machineCount: 3 } },
  { metadata: { name: 'worker' }, status: { machineCount: 0 } },
  { metadata: { name: 'kata-oc' }, status: { machineCount: 2, updatedMachineCount: 2 } },
];

const serve = (kataConfigs: [KataConfig[], boolean, unknown]) =>
  mockedWatch.mockImplementation((resource) =>
    resource?.groupVersionKind?.kind === 'KataConfig' ? kataConfigs : [pools, true, undefined],
  );

const renderPage = () =>
  render(
    <MemoryRouter>
      <SandboxedContainersOverviewPage />
    </MemoryRouter>,
  );

beforeEach(() => {
  jest.resetAllMocks();
  mockedAccessReview.mockReturnValue([true, false]);
});

describe('SandboxedContainersOverviewPage', () => {
  it('shows the state, ready nodes, runtime classes, links and the pool rollout', () => {
    serve([[installed], true, undefined]);
    renderPage();
    expect(screen.getByTestId('overview-state')).toHaveTextContent('Installed');
    expect(screen.getByTestId('overview-ready')).toHaveTextContent('2 of 2');
    expect(screen.getByTestId('overview-runtimeclasses')).toHaveTextContent('kata');
    expect(screen.getByTestId('overview-rollout-link')).toHaveAttribute(
      'href',
      '/k8s/cluster/kataconfiguration.openshift.io~v1~KataConfig/example-kataconfig/rollout',
    );
    expect(screen.getByTestId('rollout-view')).toHaveAttribute('data-pool', 'kata-oc');
  });

  it('offers to create a KataConfig when there is none', () => {
    serve([[], true, undefined]);
    renderPage();
    expect(screen.getByTestId('overview-empty')).toHaveTextContent(
      'Sandboxed containers are not installed',
    );
    expect(screen.getByTestId('overview-create')).toHaveAttribute(
      'href',
      '/k8s/cluster/kataconfiguration.openshift.io~v1~KataConfig/~new',
    );
  });

  it('hides the create button from users who may not create', () => {
    mockedAccessReview.mockReturnValue([false, false]);
    serve([[], true, undefined]);
    renderPage();
    expect(screen.queryByTestId('overview-create')).not.toBeInTheDocument();
  });

  it('shows the server message when KataConfigs cannot be listed', () => {
    serve([[], false, { message: 'kataconfigs is forbidden' }]);
    renderPage();
    expect(screen.getByTestId('load-error')).toHaveTextContent('kataconfigs is forbidden');
  });
});
