import type { FC } from 'react';
import { useCallback, useEffect, useState } from 'react';
import { ResourceLink, useAccessReview } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Button,
  EmptyState,
  EmptyStateBody,
  Flex,
  FlexItem,
  Label,
  Pagination,
  Spinner,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { SyncAltIcon } from '@patternfly/react-icons';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { groupVersionKindOf } from '../../../shared/k8s/model';
import { NodeModel, PodModel } from '../../../shared/k8s/models';
import type { BlockingPod } from '../../../shared/workloads/kataPods';
import { blockingPodKey, podAge } from '../../../shared/workloads/kataPods';
import { ownerStopAction } from '../../../shared/workloads/kataPodsActions';
import { LoadError } from '../../common/LoadError';
import { useKataTranslation } from '../../i18n';
import type { KataPodsState } from '../../common/useKataPods';
import type { PodActionIntent } from './PodActionModal';
import { PodActionModal } from './PodActionModal';

const PER_PAGE_DEFAULT = 20;
/** How often the ages shown are brought up to date (a clock tick, no API request). */
const AGE_TICK_MS = 30_000;

/** The current time, renewed every `AGE_TICK_MS`. */
const useNow = (): number => {
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setNowMs(Date.now());
    }, AGE_TICK_MS);
    return () => {
      clearInterval(timer);
    };
  }, []);
  return nowMs;
};

interface RowPermissions {
  canDeletePod: boolean;
  canStopOwner: boolean;
}

interface BlockingPodRowProps {
  pod: BlockingPod;
  nowMs: number;
  rowIndex: number;
  selectable: boolean;
  isSelected: boolean;
  onSelect: (pod: BlockingPod, selected: boolean) => void;
  onPermissions: (key: string, permissions: RowPermissions) => void;
  onAction: (intent: PodActionIntent, pods: BlockingPod[]) => void;
}

/** One pod, with the actions the user's RBAC allows in its namespace. */
const BlockingPodRow: FC<BlockingPodRowProps> = ({
  pod,
  nowMs,
  rowIndex,
  selectable,
  isSelected,
  onSelect,
  onPermissions,
  onAction,
}) => {
  const { t } = useKataTranslation();
  const ownerAction = ownerStopAction(pod);
  const [canDeletePod] = useAccessReview({
    group: '',
    resource: PodModel.plural,
    verb: 'delete',
    namespace: pod.namespace,
  });
  const [ownerAllowed] = useAccessReview({
    group: ownerAction?.model.apiGroup ?? '',
    resource: ownerAction?.model.plural ?? PodModel.plural,
    verb: ownerAction?.kind === 'scaleToZero' ? 'patch' : 'delete',
    namespace: pod.namespace,
  });
  const canStopOwner = ownerAction !== undefined && ownerAllowed;
  const key = blockingPodKey(pod);
  useEffect(() => {
    onPermissions(key, { canDeletePod, canStopOwner });
  }, [key, canDeletePod, canStopOwner, onPermissions]);

  return (
    <Tr data-test={`blocking-pod-${key}`}>
      {selectable ? (
        <Td
          select={{
            rowIndex,
            isSelected,
            isDisabled: !canDeletePod && !canStopOwner,
            onSelect: (_event, selected) => {
              onSelect(pod, selected);
            },
          }}
        />
      ) : null}
      <Td dataLabel={t('Namespace')}>{pod.namespace}</Td>
      <Td dataLabel={t('Name')}>
        <ResourceLink
          groupVersionKind={groupVersionKindOf(PodModel)}
          name={pod.name}
          namespace={pod.namespace}
          hideIcon
        />
      </Td>
      <Td dataLabel={t('Phase')} data-test="pod-phase">
        <Flex spaceItems={{ default: 'spaceItemsSm' }}>
          <FlexItem>{pod.phase ?? t('Unknown')}</FlexItem>
          {pod.finished ? (
            <FlexItem>
              <Label color="grey" isCompact data-test="pod-finished">
                {t('Finished: still blocks until deleted')}
              </Label>
            </FlexItem>
          ) : null}
          {pod.terminating ? (
            <FlexItem>
              <Label color="blue" isCompact data-test="pod-terminating">
                {t('Terminating')}
              </Label>
            </FlexItem>
          ) : null}
        </Flex>
      </Td>
      <Td dataLabel={t('Node')}>
        {pod.nodeName ? (
          <ResourceLink
            groupVersionKind={groupVersionKindOf(NodeModel)}
            name={pod.nodeName}
            hideIcon
          />
        ) : (
          t('Not scheduled')
        )}
      </Td>
      <Td dataLabel={t('Owner')} data-test="pod-owner">
        {!pod.owner ? (
          t('None (bare pod)')
        ) : ownerAction ? (
          <ResourceLink
            groupVersionKind={groupVersionKindOf(ownerAction.model)}
            name={pod.owner.name}
            namespace={pod.namespace}
          />
        ) : (
          `${pod.owner.kind} ${pod.owner.name}`
        )}
      </Td>
      <Td dataLabel={t('Age')} modifier="nowrap">
        <span title={pod.created}>{podAge(pod.created, nowMs) ?? '-'}</span>
      </Td>
      <Td dataLabel={t('Actions')} isActionCell>
        <Flex direction={{ default: 'column' }} spaceItems={{ default: 'spaceItemsXs' }}>
          {canStopOwner ? (
            <FlexItem>
              <Button
                variant="secondary"
                isDanger
                size="sm"
                onClick={() => {
                  onAction('stopOwners', [pod]);
                }}
                data-test="stop-owner"
              >
                {/* Short, to fit the row: the owner column and the dialog name the workload. */}
                {ownerAction.kind === 'scaleToZero' ? t('Scale to 0') : t('Delete Job')}
              </Button>
            </FlexItem>
          ) : null}
          {canDeletePod ? (
            <FlexItem>
              <Button
                variant="link"
                isDanger
                size="sm"
                onClick={() => {
                  onAction('deletePods', [pod]);
                }}
                data-test="delete-pod"
              >
                {t('Delete pod')}
              </Button>
            </FlexItem>
          ) : null}
        </Flex>
      </Td>
    </Tr>
  );
};

interface BlockingPodsStepProps {
  blocking: KataPodsState & { rescan: () => void };
  /** The operator's BlockedByExistingKataPods message, when the started uninstall waits. */
  blockedMessage: string | null;
}

/** Step 2: every kata pod that keeps the uninstall from proceeding, and what to do about it. */
export const BlockingPodsStep: FC<BlockingPodsStepProps> = ({ blocking, blockedMessage }) => {
  const { t } = useKataTranslation();
  const { pods, phase, progress, scope, skippedNamespaces, error, live, watchError, rescan } =
    blocking;
  const [permissions, setPermissions] = useState<ReadonlyMap<string, RowPermissions>>(new Map());
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [action, setAction] = useState<{ intent: PodActionIntent; pods: BlockingPod[] } | null>(
    null,
  );
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(PER_PAGE_DEFAULT);
  const nowMs = useNow();

  const onPermissions = useCallback((key: string, next: RowPermissions) => {
    setPermissions((previous) => {
      const current = previous.get(key);
      if (current?.canDeletePod === next.canDeletePod && current.canStopOwner === next.canStopOwner)
        return previous;
      return new Map(previous).set(key, next);
    });
  }, []);
  const onSelect = useCallback((pod: BlockingPod, isSelected: boolean) => {
    setSelected((previous) => {
      const next = new Set(previous);
      if (isSelected) next.add(blockingPodKey(pod));
      else next.delete(blockingPodKey(pod));
      return next;
    });
  }, []);
  const onAction = useCallback((intent: PodActionIntent, targets: BlockingPod[]) => {
    setAction({ intent, pods: targets });
  }, []);

  // Only rows still listed count: a pod that went away is no longer selected.
  const selectedPods = pods.filter((pod) => selected.has(blockingPodKey(pod)));
  const permitted = (pod: BlockingPod) => permissions.get(blockingPodKey(pod));
  const deletable = selectedPods.filter((pod) => permitted(pod)?.canDeletePod);
  const stoppable = selectedPods.filter((pod) => permitted(pod)?.canStopOwner);
  const anyActionable = [...permissions.values()].some(
    (permission) => permission.canDeletePod || permission.canStopOwner,
  );
  const lastPage = Math.max(1, Math.ceil(pods.length / perPage));
  const shownPage = Math.min(page, lastPage);
  const shown = pods.slice((shownPage - 1) * perPage, shownPage * perPage);

  const finishAction = () => {
    setAction(null);
    setSelected(new Set());
    // Without a watch the list only changes on a rescan.
    if (!live) rescan();
  };

  return (
    <div data-test="blocking-pods-step">
      {blockedMessage ? (
        <Alert
          variant="danger"
          isInline
          title={t('The uninstall is waiting for these pods')}
          data-test="uninstall-blocked"
        >
          <p data-test="uninstall-blocked-message">{blockedMessage}</p>
          <p>
            {t(
              'It continues by itself shortly after the last of them is gone. Stop their workloads or delete them below.',
            )}
          </p>
        </Alert>
      ) : null}
      {scope === 'namespaces' ? (
        <Alert
          variant="warning"
          isInline
          title={t('This list may be incomplete')}
          data-test="blocking-pods-incomplete"
        >
          {skippedNamespaces.length > 0
            ? t(
                'You may not list pods in every namespace. Pods were listed namespace by namespace; these namespaces could not be read: {{namespaces}}. Ask a cluster administrator to check them.',
                { namespaces: skippedNamespaces.join(', ') },
              )
            : t(
                'You may not list pods in every namespace. Pods were listed in the namespaces you can see; others may still hold kata pods. Ask a cluster administrator to check them.',
              )}
        </Alert>
      ) : null}
      {watchError ? (
        <Alert
          variant="info"
          isInline
          title={t('Live updates stopped')}
          data-test="blocking-pods-watch-error"
        >
          {t('{{message}}. Rescan to refresh the list.', { message: watchError })}
        </Alert>
      ) : null}
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <span data-test="scan-status" aria-live="polite">
              {phase === 'scanning' ? (
                <>
                  <Spinner size="sm" aria-hidden />{' '}
                  {t('Scanning pods: {{scannedCount}} checked, {{foundCount}} found so far', {
                    scannedCount: progress?.scannedCount ?? 0,
                    foundCount: progress?.blockingCount ?? 0,
                  })}
                </>
              ) : phase === 'ready' ? (
                live ? (
                  t('{{podCount}} blocking pod(s), updated live', { podCount: pods.length })
                ) : (
                  t('{{podCount}} blocking pod(s)', { podCount: pods.length })
                )
              ) : null}
            </span>
          </ToolbarItem>
          <ToolbarItem>
            <Button
              variant="secondary"
              icon={<SyncAltIcon />}
              onClick={rescan}
              isDisabled={phase === 'scanning'}
              data-test="rescan"
            >
              {t('Rescan')}
            </Button>
          </ToolbarItem>
          {anyActionable && pods.length > 0 ? (
            <>
              <ToolbarItem>
                <Button
                  variant="danger"
                  isDisabled={stoppable.length === 0}
                  onClick={() => {
                    onAction('stopOwners', stoppable);
                  }}
                  data-test="bulk-stop-owners"
                >
                  {t('Stop workloads of {{podCount}} selected', { podCount: stoppable.length })}
                </Button>
              </ToolbarItem>
              <ToolbarItem>
                <Button
                  variant="secondary"
                  isDanger
                  isDisabled={deletable.length === 0}
                  onClick={() => {
                    onAction('deletePods', deletable);
                  }}
                  data-test="bulk-delete-pods"
                >
                  {t('Delete {{podCount}} selected pod(s)', { podCount: deletable.length })}
                </Button>
              </ToolbarItem>
            </>
          ) : null}
        </ToolbarContent>
      </Toolbar>
      {phase === 'error' ? (
        <LoadError title={t('Pods could not be listed')} error={error} />
      ) : phase === 'ready' && pods.length === 0 ? (
        <EmptyState
          titleText={t('No pod uses the kata runtime')}
          headingLevel="h3"
          data-test="blocking-pods-empty"
        >
          <EmptyStateBody>
            {scope === 'namespaces'
              ? t('No kata pod was found in the namespaces you can read.')
              : t('Nothing blocks the uninstall.')}
          </EmptyStateBody>
        </EmptyState>
      ) : pods.length > 0 ? (
        <>
          {/* Stacked below 1450 px: the wizard leaves too little width for eight columns. */}
          <Table
            aria-label={t('Blocking pods')}
            variant="compact"
            gridBreakPoint="grid-2xl"
            data-test="blocking-pods-table"
          >
            <Thead>
              <Tr>
                {anyActionable ? <Th screenReaderText={t('Select')} /> : null}
                <Th>{t('Namespace')}</Th>
                <Th>{t('Name')}</Th>
                <Th>{t('Phase')}</Th>
                <Th>{t('Node')}</Th>
                <Th>{t('Owner')}</Th>
                <Th>{t('Age')}</Th>
                <Th screenReaderText={t('Actions')} />
              </Tr>
            </Thead>
            <Tbody>
              {shown.map((pod, rowIndex) => (
                <BlockingPodRow
                  key={blockingPodKey(pod)}
                  pod={pod}
                  nowMs={nowMs}
                  rowIndex={rowIndex}
                  selectable={anyActionable}
                  isSelected={selected.has(blockingPodKey(pod))}
                  onSelect={onSelect}
                  onPermissions={onPermissions}
                  onAction={onAction}
                />
              ))}
            </Tbody>
          </Table>
          {pods.length > PER_PAGE_DEFAULT ? (
            <Pagination
              itemCount={pods.length}
              page={shownPage}
              perPage={perPage}
              onSetPage={(_event, next) => {
                setPage(next);
              }}
              onPerPageSelect={(_event, next) => {
                setPerPage(next);
                setPage(1);
              }}
              variant="bottom"
            />
          ) : null}
        </>
      ) : null}
      {action ? (
        <PodActionModal
          intent={action.intent}
          pods={action.pods}
          onClose={() => {
            setAction(null);
          }}
          onDone={finishAction}
        />
      ) : null}
    </div>
  );
};
