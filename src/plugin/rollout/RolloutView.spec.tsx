import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { useK8sModel, useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import { MachineConfigNodeModel } from '../../shared/mco/models';
import { COALESCE_MS } from './hooks/useRolloutModel';
import { RolloutView } from './RolloutView';
import {
  answerWatch,
  giveRolloutScrollerAViewport,
  machineConfigNode,
  NEW,
  node,
  pool,
  type ServedData,
} from './testing/rolloutTestData';

const mockedWatch = jest.mocked(useK8sWatchResource);
const mockedModel = jest.mocked(useK8sModel);

const serve = (data: ServedData) => {
  mockedWatch.mockImplementation(answerWatch(data) as typeof SDK.useK8sWatchResource);
};

/** Lets the coalescing timer fire and React render what it derived. */
const flush = (ms = COALESCE_MS) => {
  act(() => {
    jest.advanceTimersByTime(ms);
  });
};

const renderView = (poolName = 'kata-oc') => {
  const result = render(
    <MemoryRouter>
      <RolloutView poolName={poolName} />
    </MemoryRouter>,
  );
  flush(0);
  return result;
};

const DRAIN_REASON = 'failed to drain node: w-3 after 1 hour';

const mixed = [
  node('w-1', 'done'),
  node('w-2', 'working'),
  node('w-3', 'degraded', '1', DRAIN_REASON),
  node('w-4', 'queued'),
];

let undoViewport: () => void;
beforeAll(() => {
  undoViewport = giveRolloutScrollerAViewport();
});
afterAll(() => {
  undoViewport();
});

beforeEach(() => {
  jest.resetAllMocks();
  jest.useFakeTimers();
  mockedModel.mockReturnValue([undefined, false] as unknown as ReturnType<typeof SDK.useK8sModel>);
});

afterEach(() => {
  jest.useRealTimers();
});

describe('RolloutView', () => {
  it('shows every node with its phase, most urgent first, and the degraded reason', () => {
    serve({ pool: pool(), nodes: mixed });
    renderView();
    const rows = screen.getAllByTestId(/^rollout-row-w-/);
    expect(rows.map((r) => r.getAttribute('data-test'))).toEqual([
      'rollout-row-w-3',
      'rollout-row-w-2',
      'rollout-row-w-4',
      'rollout-row-w-1',
    ]);
    const degraded = screen.getByTestId('rollout-row-w-3');
    expect(within(degraded).getByTestId('node-phase-degraded')).toHaveTextContent('Degraded');
    expect(within(degraded).getByTestId('rollout-row-detail')).toHaveTextContent(DRAIN_REASON);
    expect(within(degraded).getByTestId('resource-link-w-3')).toHaveAttribute(
      'href',
      expect.stringMatching(/~v1~Node\/w-3$/),
    );
    expect(
      within(screen.getByTestId('rollout-row-w-4')).getByTestId('rollout-row-detail'),
    ).toHaveTextContent('Waiting for the pool to target this node (maxUnavailable).');
    expect(within(degraded).getAllByText(/rendered-kata-oc-1{32}/)).toHaveLength(1);
  });

  it('watches the pool by name, the nodes by its nodeSelector, and no MachineConfigNodes', () => {
    serve({ pool: pool(), nodes: mixed });
    renderView();
    const gvk = (kind: string) => ({
      group: kind === 'Node' ? '' : 'machineconfiguration.openshift.io',
      version: 'v1',
      kind,
    });
    expect(mockedWatch).toHaveBeenCalledWith({
      groupVersionKind: gvk('MachineConfigPool'),
      name: 'kata-oc',
    });
    expect(mockedWatch).toHaveBeenCalledWith(
      expect.objectContaining({
        isList: true,
        selector: { matchLabels: { 'node-role.kubernetes.io/kata-oc': '' } },
      }),
    );
    expect(mockedWatch).not.toHaveBeenCalledWith(
      expect.objectContaining({
        groupVersionKind: expect.objectContaining({ kind: 'MachineConfigNode' }) as unknown,
      }),
    );
    expect(screen.getByTestId('rollout-source')).toHaveTextContent('Phases from node annotations');
  });

  it('reads MachineConfigNodes when the API serves them', () => {
    mockedModel.mockReturnValue([MachineConfigNodeModel, false] as unknown as ReturnType<
      typeof SDK.useK8sModel
    >);
    serve({
      pool: pool(),
      nodes: [node('w-2', 'working')],
      machineConfigNodes: [
        machineConfigNode('w-2', [
          { type: 'Cordoned', status: 'True', lastTransitionTime: '2025-01-01T10:00:00Z' },
          { type: 'Drained', status: 'Unknown', lastTransitionTime: '2025-01-01T10:01:00Z' },
        ]),
      ],
    });
    renderView();
    expect(
      within(screen.getByTestId('rollout-row-w-2')).getByTestId('node-phase-draining'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('rollout-source')).toHaveTextContent(
      'Phases from MachineConfigNodes (1 nodes), else node annotations',
    );
  });

  it('filters by phase with a count per phase', () => {
    serve({ pool: pool(), nodes: mixed });
    renderView();
    expect(screen.getByTestId('rollout-filter-all')).toHaveTextContent('All (4)');
    expect(screen.getByTestId('rollout-filter-draining')).toHaveTextContent('Draining (0)');
    fireEvent.click(within(screen.getByTestId('rollout-filter-degraded')).getByRole('button'));
    expect(
      screen.getAllByTestId(/^rollout-row-w-/).map((r) => r.getAttribute('data-test')),
    ).toEqual(['rollout-row-w-3']);
  });

  it('shows the pool degraded with the MCO message, progress and an unknown ETA', () => {
    const degradedPool = pool('kata-oc', {
      machineCount: 4,
      updatedMachineCount: 1,
      readyMachineCount: 1,
      degradedMachineCount: 1,
      unavailableMachineCount: 2,
      conditions: [
        {
          type: 'NodeDegraded',
          status: 'True',
          reason: '1 nodes are reporting degraded status on sync',
          message: `Node w-3 is reporting: "${DRAIN_REASON}"`,
        },
        { type: 'Degraded', status: 'True', message: '' },
      ],
    });
    serve({ pool: degradedPool, nodes: mixed });
    renderView();
    const alert = screen.getByTestId('rollout-degraded-alert');
    expect(alert).toHaveTextContent(
      'Pool kata-oc is degraded: 1 nodes are reporting degraded status on sync',
    );
    expect(alert).toHaveTextContent(`Node w-3 is reporting: "${DRAIN_REASON}"`);
    expect(screen.getByTestId('rollout-progress')).toHaveTextContent('1 of 4 nodes updated');
    expect(screen.getByTestId('rollout-eta')).toHaveTextContent(
      'Time left unknown: Degraded nodes must recover before the pool can finish.',
    );
  });

  it('shows a paused pool with the MCO message', () => {
    const message = `Pool is paused; will not update to MachineConfig ${NEW}`;
    const paused = pool(
      'kata-oc',
      {
        machineCount: 2,
        conditions: [
          { type: 'Updated', status: 'False' },
          { type: 'Updating', status: 'False', message },
        ],
      },
      { paused: true },
    );
    serve({ pool: paused, nodes: [node('w-1', 'queued'), node('w-2', 'done')] });
    renderView();
    expect(screen.getByTestId('rollout-paused-alert')).toHaveTextContent(message);
    expect(screen.getByTestId('rollout-pool-state')).toHaveTextContent('Paused');
  });

  it('folds a burst of watch events into one update after the coalescing delay', () => {
    const data: ServedData = { pool: pool(), nodes: [node('w-1', 'queued')] };
    serve(data);
    const view = renderView();
    expect(screen.getByTestId('node-phase-queued')).toBeInTheDocument();
    for (const step of ['working', 'rebooting'] as const) {
      data.nodes = [node('w-1', step, step)];
      view.rerender(
        <MemoryRouter>
          <RolloutView poolName="kata-oc" />
        </MemoryRouter>,
      );
    }
    // Still the state before the burst: nothing is derived until the window closes.
    expect(screen.getByTestId('node-phase-queued')).toBeInTheDocument();
    flush();
    expect(screen.getByTestId('node-phase-rebooting')).toBeInTheDocument();
    expect(screen.queryByTestId('node-phase-queued')).not.toBeInTheDocument();
  });

  it('renders only the rows in view of a 5,000-node pool', () => {
    const nodes = Array.from({ length: 5000 }, (_, i) => node(`n-${i}`, 'queued'));
    serve({ pool: pool(), nodes });
    renderView();
    expect(screen.getByTestId('rollout-filter-all')).toHaveTextContent('All (5000)');
    const rendered = screen.getAllByTestId(/^rollout-row-n-/).length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(100);
    expect(screen.getByTestId('rollout-table')).toHaveAttribute('aria-rowcount', '5001');
  });

  it('says when the pool does not exist, and shows other load errors with the server message', () => {
    serve({ poolError: { code: 404, message: 'machineconfigpools "kata-oc" not found' } });
    const view = renderView();
    expect(screen.getByTestId('rollout-pool-missing')).toHaveTextContent(
      'MachineConfigPool kata-oc does not exist',
    );
    view.unmount();
    serve({ poolError: { code: 403, message: 'machineconfigpools "kata-oc" is forbidden' } });
    renderView();
    expect(screen.getByTestId('load-error')).toHaveTextContent(
      'machineconfigpools "kata-oc" is forbidden',
    );
  });

  it('shows a node list error and an empty pool', () => {
    serve({ pool: pool(), nodesError: { message: 'nodes is forbidden' } });
    renderView();
    expect(screen.getByTestId('load-error')).toHaveTextContent('nodes is forbidden');
    expect(screen.getByTestId('rollout-empty')).toHaveTextContent('This pool has no nodes');
  });
});
