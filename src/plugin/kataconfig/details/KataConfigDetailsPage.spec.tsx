import { render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { useAccessReview, useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import type { RuntimeClass } from '../../../shared/k8s/types';
import { IN_PROGRESS_MESSAGES, IN_PROGRESS_REASONS } from '../../../shared/kataconfig/constants';
import type { KataConfig } from '../../../shared/kataconfig/types';
import type { MachineConfig, MachineConfigPool } from '../../../shared/mco/types';
import KataConfigDetailsPage from './KataConfigDetailsPage';

jest.mock('../../overhead/OverheadSummary', () => ({
  OverheadSummary: ({ runtimeClassNames }: { runtimeClassNames: string[] }) => (
    <div data-test="overhead-summary">{runtimeClassNames.join(',')}</div>
  ),
}));

const mockedWatch = jest.mocked(useK8sWatchResource);
const mockedAccessReview = jest.mocked(useAccessReview);

const installing: KataConfig = {
  apiVersion: 'kataconfiguration.openshift.io/v1',
  kind: 'KataConfig',
  metadata: { name: 'example-kataconfig', creationTimestamp: '2026-11-25T10:00:00Z' },
  spec: {
    kataConfigPoolSelector: { matchLabels: { 'custom-kata1': 'test' } },
    checkNodeEligibility: false,
    logLevel: 'debug',
  },
  status: {
    runtimeClasses: ['kata'],
    waitingForMcoToStart: false,
    kataNodes: {
      nodeCount: 3,
      readyNodeCount: 1,
      installed: ['worker-0'],
      installing: ['worker-1'],
      waitingToInstall: ['worker-2'],
    },
    conditions: [
      {
        type: 'InProgress',
        status: 'True',
        reason: IN_PROGRESS_REASONS.installing,
        message: IN_PROGRESS_MESSAGES.installing,
        lastTransitionTime: '2026-11-25T10:00:05Z',
      },
    ],
  },
};

const pools: MachineConfigPool[] = [
  { metadata: { name: 'master' }, status: { machineCount: 3 } },
  { metadata: { name: 'worker' }, status: { machineCount: 0 } },
  {
    metadata: { name: 'kata-oc' },
    status: {
      machineCount: 3,
      updatedMachineCount: 1,
      readyMachineCount: 1,
      conditions: [{ type: 'Updating', status: 'True' }],
    },
  },
];
const machineConfigs: MachineConfig[] = [
  {
    metadata: { name: '50-enable-sandboxed-containers-extension' },
    spec: { extensions: ['kata-containers'] },
  },
];
const runtimeClasses: RuntimeClass[] = [{ metadata: { name: 'kata' }, handler: 'kata' }];

const serve = (kataConfig: [KataConfig, boolean, unknown]) => {
  mockedWatch.mockImplementation((resource) => {
    switch (resource?.groupVersionKind?.kind) {
      case 'KataConfig':
        return kataConfig;
      case 'MachineConfigPool':
        return [pools, true, undefined];
      case 'MachineConfig':
        return [machineConfigs, true, undefined];
      case 'RuntimeClass':
        return [runtimeClasses, true, undefined];
      default:
        return [[], false, undefined];
    }
  });
};

const renderPage = () =>
  render(
    <MemoryRouter initialEntries={['/k8s/cluster/kc/example-kataconfig']}>
      <Routes>
        <Route path="/k8s/cluster/kc/:name/*" element={<KataConfigDetailsPage />} />
      </Routes>
    </MemoryRouter>,
  );

beforeEach(() => {
  jest.resetAllMocks();
  mockedAccessReview.mockReturnValue([true, false]);
});

describe('KataConfigDetailsPage', () => {
  it('watches the KataConfig named in the URL and shows its state in the header', () => {
    serve([installing, true, undefined]);
    renderPage();
    expect(mockedWatch).toHaveBeenCalledWith({
      groupVersionKind: {
        group: 'kataconfiguration.openshift.io',
        version: 'v1',
        kind: 'KataConfig',
      },
      name: 'example-kataconfig',
    });
    expect(screen.getByTestId('kataconfig-title')).toHaveTextContent('example-kataconfig');
    expect(screen.getByTestId('kataconfig-header-state')).toHaveTextContent(
      'Installing (1 of 3 nodes updated)',
    );
    expect(screen.getByTestId('kataconfig-actions')).toBeInTheDocument();
  });

  it('has the Details, Rollout, YAML and Events tabs', () => {
    serve([installing, true, undefined]);
    renderPage();
    for (const tab of ['Details', 'Rollout', 'YAML', 'Events']) {
      expect(screen.getByTestId(`horizontal-link-${tab}`)).toBeInTheDocument();
    }
  });

  it('shows the condition, every node list as links, the spec and the owned objects', () => {
    serve([installing, true, undefined]);
    renderPage();
    expect(screen.getByTestId('condition-reason')).toHaveTextContent('Installing');
    expect(screen.getByTestId('condition-message')).toHaveTextContent(
      'Performing initial installation of kata on cluster',
    );
    expect(screen.getByTestId('waiting-for-mco')).toHaveTextContent('No');
    expect(screen.getByTestId('ready-count')).toHaveTextContent('1 of 3');
    expect(
      within(screen.getByTestId('nodes-installed')).getByTestId('resource-link-worker-0'),
    ).toHaveAttribute('href', expect.stringContaining('~v1~Node/worker-0'));
    expect(screen.getByTestId('nodes-installing')).toHaveTextContent('worker-1');
    expect(screen.getByTestId('nodes-waitingToInstall')).toHaveTextContent('worker-2');
    expect(screen.getByTestId('nodes-failedToUninstall')).toHaveTextContent('None');
    expect(screen.getByTestId('spec-selector')).toHaveTextContent('custom-kata1=test');
    expect(screen.getByTestId('owned-machineconfig')).toHaveTextContent(
      '50-enable-sandboxed-containers-extension extensions: kata-containers',
    );
    expect(screen.getByTestId('owned-pool')).toHaveTextContent('kata-oc 1 of 3 nodes updated');
    expect(screen.getByTestId('owned-pool')).toHaveTextContent('Updating');
    expect(screen.getByTestId('runtimeclass-kata')).toHaveTextContent('kata handler kata');
    expect(screen.getByTestId('overhead-summary')).toHaveTextContent('kata');
  });

  it('shows a KataConfig written by an operator older than 1.5 in its own terms', () => {
    const legacy = {
      metadata: { name: 'example-kataconfig' },
      status: {
        runtimeClass: 'kata',
        totalNodesCount: 2,
        installationStatus: {
          IsInProgress: 'True',
          completed: { completedNodesCount: 1, completedNodesList: ['worker-0'] },
          failed: { failedNodesList: [{ name: 'worker-1', error: 'drain timed out' }] },
        },
      },
    } as unknown as KataConfig;
    serve([legacy, true, undefined]);
    renderPage();
    expect(screen.getByTestId('legacy-layout')).toBeInTheDocument();
    expect(screen.getByTestId('legacy-completed')).toHaveTextContent('worker-0');
    expect(screen.getByTestId('legacy-failed')).toHaveTextContent('worker-1 drain timed out');
  });

  it('shows the server message when the KataConfig cannot be loaded', () => {
    serve([{}, false, { message: 'kataconfigs "x" not found' }]);
    renderPage();
    expect(screen.getByTestId('load-error')).toHaveTextContent('kataconfigs "x" not found');
  });

  it('shows a spinner until the KataConfig arrives', () => {
    serve([{}, false, undefined]);
    renderPage();
    expect(screen.getByLabelText('Loading the KataConfig')).toBeInTheDocument();
  });
});
