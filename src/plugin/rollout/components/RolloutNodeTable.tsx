import { memo, useRef, type FC } from 'react';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { groupVersionKindOf } from '../../../shared/k8s/model';
import { NodeModel } from '../../../shared/k8s/models';
import { timeInPhaseMs, type RolloutNodeRow } from '../../../shared/mco/rolloutView';
import { useKataTranslation } from '../../i18n';
import { useElementVirtualizer } from '../hooks/useElementVirtualizer';
import { useRolloutText, type RolloutText } from '../useRolloutText';
import { NodePhaseLabel } from './NodePhaseLabel';
import './RolloutNodeTable.css';

/** Every row is one line high (long text is truncated), so rows can be placed without measuring. */
export const ROW_HEIGHT_PX = 45;
/** Rows rendered above and below the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 8;
/** What the first render assumes before the scroll container is measured (also in jsdom). */
const INITIAL_VIEWPORT = { width: 1200, height: 600 };
const COLUMNS = 5;
const NODE_GVK = groupVersionKindOf(NodeModel);

/** What the row's phase needs explaining with: the MCO's own words first, then our note. */
const detailOf = (row: RolloutNodeRow, text: RolloutText): string | undefined =>
  row.reason ?? (row.note ? text.note(row.note) : undefined);

interface RowProps {
  row: RolloutNodeRow;
  /** 1-based position among all rows (not just the rendered ones), for screen readers. */
  position: number;
  now: number;
}

const RolloutNodeTableRow: FC<RowProps> = memo(({ row, position, now }) => {
  const { t } = useKataTranslation();
  const text = useRolloutText();
  const detail = detailOf(row, text);
  const elapsed = timeInPhaseMs(row, now);
  const configCell = (config: string | undefined) => config ?? t('None');
  return (
    <Tr
      aria-rowindex={position + 1}
      className="kata-console-plugin__rollout-row"
      data-test={`rollout-row-${row.node}`}
    >
      <Td dataLabel={t('Node')} modifier="truncate">
        <ResourceLink groupVersionKind={NODE_GVK} name={row.node} />
      </Td>
      <Td dataLabel={t('Phase')} modifier="truncate" data-test="rollout-row-phase">
        <NodePhaseLabel phase={row.phase} />{' '}
        <span
          className={
            row.phase === 'degraded' ? 'kata-console-plugin__rollout-row-problem' : undefined
          }
          title={detail}
          data-test="rollout-row-detail"
        >
          {detail ?? text.step(row.step)}
        </span>
      </Td>
      <Td dataLabel={t('Time in phase')} modifier="nowrap" data-test="rollout-row-time">
        {elapsed === undefined ? t('Not known') : text.duration(elapsed)}
      </Td>
      <Td dataLabel={t('Desired config')} modifier="truncate">
        <span title={row.desiredConfig}>{configCell(row.desiredConfig)}</span>
      </Td>
      <Td dataLabel={t('Current config')} modifier="truncate">
        <span title={row.currentConfig}>{configCell(row.currentConfig)}</span>
      </Td>
    </Tr>
  );
});
RolloutNodeTableRow.displayName = 'RolloutNodeTableRow';

/** An empty, hidden row that stands in for the rows scrolled out of view. */
const Spacer: FC<{ height: number }> = ({ height }) =>
  height > 0 ? (
    <Tr aria-hidden="true" className="kata-console-plugin__rollout-spacer">
      <Td colSpan={COLUMNS} style={{ height }} />
    </Tr>
  ) : null;

interface RolloutNodeTableProps {
  rows: readonly RolloutNodeRow[];
  now: number;
}

/**
 * The nodes of a rollout in a PatternFly table, virtualised: only the rows in view (plus a few)
 * are in the DOM, so thousands of nodes scroll smoothly and an update re-renders a handful.
 */
export const RolloutNodeTable: FC<RolloutNodeTableProps> = memo(({ rows, now }) => {
  const { t } = useKataTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useElementVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: OVERSCAN,
    initialRect: INITIAL_VIEWPORT,
    getItemKey: (index) => rows[index]?.node ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const before = first ? first.start : 0;
  const after = last ? virtualizer.getTotalSize() - last.end : 0;
  return (
    <div
      ref={scroller}
      className="kata-console-plugin__rollout-scroller"
      data-test="rollout-table-scroller"
    >
      <Table
        aria-label={t('Nodes of the rollout')}
        aria-rowcount={rows.length + 1}
        variant="compact"
        isStickyHeader
        data-test="rollout-table"
      >
        <Thead>
          <Tr aria-rowindex={1}>
            <Th width={20}>{t('Node')}</Th>
            <Th width={35}>{t('Phase')}</Th>
            <Th width={10}>{t('Time in phase')}</Th>
            <Th width={15}>{t('Desired config')}</Th>
            <Th width={15}>{t('Current config')}</Th>
          </Tr>
        </Thead>
        <Tbody>
          <Spacer height={before} />
          {items.map((item) => {
            const row = rows[item.index];
            return row ? (
              <RolloutNodeTableRow key={row.node} row={row} position={item.index + 1} now={now} />
            ) : null;
          })}
          <Spacer height={after} />
        </Tbody>
      </Table>
    </div>
  );
});
RolloutNodeTable.displayName = 'RolloutNodeTable';
