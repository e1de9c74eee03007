import { act, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { useK8sModel, useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import MachineConfigPoolRolloutTab from './MachineConfigPoolRolloutTab';
import { answerWatch, giveRolloutScrollerAViewport, node, pool } from './testing/rolloutTestData';

const mockedWatch = jest.mocked(useK8sWatchResource);

beforeEach(() => {
  jest.resetAllMocks();
  jest.useFakeTimers();
  jest
    .mocked(useK8sModel)
    .mockReturnValue([undefined, false] as unknown as ReturnType<typeof SDK.useK8sModel>);
});

afterEach(() => {
  jest.useRealTimers();
});

describe('MachineConfigPoolRolloutTab', () => {
  it('shows the rollout of the pool whose details page it is on, whatever the pool', () => {
    const undo = giveRolloutScrollerAViewport();
    const infra = pool('infra');
    mockedWatch.mockImplementation(
      answerWatch({ pool: infra, nodes: [node('i-1', 'done')] }) as typeof SDK.useK8sWatchResource,
    );
    render(
      <MemoryRouter>
        <MachineConfigPoolRolloutTab obj={infra} />
      </MemoryRouter>,
    );
    act(() => {
      jest.advanceTimersByTime(0);
    });
    expect(mockedWatch).toHaveBeenCalledWith(expect.objectContaining({ name: 'infra' }));
    expect(screen.getByTestId('rollout-view')).toHaveAttribute('data-pool', 'infra');
    undo();
  });
});
