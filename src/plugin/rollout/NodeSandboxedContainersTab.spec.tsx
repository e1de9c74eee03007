import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { useK8sModel, useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import type { KataConfig } from '../../shared/kataconfig/types';
import { MachineConfigNodeModel } from '../../shared/mco/models';
import NodeSandboxedContainersTab from './NodeSandboxedContainersTab';
import {
  answerWatch,
  machineConfigNode,
  node,
  pool,
  type ServedData,
} from './testing/rolloutTestData';

const mockedWatch = jest.mocked(useK8sWatchResource);
const mockedModel = jest.mocked(useK8sModel);

const kataConfig: KataConfig = {
  apiVersion: 'kataconfiguration.openshift.io/v1',
  kind: 'KataConfig',
  metadata: { name: 'example-kataconfig' },
  spec: { checkNodeEligibility: false },
  status: { kataNodes: { nodeCount: 2, readyNodeCount: 0, installing: ['w-1'] } },
};

const serve = (data: ServedData) => {
  mockedWatch.mockImplementation(answerWatch(data) as typeof SDK.useK8sWatchResource);
};

const renderTab = (obj = node('w-1', 'working')) =>
  render(
    <MemoryRouter>
      <NodeSandboxedContainersTab obj={obj} />
    </MemoryRouter>,
  );

beforeEach(() => {
  jest.resetAllMocks();
  mockedModel.mockReturnValue([undefined, false] as unknown as ReturnType<typeof SDK.useK8sModel>);
});

describe('NodeSandboxedContainersTab', () => {
  it('shows the node’s label, eligibility, KataConfig lists, pool and phase', () => {
    serve({
      kataConfigs: [kataConfig],
      pools: [pool('worker', { machineCount: 3 }), pool('kata-oc')],
    });
    renderTab();
    expect(screen.getByTestId('node-kata-kataconfig')).toHaveTextContent('example-kataconfig');
    expect(screen.getByRole('link', { name: 'example-kataconfig' })).toHaveAttribute(
      'href',
      '/k8s/cluster/kataconfiguration.openshift.io~v1~KataConfig/example-kataconfig',
    );
    expect(screen.getByTestId('node-kata-role')).toHaveTextContent(
      'Labelled node-role.kubernetes.io/kata-oc: a member of pool kata-oc',
    );
    expect(screen.getByTestId('node-kata-eligibility')).toHaveTextContent('Not checked');
    expect(screen.getByTestId('node-kata-lists')).toHaveTextContent('Installing');
    expect(screen.getByTestId('resource-link-kata-oc')).toBeInTheDocument();
    expect(screen.getByTestId('node-phase-applying')).toBeInTheDocument();
    expect(screen.getByTestId('node-kata-source')).toHaveTextContent('Node annotations');
  });

  it('reads the node’s MachineConfigNode by name when the API serves them', () => {
    mockedModel.mockReturnValue([MachineConfigNodeModel, false] as unknown as ReturnType<
      typeof SDK.useK8sModel
    >);
    serve({
      kataConfigs: [kataConfig],
      pools: [pool('worker', { machineCount: 3 }), pool('kata-oc')],
      machineConfigNodes: [
        machineConfigNode('w-1', [
          { type: 'RebootedNode', status: 'Unknown', lastTransitionTime: '2025-01-01T10:00:00Z' },
        ]),
      ],
    });
    renderTab();
    expect(mockedWatch).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'w-1',
        groupVersionKind: expect.objectContaining({ kind: 'MachineConfigNode' }) as unknown,
      }),
    );
    expect(screen.getByTestId('node-phase-rebooting')).toBeInTheDocument();
    expect(screen.getByTestId('node-kata-source')).toHaveTextContent('Its MachineConfigNode');
  });

  it('says when sandboxed containers are not installed and the node is not labelled', () => {
    serve({ kataConfigs: [], pools: [pool('worker')] });
    const plain = node('w-9', 'done');
    plain.metadata = { ...plain.metadata, labels: { 'node-role.kubernetes.io/worker': '' } };
    renderTab(plain);
    expect(screen.getByTestId('node-kata-kataconfig')).toHaveTextContent(
      'Sandboxed containers are not installed',
    );
    expect(screen.getByTestId('node-kata-role')).toHaveTextContent(
      'Not labelled node-role.kubernetes.io/kata-oc',
    );
    expect(screen.getByTestId('node-kata-lists')).toHaveTextContent('Not in any list');
  });

  it('shows a KataConfig load error with the server message', () => {
    mockedWatch.mockImplementation(((resource: { groupVersionKind?: { kind?: string } } | null) =>
      resource?.groupVersionKind?.kind === 'KataConfig'
        ? [[], true, { message: 'kataconfigs is forbidden' }]
        : [[], true, undefined]) as unknown as typeof SDK.useK8sWatchResource);
    renderTab();
    expect(screen.getByTestId('load-error')).toHaveTextContent('kataconfigs is forbidden');
  });
});
