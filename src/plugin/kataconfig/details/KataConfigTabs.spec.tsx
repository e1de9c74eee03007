import { render, screen } from '@testing-library/react';
import { useAccessReview, useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import type { KataConfig } from '../../../shared/kataconfig/types';
import type { MachineConfigPool } from '../../../shared/mco/types';
import { KataConfigEventsTab, KataConfigRolloutTab, KataConfigYamlTab } from './KataConfigTabs';

jest.mock('../../rollout/RolloutView', () => ({
  RolloutView: ({ poolName }: { poolName: string }) => (
    <div data-test="rollout-view" data-pool={poolName} />
  ),
}));

const mockedWatch = jest.mocked(useK8sWatchResource);
const mockedAccessReview = jest.mocked(useAccessReview);

const kataConfig: KataConfig = { metadata: { name: 'example-kataconfig' } };
const deleting: KataConfig = {
  metadata: { name: 'example-kataconfig', deletionTimestamp: '2026-11-25T12:00:00Z' },
};
const pools: MachineConfigPool[] = [
  { metadata: { name: 'master' }, status: { machineCount: 3 } },
  { metadata: { name: 'worker' }, status: { machineCount: 1 } },
  { metadata: { name: 'kata-oc' }, status: { machineCount: 2 } },
];

beforeEach(() => {
  jest.resetAllMocks();
  mockedWatch.mockReturnValue([pools, true, undefined]);
  mockedAccessReview.mockReturnValue([true, false]);
});

describe('KataConfigRolloutTab', () => {
  it('shows the rollout of the pool this KataConfig drives', () => {
    render(<KataConfigRolloutTab obj={kataConfig} />);
    expect(screen.getByTestId('rollout-view')).toHaveAttribute('data-pool', 'kata-oc');
  });

  it('follows the worker pool once uninstall was requested', () => {
    render(<KataConfigRolloutTab obj={deleting} />);
    expect(screen.getByTestId('rollout-view')).toHaveAttribute('data-pool', 'worker');
  });

  it('says no pool is rolling before the operator created it', () => {
    mockedWatch.mockReturnValue([pools.slice(0, 2), true, undefined]);
    render(<KataConfigRolloutTab obj={kataConfig} />);
    expect(screen.getByTestId('rollout-no-pool')).toBeInTheDocument();
  });

  it('shows why pools could not be read', () => {
    mockedWatch.mockReturnValue([[], false, { message: 'machineconfigpools is forbidden' }]);
    render(<KataConfigRolloutTab obj={kataConfig} />);
    expect(screen.getByTestId('load-error')).toHaveTextContent('machineconfigpools is forbidden');
  });
});

describe('KataConfigYamlTab', () => {
  it("uses console's YAML editor, editable for users who may update", () => {
    render(<KataConfigYamlTab obj={kataConfig} />);
    const editor = screen.getByTestId('resource-yaml-editor');
    expect(editor).toHaveAttribute('data-resource-name', 'example-kataconfig');
    expect(editor).not.toHaveAttribute('data-read-only');
  });

  it('is read-only for users who may not update', () => {
    mockedAccessReview.mockReturnValue([false, false]);
    render(<KataConfigYamlTab obj={kataConfig} />);
    expect(screen.getByTestId('resource-yaml-editor')).toHaveAttribute('data-read-only', 'true');
  });
});

describe('KataConfigEventsTab', () => {
  it('streams the events of the KataConfig and of its pool', () => {
    render(<KataConfigEventsTab obj={kataConfig} />);
    const streams = screen.getAllByTestId('resource-event-stream');
    expect(streams.map((s) => s.getAttribute('data-resource-name'))).toEqual([
      'example-kataconfig',
      'kata-oc',
    ]);
    expect(screen.getByText('Events of pool kata-oc')).toBeInTheDocument();
  });
});
