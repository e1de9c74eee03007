import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import {
  consoleFetch,
  consoleFetchJSON,
  k8sDelete,
  k8sPatch,
  useAccessReview,
  useK8sWatchResource,
} from '@openshift-console/dynamic-plugin-sdk';
import type { Node, Pod } from '../../shared/k8s/types';
import { blockedByExistingKataPodsDetailedMessage } from '../../shared/kataconfig/constants';
import type { KataConfig } from '../../shared/kataconfig/types';
import type { MachineConfigPool } from '../../shared/mco/types';
import UninstallWizardPage from './UninstallWizardPage';

jest.mock('../rollout/RolloutView', () => ({
  RolloutView: ({ poolName }: { poolName: string }) => (
    <div data-test="rollout-view" data-pool={poolName} />
  ),
}));

const mockedWatch = jest.mocked(useK8sWatchResource);
const mockedAccessReview = jest.mocked(useAccessReview);
const mockedFetchJSON = jest.mocked(consoleFetchJSON);
const mockedFetch = jest.mocked(consoleFetch);
const mockedDelete = jest.mocked(k8sDelete);
const mockedPatch = jest.mocked(k8sPatch);

const NAME = 'example-kataconfig';
const PATH = `/k8s/cluster/kataconfiguration.openshift.io~v1~KataConfig/${NAME}/uninstall`;

const installed: KataConfig = {
  apiVersion: 'kataconfiguration.openshift.io/v1',
  kind: 'KataConfig',
  metadata: { name: NAME, resourceVersion: '10' },
  status: {
    runtimeClasses: ['kata'],
    kataNodes: { nodeCount: 2, readyNodeCount: 2, installed: ['worker-0', 'worker-1'] },
    conditions: [
      { type: 'InProgress', status: 'False', reason: '', message: '', lastTransitionTime: '' },
    ],
  },
};

const deleting = (reason = 'Uninstalling', message = 'Removing kata from cluster'): KataConfig => ({
  ...installed,
  metadata: { ...installed.metadata, deletionTimestamp: '2026-11-25T11:00:00Z' },
  status: {
    ...installed.status,
    conditions: [{ type: 'InProgress', status: 'True', reason, message, lastTransitionTime: '' }],
  },
});

const pools: MachineConfigPool[] = [
  { metadata: { name: 'master' }, status: { machineCount: 3 } },
  { metadata: { name: 'worker' }, spec: { maxUnavailable: 1 }, status: { machineCount: 0 } },
  { metadata: { name: 'kata-oc' }, status: { machineCount: 2 } },
];

const labelledNodes: Node[] = [{ metadata: { name: 'worker-2' } }];

const webPod: Pod = {
  metadata: {
    namespace: 'apps',
    name: 'web-5d9f-abcde',
    creationTimestamp: '2026-11-25T10:00:00Z',
    labels: { 'pod-template-hash': '5d9f' },
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d9f', uid: 'rs', controller: true },
    ],
  },
  spec: { runtimeClassName: 'kata', nodeName: 'worker-0', containers: [{ name: 'c' }] },
  status: { phase: 'Running' },
};
const barePod: Pod = {
  metadata: { namespace: 'apps', name: 'bare', creationTimestamp: '2026-11-25T10:00:00Z' },
  spec: { runtimeClassName: 'kata', nodeName: 'worker-1', containers: [{ name: 'c' }] },
  status: { phase: 'Succeeded' },
};
const runcPod: Pod = {
  metadata: { namespace: 'apps', name: 'plain' },
  spec: { containers: [{ name: 'c' }] },
  status: { phase: 'Running' },
};

let kataConfigs: KataConfig[] = [installed];

const serveWatches = () => {
  mockedWatch.mockImplementation((resource) => {
    switch (resource?.groupVersionKind?.kind) {
      case 'KataConfig':
        return [kataConfigs, true, undefined];
      case 'MachineConfigPool':
        return [pools, true, undefined];
      case 'Node':
        return [labelledNodes, true, undefined];
      default:
        return [[], true, undefined];
    }
  });
};

const servePods = (pods: Pod[]) => {
  mockedFetchJSON.mockImplementation((url: string) =>
    url.startsWith('/api/kubernetes/api/v1/pods?limit=')
      ? Promise.resolve({ items: pods, metadata: { resourceVersion: '50' } })
      : Promise.reject(new Error(`unexpected ${url}`)),
  );
  // The watch stays open (no events) until the page goes away.
  mockedFetch.mockImplementation(
    (_url, options) =>
      new Promise((_resolve, reject) => {
        options?.signal?.addEventListener('abort', () => {
          reject(new Error('aborted'));
        });
      }),
  );
};

const httpError = (code: number, message: string) => Object.assign(new Error(message), { code });

const renderPage = () =>
  render(
    <MemoryRouter initialEntries={[PATH]}>
      <Routes>
        <Route path="/k8s/cluster/:reference/:name/uninstall" element={<UninstallWizardPage />} />
        <Route path="*" element={<div data-test="elsewhere" />} />
      </Routes>
    </MemoryRouter>,
  );

/** Waits until the pod scan is done and its watch started, so no update lands after a test. */
const scanSettled = () =>
  waitFor(() => {
    expect(mockedFetch).toHaveBeenCalled();
  });

const goToBlockingPods = async () => {
  fireEvent.click(screen.getByTestId('wizard-next'));
  await screen.findByTestId('blocking-pods-step');
};

beforeEach(() => {
  jest.resetAllMocks();
  kataConfigs = [installed];
  serveWatches();
  servePods([webPod, barePod, runcPod]);
  mockedAccessReview.mockReturnValue([true, false]);
});

describe('UninstallWizardPage, impact', () => {
  it('names the nodes to reboot, the RuntimeClasses that go, the rounds and that it cannot be cancelled', async () => {
    renderPage();
    await scanSettled();
    expect(screen.getByTestId('uninstall-title')).toHaveTextContent(`Uninstall KataConfig ${NAME}`);
    expect(screen.getByTestId('impact-no-cancel')).toHaveTextContent(
      'Uninstalling cannot be cancelled once it has started',
    );
    const nodes = screen.getByTestId('impact-nodes');
    for (const node of ['worker-0', 'worker-1', 'worker-2']) {
      expect(within(nodes).getByText(node)).toBeInTheDocument();
    }
    expect(
      within(screen.getByTestId('impact-runtime-classes')).getByText('kata'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('impact-duration')).toHaveTextContent(
      'Pool worker updates 1 node(s) at a time (its maxUnavailable), so the nodes go through 3 round(s) of drain and reboot.',
    );
    expect(screen.getByTestId('impact-removed')).toHaveTextContent('kata-oc');
  });

  it('watches the KataConfig by name, so its deletion shows as an empty list', async () => {
    renderPage();
    await scanSettled();
    expect(mockedWatch).toHaveBeenCalledWith({
      groupVersionKind: {
        group: 'kataconfiguration.openshift.io',
        version: 'v1',
        kind: 'KataConfig',
      },
      isList: true,
      fieldSelector: `metadata.name=${NAME}`,
    });
  });

  it('says so when the KataConfig does not exist', () => {
    kataConfigs = [];
    renderPage();
    expect(screen.getByTestId('uninstall-not-found')).toHaveTextContent(
      `KataConfig ${NAME} not found`,
    );
  });
});

describe('UninstallWizardPage, blocking pods', () => {
  it('lists every kata pod with phase, node, owner and a finished marker', async () => {
    renderPage();
    await goToBlockingPods();
    const web = await screen.findByTestId('blocking-pod-apps/web-5d9f-abcde');
    expect(within(web).getByTestId('pod-owner')).toHaveTextContent('web');
    expect(within(web).getByText('worker-0')).toBeInTheDocument();
    const bare = screen.getByTestId('blocking-pod-apps/bare');
    expect(within(bare).getByTestId('pod-owner')).toHaveTextContent('None (bare pod)');
    expect(within(bare).getByTestId('pod-finished')).toHaveTextContent(
      'Finished: still blocks until deleted',
    );
    expect(screen.queryByTestId('blocking-pod-apps/plain')).not.toBeInTheDocument();
    expect(screen.getByTestId('scan-status')).toHaveTextContent('2 blocking pod(s)');
  });

  it('says clearly when no pod blocks', async () => {
    servePods([runcPod]);
    renderPage();
    await goToBlockingPods();
    expect(await screen.findByTestId('blocking-pods-empty')).toHaveTextContent(
      'No pod uses the kata runtime',
    );
  });

  it('scales the Deployment that owns a pod to zero after a confirmation naming it', async () => {
    mockedPatch.mockResolvedValue({});
    renderPage();
    await goToBlockingPods();
    const web = await screen.findByTestId('blocking-pod-apps/web-5d9f-abcde');
    fireEvent.click(within(web).getByTestId('stop-owner'));
    const modal = await screen.findByTestId('pod-action-modal');
    expect(within(modal).getByTestId('pod-action-targets')).toHaveTextContent(
      'Scale Deployment apps/web to 0 replicas: its pods are deleted.',
    );
    fireEvent.click(within(modal).getByTestId('pod-action-confirm'));
    await waitFor(() => {
      expect(screen.queryByTestId('pod-action-modal')).not.toBeInTheDocument();
    });
    expect(mockedPatch).toHaveBeenCalledWith({
      model: expect.objectContaining({ kind: 'Deployment', apiGroup: 'apps' }) as unknown,
      resource: { metadata: { name: 'web', namespace: 'apps' } },
      data: [{ op: 'add', path: '/spec/replicas', value: 0 }],
    });
  });

  it('warns that a Deployment recreates a deleted pod', async () => {
    renderPage();
    await goToBlockingPods();
    const web = await screen.findByTestId('blocking-pod-apps/web-5d9f-abcde');
    fireEvent.click(within(web).getByTestId('delete-pod'));
    expect(await screen.findByTestId('pod-action-recreated')).toHaveTextContent(
      '1 of these pods will be replaced by their workload',
    );
  });

  it('shows the server message when deleting a pod fails, and keeps the dialog open', async () => {
    mockedDelete.mockRejectedValue(httpError(403, 'pods "bare" is forbidden: no delete for you'));
    renderPage();
    await goToBlockingPods();
    const bare = await screen.findByTestId('blocking-pod-apps/bare');
    fireEvent.click(within(bare).getByTestId('delete-pod'));
    const modal = await screen.findByTestId('pod-action-modal');
    fireEvent.click(within(modal).getByTestId('pod-action-confirm'));
    expect(await within(modal).findByTestId('pod-action-errors')).toHaveTextContent(
      'pods "bare" is forbidden: no delete for you',
    );
    expect(mockedDelete).toHaveBeenCalledWith({
      model: expect.objectContaining({ kind: 'Pod' }) as unknown,
      resource: { metadata: { name: 'bare', namespace: 'apps' } },
    });
  });

  it('acts on selected pods in bulk', async () => {
    mockedDelete.mockResolvedValue({});
    renderPage();
    await goToBlockingPods();
    await screen.findByTestId('blocking-pod-apps/bare');
    const checkboxes = await screen.findAllByRole('checkbox');
    for (const checkbox of checkboxes) fireEvent.click(checkbox);
    expect(screen.getByTestId('bulk-delete-pods')).toHaveTextContent('Delete 2 selected pod(s)');
    expect(screen.getByTestId('bulk-stop-owners')).toHaveTextContent(
      'Stop workloads of 1 selected',
    );
    fireEvent.click(screen.getByTestId('bulk-delete-pods'));
    fireEvent.click(await screen.findByTestId('pod-action-confirm'));
    await waitFor(() => {
      expect(mockedDelete).toHaveBeenCalledTimes(2);
    });
  });

  it('says the list may be incomplete when pods cannot be listed cluster-wide', async () => {
    mockedFetchJSON.mockImplementation((url: string) => {
      if (url === '/api/kubernetes/api/v1/namespaces') {
        return Promise.resolve({ items: [{ metadata: { name: 'apps' } }] });
      }
      if (url.startsWith('/api/kubernetes/api/v1/namespaces/apps/pods')) {
        return Promise.resolve({ items: [barePod], metadata: {} });
      }
      return Promise.reject(httpError(403, 'pods is forbidden'));
    });
    renderPage();
    await goToBlockingPods();
    expect(await screen.findByTestId('blocking-pods-incomplete')).toHaveTextContent(
      'This list may be incomplete',
    );
    expect(screen.getByTestId('blocking-pod-apps/bare')).toBeInTheDocument();
  });
});

describe('UninstallWizardPage, read-only user', () => {
  it('offers no destructive action anywhere', async () => {
    mockedAccessReview.mockReturnValue([false, false]);
    renderPage();
    await goToBlockingPods();
    await screen.findByTestId('blocking-pod-apps/bare');
    expect(screen.queryByTestId('delete-pod')).not.toBeInTheDocument();
    expect(screen.queryByTestId('stop-owner')).not.toBeInTheDocument();
    expect(screen.queryByTestId('bulk-delete-pods')).not.toBeInTheDocument();
    expect(screen.queryAllByRole('checkbox')).toEqual([]);
    fireEvent.click(screen.getByTestId('wizard-next'));
    expect(await screen.findByTestId('confirm-forbidden')).toBeInTheDocument();
    expect(screen.queryByTestId('confirm-name')).not.toBeInTheDocument();
    expect(screen.getByTestId('wizard-next')).toBeDisabled();
  });
});

describe('UninstallWizardPage, confirm and progress', () => {
  const goToConfirm = async () => {
    await goToBlockingPods();
    fireEvent.click(screen.getByTestId('wizard-next'));
    await screen.findByTestId('uninstall-confirm');
  };

  it('deletes the KataConfig only after its name is typed, then follows the rollout', async () => {
    mockedDelete.mockResolvedValue({});
    renderPage();
    await goToConfirm();
    expect(screen.getByTestId('confirm-blocking-pods')).toHaveTextContent(
      '2 pod(s) still use kata',
    );
    const next = screen.getByTestId('wizard-next');
    expect(next).toHaveTextContent('Uninstall');
    expect(next).toBeDisabled();
    fireEvent.change(screen.getByTestId('confirm-name'), { target: { value: 'example' } });
    expect(next).toBeDisabled();
    fireEvent.change(screen.getByTestId('confirm-name'), { target: { value: NAME } });
    expect(next).toBeEnabled();
    fireEvent.click(next);
    expect(mockedDelete).toHaveBeenCalledWith({
      model: expect.objectContaining({ kind: 'KataConfig' }) as unknown,
      resource: installed,
    });
    expect(await screen.findByTestId('uninstall-progress')).toBeInTheDocument();
    expect(screen.getByTestId('rollout-view')).toHaveAttribute('data-pool', 'worker');
  });

  it('shows the server message when the delete fails and keeps the typed name', async () => {
    mockedDelete.mockRejectedValue(
      httpError(409, 'Operation cannot be fulfilled on kataconfigs: the object has been modified'),
    );
    renderPage();
    await goToConfirm();
    fireEvent.change(screen.getByTestId('confirm-name'), { target: { value: NAME } });
    fireEvent.click(screen.getByTestId('wizard-next'));
    expect(await screen.findByTestId('delete-error')).toHaveTextContent(
      'Operation cannot be fulfilled on kataconfigs: the object has been modified',
    );
    expect(screen.getByTestId('confirm-name')).toHaveValue(NAME);
  });

  it('opens on the progress step for a KataConfig already being deleted', async () => {
    kataConfigs = [deleting()];
    renderPage();
    await scanSettled();
    expect(screen.getByTestId('progress-status')).toHaveTextContent(
      'Uninstalling: Removing kata from cluster',
    );
    expect(screen.getByTestId('rollout-view')).toHaveAttribute('data-pool', 'worker');
  });

  it('returns to the pod list with the operator message when the uninstall is blocked', async () => {
    const message = blockedByExistingKataPodsDetailedMessage('kata', ['apps/bare']);
    kataConfigs = [deleting('BlockedByExistingKataPods', message)];
    renderPage();
    expect(await screen.findByTestId('uninstall-blocked-message')).toHaveTextContent(message);
    expect(await screen.findByTestId('blocking-pod-apps/bare')).toBeInTheDocument();
    // From the list, the user can go back to following the uninstall.
    expect(screen.getByTestId('wizard-next')).toHaveTextContent('Follow the uninstall');
    expect(screen.queryByTestId('wizard-back')).not.toBeInTheDocument();
  });

  it('lets the user follow a still-blocked uninstall without sending them back again', async () => {
    const message = blockedByExistingKataPodsDetailedMessage('kata', ['apps/bare']);
    kataConfigs = [deleting('BlockedByExistingKataPods', message)];
    renderPage();
    await screen.findByTestId('uninstall-blocked-message');
    fireEvent.click(screen.getByTestId('wizard-next'));
    expect(await screen.findByTestId('progress-blocked')).toHaveTextContent(message);
    await scanSettled();
    expect(screen.queryByTestId('blocking-pods-step')).not.toBeInTheDocument();
  });

  it('shows the done state with links once the KataConfig is gone', async () => {
    kataConfigs = [deleting()];
    const { rerender } = renderPage();
    await scanSettled();
    kataConfigs = [];
    act(() => {
      rerender(
        <MemoryRouter initialEntries={[PATH]}>
          <Routes>
            <Route
              path="/k8s/cluster/:reference/:name/uninstall"
              element={<UninstallWizardPage />}
            />
          </Routes>
        </MemoryRouter>,
      );
    });
    expect(screen.getByTestId('uninstall-done')).toHaveTextContent(
      `KataConfig ${NAME} is uninstalled`,
    );
    expect(screen.getByTestId('done-kataconfigs')).toHaveAttribute(
      'href',
      '/k8s/cluster/kataconfiguration.openshift.io~v1~KataConfig',
    );
    expect(screen.getByTestId('done-nodes')).toHaveAttribute('href', '/k8s/cluster/nodes');
  });
});
