import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import {
  k8sCreate,
  useAccessReview,
  useK8sWatchResource,
} from '@openshift-console/dynamic-plugin-sdk';
import type { Node } from '../../../shared/k8s/types';
import type { KataConfig } from '../../../shared/kataconfig/types';
import type { MachineConfigPool } from '../../../shared/mco/types';
import KataConfigCreatePage from './KataConfigCreatePage';

const mockedWatch = jest.mocked(useK8sWatchResource);
const mockedAccessReview = jest.mocked(useAccessReview);
const mockedCreate = jest.mocked(k8sCreate);
const KATA_CONFIG_MODEL: unknown = expect.objectContaining({
  kind: 'KataConfig',
  plural: 'kataconfigs',
});

const node = (name: string, labels: Record<string, string>): Node => ({
  metadata: { name, labels: { 'node-role.kubernetes.io/worker': '', ...labels } },
});
const NODES: Node[] = [
  node('worker-0', { 'custom-kata1': 'test' }),
  node('worker-1', {}),
  { metadata: { name: 'master-0', labels: { 'node-role.kubernetes.io/master': '' } } },
];
const POOLS: MachineConfigPool[] = [
  { metadata: { name: 'master' }, status: { machineCount: 1 } },
  { metadata: { name: 'worker' }, status: { machineCount: 2 } },
];

const serve = (kataConfigs: KataConfig[] = [], nodes: Node[] = NODES) => {
  mockedWatch.mockImplementation((resource) => {
    switch (resource?.groupVersionKind?.kind) {
      case 'KataConfig':
        return [kataConfigs, true, undefined];
      case 'Node':
        return [nodes, true, undefined];
      default:
        return [POOLS, true, undefined];
    }
  });
};

const renderPage = () =>
  render(
    <MemoryRouter initialEntries={['/new']}>
      <Routes>
        <Route path="/new" element={<KataConfigCreatePage />} />
        <Route path="*" element={<div data-test="navigated">navigated</div>} />
      </Routes>
    </MemoryRouter>,
  );

const type = (element: HTMLElement, value: string) => {
  fireEvent.change(element, { target: { value } });
};

beforeEach(() => {
  jest.resetAllMocks();
  mockedAccessReview.mockReturnValue([true, false]);
  serve();
});

describe('KataConfigCreatePage', () => {
  it('starts from the sample name for all workers, with a live preview and the impact', () => {
    renderPage();
    expect(screen.getByTestId('kataconfig-name')).toHaveValue('example-kataconfig');
    expect(screen.getByTestId('node-preview-count')).toHaveTextContent(
      '2 of 2 worker nodes match.',
    );
    const impact = screen.getByTestId('impact-summary');
    expect(impact).toHaveTextContent('2 nodes will be cordoned, drained and rebooted');
    expect(within(impact).getByTestId('impact-pool')).toHaveTextContent(
      'kata-oc (created by the operator)',
    );
    expect(within(impact).getByTestId('impact-at-a-time')).toHaveTextContent(
      '1 node(s) at a time (the pool maxUnavailable), in 2 round(s)',
    );
    expect(within(impact).getByTestId('impact-duration')).toHaveTextContent('Unknown');
  });

  it('previews exactly the nodes a label selector picks', () => {
    renderPage();
    fireEvent.click(screen.getByTestId('nodes-selector'));
    fireEvent.click(screen.getByTestId('add-match-label'));
    type(screen.getByTestId('match-label-key'), 'custom-kata1');
    type(screen.getByTestId('match-label-value'), 'test');
    expect(screen.getByTestId('node-preview-count')).toHaveTextContent(
      '1 of 2 worker nodes match.',
    );
    expect(screen.getByTestId('node-preview-names')).toHaveTextContent('worker-0');
    expect(screen.getByTestId('impact-summary')).toHaveTextContent(
      '1 nodes will be cordoned, drained and rebooted',
    );
  });

  it('supports matchExpressions operators and flags values an operator does not take', () => {
    renderPage();
    fireEvent.click(screen.getByTestId('nodes-selector'));
    fireEvent.click(screen.getByTestId('add-match-expression'));
    type(screen.getByTestId('match-expression-key'), 'custom-kata1');
    expect(screen.getByText('In and NotIn need at least one value.')).toBeInTheDocument();
    expect(screen.getByTestId('create-submit')).toBeDisabled();
    type(screen.getByTestId('match-expression-operator'), 'DoesNotExist');
    expect(screen.getByTestId('node-preview-count')).toHaveTextContent(
      '1 of 2 worker nodes match.',
    );
    expect(screen.getByTestId('node-preview-names')).toHaveTextContent('worker-1');
    expect(screen.getByTestId('create-submit')).toBeEnabled();
  });

  it('shows client validation inline and blocks creating', () => {
    renderPage();
    type(screen.getByTestId('kataconfig-name'), 'Bad_Name');
    expect(screen.getByTestId('name-error')).toHaveTextContent('Use lowercase letters');
    fireEvent.click(screen.getByTestId('nodes-selector'));
    fireEvent.click(screen.getByTestId('add-match-label'));
    type(screen.getByTestId('match-label-key'), 'a/b/c');
    expect(screen.getByText(/at most one "\/"/)).toBeInTheDocument();
    expect(screen.getByTestId('create-submit')).toBeDisabled();
  });

  it('counts NFD-eligible nodes live and warns when none carries the label', () => {
    renderPage();
    fireEvent.click(screen.getByTestId('check-node-eligibility'));
    expect(screen.getByTestId('nfd-none')).toHaveTextContent(
      'No worker node carries the NFD label feature.node.kubernetes.io/runtime.kata=true',
    );
    expect(screen.getByTestId('node-preview-count')).toHaveTextContent(
      '0 of 2 worker nodes match.',
    );
  });

  it('says how many nodes carry the NFD label when some do', () => {
    serve(
      [],
      [
        node('worker-0', { 'feature.node.kubernetes.io/runtime.kata': 'true' }),
        node('worker-1', {}),
      ],
    );
    renderPage();
    fireEvent.click(screen.getByTestId('check-node-eligibility'));
    expect(screen.getByTestId('nfd-count')).toHaveTextContent(
      '1 of 2 worker nodes carry the NFD label',
    );
  });

  it('offers the CRI-O log levels and states the peer pods prerequisites', () => {
    renderPage();
    const options = within(screen.getByTestId('log-level')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'fatal',
      'panic',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
    ]);
    expect(screen.getByText(/create the peer-pods secret and ConfigMap/)).toBeInTheDocument();
  });

  it('creates the KataConfig the form describes and opens its rollout', async () => {
    mockedCreate.mockResolvedValue({ metadata: { name: 'kc' } });
    renderPage();
    type(screen.getByTestId('kataconfig-name'), 'kc');
    type(screen.getByTestId('log-level'), 'debug');
    fireEvent.click(screen.getByTestId('create-submit'));
    await screen.findByTestId('navigated');
    expect(mockedCreate).toHaveBeenCalledWith({
      model: KATA_CONFIG_MODEL,
      data: {
        apiVersion: 'kataconfiguration.openshift.io/v1',
        kind: 'KataConfig',
        metadata: { name: 'kc' },
        spec: { checkNodeEligibility: false, logLevel: 'debug', enablePeerPods: false },
      },
    });
  });

  it('keeps every field and shows the server message when the server refuses', async () => {
    mockedCreate.mockRejectedValue({
      message: 'Forbidden',
      response: { status: 403 },
      json: {
        message:
          'kataconfigs.kataconfiguration.openshift.io is forbidden: User "viewer" cannot create',
      },
    });
    renderPage();
    type(screen.getByTestId('kataconfig-name'), 'mine');
    fireEvent.click(screen.getByTestId('nodes-selector'));
    fireEvent.click(screen.getByTestId('add-match-label'));
    type(screen.getByTestId('match-label-key'), 'custom-kata1');
    fireEvent.click(screen.getByTestId('create-submit'));
    const error = await screen.findByTestId('server-error');
    expect(error).toHaveTextContent('The KataConfig was not created (HTTP 403)');
    expect(error).toHaveTextContent('User "viewer" cannot create');
    expect(screen.getByTestId('kataconfig-name')).toHaveValue('mine');
    expect(screen.getByTestId('match-label-key')).toHaveValue('custom-kata1');
    expect(screen.getByTestId('create-submit')).toBeEnabled();
  });

  it('keeps the YAML view in sync with the form, both ways, keeping unknown fields', async () => {
    mockedCreate.mockResolvedValue({ metadata: { name: 'from-yaml' } });
    renderPage();
    fireEvent.click(screen.getByTestId('nodes-selector'));
    fireEvent.click(screen.getByTestId('add-match-label'));
    type(screen.getByTestId('match-label-key'), 'custom-kata1');
    type(screen.getByTestId('match-label-value'), 'test');
    fireEvent.click(screen.getByRole('button', { name: 'YAML view' }));
    const editor = screen.getByTestId('code-editor');
    expect((editor as HTMLTextAreaElement).value).toContain('custom-kata1: test');

    const yaml = [
      'apiVersion: kataconfiguration.openshift.io/v1',
      'kind: KataConfig',
      'metadata:',
      '  name: from-yaml',
      '  labels: {team: a}',
      'spec:',
      '  logLevel: trace',
      '  futureField: 1',
    ].join('\n');
    type(editor, yaml);
    fireEvent.click(screen.getByRole('button', { name: 'Form view' }));
    expect(screen.getByTestId('kataconfig-name')).toHaveValue('from-yaml');
    expect(screen.getByTestId('log-level')).toHaveValue('trace');
    expect(screen.getByTestId('nodes-all-workers')).toBeChecked();

    fireEvent.click(screen.getByTestId('enable-peer-pods'));
    fireEvent.click(screen.getByTestId('create-submit'));
    await screen.findByTestId('navigated');
    expect(mockedCreate.mock.calls[0]?.[0].data).toEqual({
      apiVersion: 'kataconfiguration.openshift.io/v1',
      kind: 'KataConfig',
      metadata: { name: 'from-yaml', labels: { team: 'a' } },
      spec: {
        logLevel: 'trace',
        futureField: 1,
        checkNodeEligibility: false,
        enablePeerPods: true,
      },
    });
  });

  it('creates YAML as typed and reports a syntax error instead of losing it', () => {
    renderPage();
    fireEvent.click(screen.getByRole('button', { name: 'YAML view' }));
    type(screen.getByTestId('code-editor'), 'metadata: [unclosed');
    expect(screen.getByTestId('yaml-syntax-error')).toBeInTheDocument();
    expect(screen.getByTestId('create-submit')).toBeDisabled();
    expect(screen.getByTestId('code-editor')).toHaveValue('metadata: [unclosed');
  });

  it('links to the existing KataConfig instead of offering a second one', () => {
    serve([{ metadata: { name: 'example-kataconfig' } }]);
    renderPage();
    expect(screen.getByTestId('kataconfig-exists')).toHaveTextContent(
      'A KataConfig already exists',
    );
    expect(screen.getByTestId('resource-link-example-kataconfig')).toBeInTheDocument();
    expect(screen.queryByTestId('create-submit')).not.toBeInTheDocument();
  });

  it('tells users who may not create so, and disables Create', () => {
    mockedAccessReview.mockReturnValue([false, false]);
    renderPage();
    expect(screen.getByTestId('create-forbidden')).toBeInTheDocument();
    expect(screen.getByTestId('create-submit')).toBeDisabled();
  });

  it('says why there is no preview when nodes cannot be listed', () => {
    mockedWatch.mockImplementation((resource) =>
      resource?.groupVersionKind?.kind === 'Node'
        ? [[], false, { message: 'nodes is forbidden' }]
        : [[], true, undefined],
    );
    renderPage();
    expect(screen.getByTestId('node-preview-error')).toHaveTextContent('nodes is forbidden');
  });

  it('waits for the existing-KataConfig check before showing the form', async () => {
    mockedWatch.mockReturnValue([[], false, undefined]);
    renderPage();
    expect(screen.getByLabelText('Loading')).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.queryByTestId('create-submit')).not.toBeInTheDocument();
    });
  });
});
