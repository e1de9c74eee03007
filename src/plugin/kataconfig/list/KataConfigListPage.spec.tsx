import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { useAccessReview, useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import {
  failedNodeMessage,
  IN_PROGRESS_MESSAGES,
  IN_PROGRESS_REASONS,
} from '../../../shared/kataconfig/constants';
import type { KataConfig } from '../../../shared/kataconfig/types';
import type { MachineConfigPool } from '../../../shared/mco/types';
import KataConfigListPage from './KataConfigListPage';

const mockedWatch = jest.mocked(useK8sWatchResource);
const mockedAccessReview = jest.mocked(useAccessReview);

const installing: KataConfig = {
  apiVersion: 'kataconfiguration.openshift.io/v1',
  kind: 'KataConfig',
  metadata: { name: 'example-kataconfig', creationTimestamp: '2026-11-25T10:00:00Z' },
  status: {
    kataNodes: { nodeCount: 3, readyNodeCount: 1, installed: ['w1'], installing: ['w2'] },
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

const kataPool: MachineConfigPool = {
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'MachineConfigPool',
  metadata: { name: 'kata-oc' },
  status: { machineCount: 3, updatedMachineCount: 1, readyMachineCount: 1 },
};

/** Answers the two list watches the page makes, KataConfigs and pools, by kind. */
const serve = (
  kataConfigs: [KataConfig[], boolean, unknown],
  pools: [MachineConfigPool[], boolean, unknown] = [[kataPool], true, undefined],
) => {
  mockedWatch.mockImplementation((resource) =>
    resource?.groupVersionKind?.kind === 'KataConfig' ? kataConfigs : pools,
  );
};

const renderPage = () =>
  render(
    <MemoryRouter>
      <KataConfigListPage />
    </MemoryRouter>,
  );

beforeEach(() => {
  jest.resetAllMocks();
  mockedAccessReview.mockReturnValue([true, false]);
});

describe('KataConfigListPage', () => {
  it('lists each KataConfig with its state, pool progress and ready nodes', () => {
    serve([[installing], true, undefined]);
    renderPage();

    const row = screen.getByTestId('kataconfig-row-example-kataconfig');
    expect(within(row).getByText('example-kataconfig')).toBeInTheDocument();
    expect(within(row).getByText('Installing (1 of 3 nodes updated)')).toBeInTheDocument();
    expect(within(row).getByTestId('nodes-ready')).toHaveTextContent('1 of 3');
  });

  it('watches KataConfigs and pools as lists by group, version and kind', () => {
    serve([[installing], true, undefined]);
    renderPage();
    expect(mockedWatch).toHaveBeenCalledWith({
      groupVersionKind: {
        group: 'kataconfiguration.openshift.io',
        version: 'v1',
        kind: 'KataConfig',
      },
      isList: true,
    });
    expect(mockedWatch).toHaveBeenCalledWith({
      groupVersionKind: {
        group: 'machineconfiguration.openshift.io',
        version: 'v1',
        kind: 'MachineConfigPool',
      },
      isList: true,
    });
  });

  it('names the failed node and the MCO reason', () => {
    const failed: KataConfig = {
      ...installing,
      status: {
        kataNodes: { nodeCount: 2, readyNodeCount: 1, installed: ['w1'], failedToInstall: ['w2'] },
        conditions: [
          {
            type: 'InProgress',
            status: 'True',
            reason: IN_PROGRESS_REASONS.failed,
            message: failedNodeMessage('w2', 'failed to drain node: w2 after 1 hour'),
            lastTransitionTime: '2026-11-25T11:00:00Z',
          },
        ],
      },
    };
    serve([[failed], true, undefined]);
    renderPage();
    expect(screen.getByText('Install failed on node w2')).toBeInTheDocument();
    expect(screen.getByText('failed to drain node: w2 after 1 hour')).toBeInTheDocument();
  });

  it('sorts KataConfigs by name', () => {
    const named = (name: string): KataConfig => ({ ...installing, metadata: { name } });
    serve([[named('zeta'), named('alpha')], true, undefined]);
    renderPage();
    const rows = screen.getAllByTestId(/^kataconfig-row-/);
    expect(rows.map((row) => row.getAttribute('data-test'))).toEqual([
      'kataconfig-row-alpha',
      'kataconfig-row-zeta',
    ]);
  });

  it('offers the create button, to the create page, only to users allowed to create', () => {
    serve([[installing], true, undefined]);
    renderPage();
    expect(mockedAccessReview).toHaveBeenCalledWith({
      group: 'kataconfiguration.openshift.io',
      resource: 'kataconfigs',
      verb: 'create',
    });
    expect(screen.getByTestId('create-kataconfig')).toHaveAttribute(
      'href',
      '/k8s/cluster/kataconfiguration.openshift.io~v1~KataConfig/~new',
    );
  });

  it('hides the create button from users who may not create KataConfigs', () => {
    mockedAccessReview.mockReturnValue([false, false]);
    serve([[installing], true, undefined]);
    renderPage();
    expect(screen.queryByTestId('create-kataconfig')).not.toBeInTheDocument();
  });

  it('explains what creating one does when there is none', () => {
    serve([[], true, undefined]);
    renderPage();
    expect(screen.getByTestId('empty-state')).toHaveTextContent('No KataConfig yet');
  });

  it('shows the server message when KataConfigs cannot be listed', () => {
    serve([
      [],
      false,
      {
        message: 'Forbidden',
        json: {
          message:
            'kataconfigs.kataconfiguration.openshift.io is forbidden: User "dev" cannot list',
        },
      },
    ]);
    renderPage();
    expect(screen.getByTestId('load-error')).toHaveTextContent(
      'kataconfigs.kataconfiguration.openshift.io is forbidden: User "dev" cannot list',
    );
  });

  it('still shows KataConfigs when pools cannot be read, and says why progress is missing', () => {
    serve(
      [[installing], true, undefined],
      [[], false, { message: 'machineconfigpools is forbidden' }],
    );
    renderPage();
    expect(screen.getByText('Installing')).toBeInTheDocument();
    expect(screen.getByTestId('pools-unavailable')).toHaveTextContent(
      'machineconfigpools is forbidden',
    );
  });

  it('shows node counts of a KataConfig written by an operator older than 1.5', () => {
    const legacy = {
      metadata: { name: 'old' },
      status: {
        totalNodesCount: 3,
        installationStatus: { IsInProgress: 'False', completed: { completedNodesCount: 3 } },
      },
    } as unknown as KataConfig;
    serve([[legacy], true, undefined]);
    renderPage();
    expect(screen.getByTestId('nodes-ready')).toHaveTextContent('3 of 3');
  });

  it('shows a spinner until the first list arrives', () => {
    serve([[], false, undefined], [[], false, undefined]);
    renderPage();
    expect(screen.getByLabelText('Loading KataConfigs')).toBeInTheDocument();
  });
});
