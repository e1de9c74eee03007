import type { FC } from 'react';
import { useState } from 'react';
import {
  Alert,
  Button,
  Content,
  List,
  ListItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
} from '@patternfly/react-core';
import type { BlockingPod } from '../../../shared/workloads/kataPods';
import { blockingPodKey } from '../../../shared/workloads/kataPods';
import { planOwnerStops, planPodDeletion } from '../../../shared/workloads/kataPodsActions';
import { useKataTranslation } from '../../i18n';
import type { PodOperation, PodOperationFailure } from '../podOperations';
import { podOperationKey, runPodOperations } from '../podOperations';

export type PodActionIntent = 'deletePods' | 'stopOwners';

interface PodActionModalProps {
  intent: PodActionIntent;
  pods: BlockingPod[];
  onClose: () => void;
  /** Called after every operation succeeded. */
  onDone: () => void;
}

/** Names what will happen to which objects, says what cannot be undone, then does it. */
export const PodActionModal: FC<PodActionModalProps> = ({ intent, pods, onClose, onDone }) => {
  const { t } = useKataTranslation();
  const [running, setRunning] = useState(false);
  const [failures, setFailures] = useState<PodOperationFailure[]>([]);

  const deletion = planPodDeletion(pods);
  const stops = planOwnerStops(pods);
  const planned: PodOperation[] =
    intent === 'deletePods'
      ? deletion.pods.map((pod) => ({ kind: 'deletePod', pod }))
      : stops.actions.map((action) => ({ kind: 'stopOwner', action }));
  // After a partial failure, confirming again retries only what failed.
  const failedKeys = new Set(failures.map((failure) => podOperationKey(failure.operation)));
  const operations =
    failures.length > 0 ? planned.filter((op) => failedKeys.has(podOperationKey(op))) : planned;

  const confirm = async () => {
    setRunning(true);
    const failed = await runPodOperations(operations);
    setRunning(false);
    setFailures(failed);
    if (failed.length === 0) onDone();
  };

  const title =
    intent === 'deletePods'
      ? t('Delete {{podCount}} pod(s)?', { podCount: planned.length })
      : t('Stop {{workloadCount}} workload(s)?', { workloadCount: planned.length });

  return (
    <Modal
      isOpen
      variant="medium"
      onClose={onClose}
      aria-labelledby="kata-uninstall-pod-action-title"
      data-test="pod-action-modal"
    >
      <ModalHeader
        title={title}
        titleIconVariant="warning"
        labelId="kata-uninstall-pod-action-title"
      />
      <ModalBody>
        {intent === 'deletePods' ? (
          <>
            <Content component="p">
              {t(
                'These pods are deleted. Their containers are stopped and data in their emptyDir volumes is lost; this cannot be undone.',
              )}
            </Content>
            <List data-test="pod-action-targets">
              {deletion.pods.map((pod) => (
                <ListItem key={blockingPodKey(pod)}>{blockingPodKey(pod)}</ListItem>
              ))}
            </List>
            {deletion.recreated.length > 0 ? (
              <Alert
                variant="warning"
                isInline
                title={t('{{recreatedCount}} of these pods will be replaced by their workload', {
                  recreatedCount: deletion.recreated.length,
                })}
                data-test="pod-action-recreated"
              >
                {t(
                  'Their Deployment, StatefulSet, ReplicaSet or Job creates new kata pods in their place, which block the uninstall again. Stop the workload instead.',
                )}
              </Alert>
            ) : null}
          </>
        ) : (
          <>
            <List data-test="pod-action-targets">
              {stops.actions.map((action) => (
                <ListItem key={podOperationKey({ kind: 'stopOwner', action })}>
                  {action.kind === 'scaleToZero'
                    ? t(
                        'Scale {{kind}} {{namespace}}/{{name}} to 0 replicas: its pods are deleted. The {{kind}} stays and can be scaled up again later.',
                        { kind: action.model.kind, namespace: action.namespace, name: action.name },
                      )
                    : t(
                        'Delete {{kind}} {{namespace}}/{{name}} and its pods. This cannot be undone.',
                        { kind: action.model.kind, namespace: action.namespace, name: action.name },
                      )}
                </ListItem>
              ))}
            </List>
            {stops.uncovered.length > 0 ? (
              <Alert
                variant="info"
                isInline
                title={t('{{podCount}} selected pod(s) have no workload that can be stopped here', {
                  podCount: stops.uncovered.length,
                })}
                data-test="pod-action-uncovered"
              >
                {t('Delete those pods instead: {{pods}}', {
                  pods: stops.uncovered.map(blockingPodKey).join(', '),
                })}
              </Alert>
            ) : null}
          </>
        )}
        {failures.length > 0 ? (
          <Alert
            variant="danger"
            isInline
            title={t('{{failedCount}} of {{total}} changes failed', {
              failedCount: failures.length,
              total: planned.length,
            })}
            data-test="pod-action-errors"
          >
            <List>
              {failures.map((failure) => (
                <ListItem key={podOperationKey(failure.operation)}>{failure.message}</ListItem>
              ))}
            </List>
          </Alert>
        ) : null}
      </ModalBody>
      <ModalFooter>
        <Button
          variant="danger"
          onClick={() => void confirm()}
          isLoading={running}
          isDisabled={running || operations.length === 0}
          data-test="pod-action-confirm"
        >
          {intent === 'deletePods' ? t('Delete pods') : t('Stop workloads')}
        </Button>
        <Button variant="link" onClick={onClose} data-test="pod-action-cancel">
          {t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
