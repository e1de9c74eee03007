import { fireEvent, render, screen, within } from '@testing-library/react';
import { PhaseFilter } from './PhaseFilter';

const counts = {
  queued: 3,
  cordoned: 0,
  draining: 1,
  applying: 0,
  rebooting: 0,
  done: 2,
  degraded: 0,
  unknown: 0,
};

describe('PhaseFilter', () => {
  it('offers every phase with its count, disables empty ones, and reports the choice', () => {
    const onSelect = jest.fn();
    render(<PhaseFilter counts={counts} total={6} selected="all" onSelect={onSelect} />);
    expect(screen.getByTestId('rollout-filter-all')).toHaveTextContent('All (6)');
    expect(screen.getByTestId('rollout-filter-queued')).toHaveTextContent('Queued (3)');
    const degraded = within(screen.getByTestId('rollout-filter-degraded')).getByRole('button');
    expect(degraded).toBeDisabled();
    fireEvent.click(within(screen.getByTestId('rollout-filter-draining')).getByRole('button'));
    expect(onSelect).toHaveBeenCalledWith('draining');
  });

  it('keeps the chosen phase selectable after its last node left it', () => {
    render(<PhaseFilter counts={counts} total={6} selected="degraded" onSelect={jest.fn()} />);
    const degraded = within(screen.getByTestId('rollout-filter-degraded')).getByRole('button');
    expect(degraded).toBeEnabled();
    expect(degraded).toHaveAttribute('aria-pressed', 'true');
  });
});
