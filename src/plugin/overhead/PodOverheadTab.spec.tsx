import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import {
  k8sGet,
  k8sPatch,
  useAccessReview,
  useK8sWatchResource,
} from '@openshift-console/dynamic-plugin-sdk';
import type { RuntimeClass } from '../../shared/k8s/types';
import type { KataPodsState } from '../common/useKataPods';
import { useKataPods } from '../common/useKataPods';
import PodOverheadTab from './PodOverheadTab';
import type { Lists } from './testObjects';
import {
  defaultLists,
  kataPodsScan,
  kataRuntimeClass,
  serveKataPods,
  serveLists,
} from './testObjects';

// The paged scan has its own tests (common/useKataPods.spec.ts); here it answers at once.
jest.mock('../common/useKataPods');

const mockedWatch = jest.mocked(useK8sWatchResource);
const mockedAccessReview = jest.mocked(useAccessReview);
const mockedPatch = jest.mocked(k8sPatch);
const mockedGet = jest.mocked(k8sGet);
const mockedKataPods = jest.mocked(useKataPods);

const renderTab = (
  obj: RuntimeClass = kataRuntimeClass(),
  lists: Lists = defaultLists(),
  scan: KataPodsState = kataPodsScan(),
) => {
  serveLists(mockedWatch, lists);
  serveKataPods(mockedKataPods, scan);
  return render(<PodOverheadTab obj={obj} />);
};

const typeInto = (resource: 'cpu' | 'memory', value: string) => {
  fireEvent.change(screen.getByTestId(`overhead-input-${resource}`), { target: { value } });
};

const httpError = (code: number, message: string) =>
  Object.assign(new Error(message), { code, json: { message } });

beforeEach(() => {
  jest.resetAllMocks();
  mockedAccessReview.mockReturnValue([true, false]);
});

describe('PodOverheadTab', () => {
  it('shows the current overhead, the recommended defaults, handler, scheduling and admission', () => {
    renderTab();
    expect(screen.getByTestId('overhead-input-cpu')).toHaveValue('250m');
    expect(screen.getByTestId('overhead-input-memory')).toHaveValue('350Mi');
    expect(screen.getByText('Saved: 350Mi · Recommended: 350Mi')).toBeInTheDocument();
    expect(screen.getByTestId('runtimeclass-handler')).toHaveTextContent('kata');
    expect(screen.getByTestId('runtimeclass-node-selector')).toHaveTextContent(
      'node-role.kubernetes.io/kata-oc=',
    );
    expect(screen.getByTestId('runtimeclass-tolerations')).toHaveTextContent('kata:NoSchedule');
    expect(screen.getByTestId('runtimeclass-admission')).toHaveTextContent(
      'A pod whose nodeSelector sets one of these labels to a different value is rejected.',
    );
    expect(screen.getByTestId('overhead-reconciler-fact')).toHaveTextContent(
      'never overwrites an existing one',
    );
    expect(screen.getByTestId('overhead-save')).toBeDisabled();
  });

  it('checks that the user may patch this RuntimeClass', () => {
    renderTab();
    expect(mockedAccessReview).toHaveBeenCalledWith({
      group: 'node.k8s.io',
      resource: 'runtimeclasses',
      verb: 'patch',
      name: 'kata',
    });
  });

  it('warns while typing a value below the defaults that QEMU or virtiofsd may be OOM-killed', () => {
    renderTab();
    typeInto('memory', '200Mi');
    const warning = screen.getByTestId('overhead-finding-belowMeasuredDefault-memory');
    expect(warning).toHaveTextContent('Memory overhead 200Mi is below the recommended 350Mi');
    expect(warning).toHaveTextContent('the kernel may OOM-kill QEMU or virtiofsd');
    expect(screen.getByTestId('overhead-save')).toBeEnabled();
  });

  it('names the smallest kata node when the overhead is more than it can allocate', () => {
    renderTab();
    typeInto('memory', '6Gi');
    const warning = screen.getByTestId('overhead-finding-exceedsNodeAllocatable-memory');
    expect(warning).toHaveTextContent(
      'Memory overhead 6Gi is more than node worker-1 can allocate (4Gi)',
    );
    expect(warning).toHaveTextContent('New kata pods cannot be scheduled on 1 of 2 kata nodes');
  });

  it('says how many kata pods keep the old value and which namespaces count it in quotas', () => {
    renderTab();
    typeInto('memory', '500Mi');
    expect(screen.getByTestId('overhead-finding-appliesToNewPodsOnly')).toHaveTextContent(
      'keep their old overhead until they are recreated: 2 at the moment',
    );
    expect(screen.getByTestId('overhead-finding-quotaCountsOverhead')).toHaveTextContent(
      'Namespaces that run kata pods and have a CPU or memory quota: shop.',
    );
  });

  it('rejects an invalid quantity with the reason and never sends it', () => {
    renderTab();
    typeInto('memory', '500MB');
    expect(screen.getByTestId('overhead-invalid-memory')).toHaveTextContent(
      'Memory "500MB" is not a valid quantity. The unit is not a Kubernetes unit.',
    );
    expect(screen.getByTestId('overhead-input-memory')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('overhead-save')).toBeDisabled();
    typeInto('cpu', '');
    expect(screen.getByTestId('overhead-invalid-cpu')).toHaveTextContent('Enter a value');
    fireEvent.click(screen.getByTestId('overhead-save'));
    expect(screen.queryByTestId('overhead-confirm')).not.toBeInTheDocument();
    expect(mockedPatch).not.toHaveBeenCalled();
  });

  it('confirms with a diff, then patches pinned to the version the edit started from', async () => {
    const saved = kataRuntimeClass({
      metadata: { name: 'kata', resourceVersion: '101' },
      overhead: { podFixed: { cpu: '500m', memory: '600Mi' } },
    });
    mockedPatch.mockResolvedValue(saved);
    renderTab();
    typeInto('cpu', '500m');
    typeInto('memory', '600Mi');
    fireEvent.click(screen.getByTestId('overhead-save'));

    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByTestId('overhead-diff-cpu')).toHaveTextContent('CPU250m500m');
    expect(within(dialog).getByTestId('overhead-diff-memory')).toHaveTextContent(
      'Memory350Mi600Mi',
    );
    expect(mockedPatch).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByTestId('overhead-confirm-save'));

    await screen.findByTestId('overhead-saved');
    expect(screen.getByTestId('overhead-saved')).toHaveTextContent(
      'New kata pods get CPU 500m and memory 600Mi overhead.',
    );
    expect(mockedPatch).toHaveBeenCalledTimes(1);
    expect(mockedPatch.mock.calls[0]?.[0]).toMatchObject({
      model: { kind: 'RuntimeClass', apiGroup: 'node.k8s.io' },
      data: [
        { op: 'replace', path: '/metadata/resourceVersion', value: '100' },
        { op: 'add', path: '/overhead', value: { podFixed: { cpu: '500m', memory: '600Mi' } } },
      ],
    });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('cancelling the confirmation sends nothing and keeps the values', () => {
    renderTab();
    typeInto('memory', '600Mi');
    fireEvent.click(screen.getByTestId('overhead-save'));
    fireEvent.click(screen.getByTestId('overhead-confirm-cancel'));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(mockedPatch).not.toHaveBeenCalled();
    expect(screen.getByTestId('overhead-input-memory')).toHaveValue('600Mi');
  });

  it('explains a conflict and reloads the latest version without losing typed values', async () => {
    mockedPatch.mockRejectedValueOnce(
      httpError(409, 'Operation cannot be fulfilled on runtimeclasses.node.k8s.io "kata"'),
    );
    const latest = kataRuntimeClass({
      metadata: { name: 'kata', resourceVersion: '120' },
      overhead: { podFixed: { cpu: '300m', memory: '400Mi' } },
    });
    mockedGet.mockResolvedValue(latest);
    renderTab();
    typeInto('memory', '700Mi');
    fireEvent.click(screen.getByTestId('overhead-save'));
    fireEvent.click(screen.getByTestId('overhead-confirm-save'));

    const conflict = await screen.findByTestId('overhead-conflict');
    expect(conflict).toHaveTextContent('The RuntimeClass was changed by someone else');
    expect(conflict).toHaveTextContent('Operation cannot be fulfilled');
    expect(screen.getByTestId('overhead-input-memory')).toHaveValue('700Mi');

    fireEvent.click(screen.getByTestId('overhead-reload'));
    await waitFor(() => {
      expect(screen.queryByTestId('overhead-conflict')).not.toBeInTheDocument();
    });
    expect(mockedGet).toHaveBeenCalledTimes(1);
    expect(mockedGet.mock.calls[0]?.[0]).toMatchObject({
      name: 'kata',
      model: { kind: 'RuntimeClass' },
    });
    expect(screen.getByTestId('overhead-input-memory')).toHaveValue('700Mi');
    // The field the user did not touch takes the newer value.
    expect(screen.getByTestId('overhead-input-cpu')).toHaveValue('300m');
    expect(screen.getByText('Saved: 400Mi · Recommended: 350Mi')).toBeInTheDocument();

    mockedPatch.mockResolvedValueOnce(latest);
    fireEvent.click(screen.getByTestId('overhead-save'));
    expect(
      within(screen.getByRole('dialog')).getByTestId('overhead-diff-memory'),
    ).toHaveTextContent('Memory400Mi700Mi');
    fireEvent.click(screen.getByTestId('overhead-confirm-save'));
    await screen.findByTestId('overhead-saved');
    expect(mockedPatch.mock.calls[1]?.[0].data[0]).toEqual({
      op: 'replace',
      path: '/metadata/resourceVersion',
      value: '120',
    });
  });

  it("shows the server's message for other errors and keeps the typed values", async () => {
    mockedPatch.mockRejectedValueOnce(
      httpError(403, 'runtimeclasses.node.k8s.io "kata" is forbidden: User "dev" cannot patch'),
    );
    renderTab();
    typeInto('cpu', '400m');
    fireEvent.click(screen.getByTestId('overhead-save'));
    fireEvent.click(screen.getByTestId('overhead-confirm-save'));
    expect(await screen.findByTestId('overhead-error')).toHaveTextContent(
      'runtimeclasses.node.k8s.io "kata" is forbidden: User "dev" cannot patch',
    );
    expect(screen.getByTestId('overhead-input-cpu')).toHaveValue('400m');
    expect(screen.queryByTestId('overhead-conflict')).not.toBeInTheDocument();
  });

  it('shows the read-only user the values without inputs or save', () => {
    mockedAccessReview.mockReturnValue([false, false]);
    renderTab();
    expect(screen.getByTestId('overhead-value-memory')).toHaveTextContent('350Mi');
    expect(screen.queryByTestId('overhead-input-memory')).not.toBeInTheDocument();
    expect(screen.queryByTestId('overhead-save')).not.toBeInTheDocument();
    expect(screen.getByTestId('overhead-read-only')).toBeInTheDocument();
  });

  it('says clearly when the class is not a kata class and offers no editor', () => {
    renderTab(
      kataRuntimeClass({ metadata: { name: 'runc' }, handler: 'runc', overhead: undefined }),
    );
    expect(screen.getByTestId('overhead-not-kata')).toHaveTextContent(
      'runc is not a kata RuntimeClass',
    );
    expect(screen.getByTestId('overhead-not-kata')).toHaveTextContent('Its handler is runc');
    expect(screen.queryByTestId('overhead-form')).not.toBeInTheDocument();
    expect(screen.getByTestId('runtimeclass-handler')).toHaveTextContent('runc');
  });

  it('treats a class a KataConfig lists as kata whatever its handler', () => {
    renderTab(kataRuntimeClass({ metadata: { name: 'kata' }, handler: 'kata-qemu' }));
    expect(screen.queryByTestId('overhead-not-kata')).not.toBeInTheDocument();
    expect(screen.getByTestId('overhead-form')).toBeInTheDocument();
  });

  it('scans only the pods of this class, and none for a class that is not kata', () => {
    const { unmount } = renderTab();
    expect(mockedKataPods).toHaveBeenLastCalledWith(['kata'], true);
    unmount();
    renderTab(kataRuntimeClass({ metadata: { name: 'runc' }, handler: 'runc' }));
    expect(mockedKataPods).toHaveBeenLastCalledWith(['runc'], false);
  });

  it('says which checks could not run when a list is forbidden', () => {
    renderTab(
      kataRuntimeClass(),
      defaultLists(),
      kataPodsScan({
        phase: 'error',
        loaded: false,
        pods: [],
        error: { message: 'pods is forbidden: User "dev" cannot list' },
      }),
    );
    expect(screen.getByTestId('overhead-checks-incomplete')).toHaveTextContent(
      'Pods could not be read: pods is forbidden: User "dev" cannot list',
    );
  });

  it('names the namespaces whose pods it could not count when listed per namespace', () => {
    renderTab(
      kataRuntimeClass(),
      defaultLists(),
      kataPodsScan({ scope: 'namespaces', skippedNamespaces: ['team-a', 'team-b'], live: false }),
    );
    typeInto('memory', '500Mi');
    expect(screen.getByTestId('overhead-pods-skipped-namespaces')).toHaveTextContent(
      'Pods in these namespaces could not be read and are not counted: team-a, team-b',
    );
    expect(screen.getByTestId('overhead-finding-appliesToNewPodsOnly')).toHaveTextContent(
      '2 at the moment',
    );
  });

  it('waits for the lists before reviewing, with a spinner', () => {
    const lists = defaultLists();
    lists.Node = [[], false, undefined];
    renderTab(kataRuntimeClass(), lists);
    expect(screen.getByLabelText('Loading pod overhead')).toBeInTheDocument();
  });

  it('waits for the first pod scan, but keeps the editor while a later rescan runs', () => {
    const { rerender } = renderTab(
      kataRuntimeClass(),
      defaultLists(),
      kataPodsScan({ phase: 'scanning', loaded: false, pods: [] }),
    );
    expect(screen.getByLabelText('Loading pod overhead')).toBeInTheDocument();
    serveKataPods(mockedKataPods, kataPodsScan());
    rerender(<PodOverheadTab obj={kataRuntimeClass()} />);
    typeInto('memory', '500Mi');
    serveKataPods(mockedKataPods, kataPodsScan({ phase: 'scanning' }));
    rerender(<PodOverheadTab obj={kataRuntimeClass()} />);
    expect(screen.getByTestId('overhead-input-memory')).toHaveValue('500Mi');
  });
});
