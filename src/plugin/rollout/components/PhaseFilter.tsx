import { memo, type FC } from 'react';
import { ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import type { NodePhase } from '../../../shared/mco/nodePhase';
import { ROLLOUT_PHASES, type PhaseCounts } from '../../../shared/mco/rolloutView';
import { useKataTranslation } from '../../i18n';
import { useRolloutText } from '../useRolloutText';

export type PhaseFilterValue = NodePhase | 'all';

interface PhaseFilterProps {
  counts: PhaseCounts;
  total: number;
  selected: PhaseFilterValue;
  onSelect: (value: PhaseFilterValue) => void;
}

/** One toggle per phase with its node count; phases without nodes are disabled unless chosen. */
export const PhaseFilter: FC<PhaseFilterProps> = memo(({ counts, total, selected, onSelect }) => {
  const { t } = useKataTranslation();
  const text = useRolloutText();
  const options: { value: PhaseFilterValue; count: number }[] = [
    { value: 'all', count: total },
    ...ROLLOUT_PHASES.map((phase) => ({ value: phase, count: counts[phase] })),
  ];
  return (
    <ToggleGroup aria-label={t('Filter nodes by phase')} isCompact data-test="rollout-phase-filter">
      {options.map(({ value, count }) => (
        <ToggleGroupItem
          key={value}
          buttonId={`rollout-phase-filter-${value}`}
          text={t('{{phase}} ({{nodeCount}})', { phase: text.phase(value), nodeCount: count })}
          isSelected={selected === value}
          isDisabled={count === 0 && selected !== value && value !== 'all'}
          onChange={() => {
            onSelect(value);
          }}
          data-test={`rollout-filter-${value}`}
        />
      ))}
    </ToggleGroup>
  );
});
PhaseFilter.displayName = 'PhaseFilter';
