import type { FC } from 'react';
import { useMemo, useState } from 'react';
import {
  ActionGroup,
  Alert,
  AlertActionLink,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Stack,
  StackItem,
  TextInput,
} from '@patternfly/react-core';
import type { RuntimeClass } from '../../shared/k8s/types';
import {
  MEASURED_DEFAULT_OVERHEAD,
  OVERHEAD_RESOURCES,
  overheadDiff,
  overheadDraftChanged,
  overheadDraftOf,
  proposedRuntimeClass,
  rebaseOverheadDraft,
  reviewOverheadChange,
} from '../../shared/workloads';
import type { OverheadDraft, OverheadFinding, OverheadResource } from '../../shared/workloads';
import { errorMessage } from '../common/errorMessage';
import { useKataTranslation } from '../i18n';
import type { OverheadContext } from './hooks/useOverheadContext';
import { OverheadConfirmModal } from './OverheadConfirmModal';
import { useOverheadText } from './useOverheadText';
import { useSaveOverhead } from './useSaveOverhead';

/** What the user is editing: the values, those they typed, and the object they started from. */
interface Edit {
  base: RuntimeClass;
  draft: OverheadDraft;
  touched: OverheadResource[];
}

const FIELD_FINDINGS: ReadonlySet<OverheadFinding['id']> = new Set([
  'invalidQuantity',
  'negativeQuantity',
]);

/** A finding about one field's text (shown under the field, not in the list). */
const fieldFindingOf = (
  findings: OverheadFinding[],
  resource: OverheadResource,
): OverheadFinding | undefined =>
  findings.find(
    (finding) =>
      FIELD_FINDINGS.has(finding.id) &&
      (finding.params as { resource?: string }).resource === resource,
  );

const findingTestId = (finding: OverheadFinding): string => {
  const resource = (finding.params as { resource?: string }).resource;
  return `overhead-finding-${finding.id}${resource ? `-${resource}` : ''}`;
};

interface OverheadEditorProps {
  /** The RuntimeClass as the watch has it now. */
  runtimeClass: RuntimeClass;
  context: OverheadContext;
  canEdit: boolean;
}

/**
 * CPU and memory overhead with warnings as the user types. Saving confirms with a diff and
 * sends a patch pinned to the version the user started from; a conflict keeps what was typed.
 */
export const OverheadEditor: FC<OverheadEditorProps> = ({ runtimeClass, context, canEdit }) => {
  const { t } = useKataTranslation();
  const text = useOverheadText();
  const [edit, setEdit] = useState<Edit | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { state, save, reload, dismiss } = useSaveOverhead();
  const name = runtimeClass.metadata?.name ?? '';

  // Until the user types, the editor follows the live object.
  const base = edit?.base ?? runtimeClass;
  const draft = useMemo(() => edit?.draft ?? overheadDraftOf(runtimeClass), [edit, runtimeClass]);
  const current = overheadDraftOf(base);

  const review = useMemo(
    () =>
      reviewOverheadChange({
        proposed: proposedRuntimeClass(base, draft),
        current: base,
        nodes: context.nodes.items,
        pods: context.pods.items,
        resourceQuotas: context.resourceQuotas.items,
        limitRanges: context.limitRanges.items,
      }),
    [
      base,
      draft,
      context.nodes.items,
      context.pods.items,
      context.resourceQuotas.items,
      context.limitRanges.items,
    ],
  );
  const changed = overheadDraftChanged(base, draft);
  const advisories = review.findings.filter((finding) => !FIELD_FINDINGS.has(finding.id));

  const type = (resource: OverheadResource, value: string) => {
    if (state.kind === 'saved' || state.kind === 'failed') dismiss();
    const touched = edit?.touched ?? [];
    setEdit({
      base,
      draft: { ...draft, [resource]: value },
      touched: touched.includes(resource) ? touched : [...touched, resource],
    });
  };

  const confirmSave = async () => {
    const saved = await save(base, draft);
    setConfirming(false);
    if (saved) setEdit(null);
  };

  const reloadKeepingDraft = async () => {
    const latest = await reload(name);
    if (latest) {
      const touched = edit?.touched ?? [];
      setEdit({ base: latest, draft: rebaseOverheadDraft(latest, draft, touched), touched });
    }
  };

  const unreadable = (
    [
      [t('Nodes'), context.nodes.error],
      [t('Pods'), context.pods.error],
      [t('ResourceQuotas'), context.resourceQuotas.error],
      [t('LimitRanges'), context.limitRanges.error],
    ] as const
  ).filter(([, error]) => Boolean(error));
  // Listing pods cluster-wide was forbidden: pods were read per namespace, some refused.
  const { skippedNamespaces } = context.pods;

  return (
    <Stack hasGutter>
      <StackItem>
        <Form
          onSubmit={(event) => {
            event.preventDefault();
          }}
          data-test="overhead-form"
        >
          {OVERHEAD_RESOURCES.map((resource) => {
            const fieldFinding = fieldFindingOf(review.findings, resource);
            const id = `kata-console-plugin__overhead-${resource}`;
            return (
              <FormGroup key={resource} label={text.resourceName(resource)} fieldId={id}>
                {canEdit ? (
                  <TextInput
                    id={id}
                    value={draft[resource]}
                    onChange={(_event, value) => {
                      type(resource, value);
                    }}
                    validated={fieldFinding ? 'error' : 'default'}
                    aria-invalid={fieldFinding ? true : undefined}
                    data-test={`overhead-input-${resource}`}
                  />
                ) : (
                  <div id={id} data-test={`overhead-value-${resource}`}>
                    {current[resource] || t('Not set')}
                  </div>
                )}
                <FormHelperText>
                  <HelperText>
                    {fieldFinding ? (
                      <HelperTextItem variant="error" data-test={`overhead-invalid-${resource}`}>
                        {`${text.finding(fieldFinding).title}. ${text.finding(fieldFinding).body}`}
                      </HelperTextItem>
                    ) : (
                      <HelperTextItem>
                        {t('Saved: {{current}} · Recommended: {{recommended}}', {
                          current: current[resource] || t('Not set'),
                          recommended: MEASURED_DEFAULT_OVERHEAD[resource],
                        })}
                      </HelperTextItem>
                    )}
                  </HelperText>
                </FormHelperText>
              </FormGroup>
            );
          })}
          {canEdit ? (
            <ActionGroup>
              <Button
                variant="primary"
                isDisabled={!review.canSave || !changed || state.kind === 'saving'}
                onClick={() => {
                  setConfirming(true);
                }}
                data-test="overhead-save"
              >
                {t('Save')}
              </Button>
              <Button
                variant="secondary"
                onClick={() => {
                  setEdit({
                    base,
                    draft: { ...MEASURED_DEFAULT_OVERHEAD },
                    touched: [...OVERHEAD_RESOURCES],
                  });
                }}
                data-test="overhead-use-defaults"
              >
                {t('Use recommended values')}
              </Button>
              {edit ? (
                <Button
                  variant="link"
                  onClick={() => {
                    setEdit(null);
                    dismiss();
                  }}
                  data-test="overhead-reset"
                >
                  {t('Discard changes')}
                </Button>
              ) : null}
            </ActionGroup>
          ) : null}
        </Form>
      </StackItem>

      {!canEdit ? (
        <StackItem>
          <Alert
            variant="info"
            isInline
            isPlain
            title={t('Read only')}
            data-test="overhead-read-only"
          >
            {t(
              'Your account may not patch RuntimeClasses, so the overhead cannot be changed here.',
            )}
          </Alert>
        </StackItem>
      ) : null}

      {state.kind === 'saved' ? (
        <StackItem>
          <Alert
            variant="success"
            isInline
            title={t('Pod overhead saved')}
            data-test="overhead-saved"
          >
            {t('New kata pods get CPU {{cpu}} and memory {{memory}} overhead.', {
              cpu: overheadDraftOf(state.runtimeClass).cpu,
              memory: overheadDraftOf(state.runtimeClass).memory,
            })}
          </Alert>
        </StackItem>
      ) : null}
      {state.kind === 'conflict' || state.kind === 'reloading' ? (
        <StackItem>
          <Alert
            variant="warning"
            isInline
            title={t('The RuntimeClass was changed by someone else')}
            data-test="overhead-conflict"
            actionLinks={
              <AlertActionLink
                onClick={() => void reloadKeepingDraft()}
                isDisabled={state.kind === 'reloading'}
                data-test="overhead-reload"
              >
                {t('Reload the latest version and keep my values')}
              </AlertActionLink>
            }
          >
            {t(
              'Nothing was saved: it changed on the server after you started editing, and saving would overwrite that change. Reload to see the latest values; what you typed stays in the fields, and you can review and save again.',
            )}
            {state.kind === 'conflict' && state.message ? (
              <div data-test="overhead-conflict-message">{state.message}</div>
            ) : null}
          </Alert>
        </StackItem>
      ) : null}
      {state.kind === 'failed' ? (
        <StackItem>
          <Alert
            variant="danger"
            isInline
            title={t('Pod overhead could not be saved')}
            data-test="overhead-error"
          >
            {state.message || t('Unknown error')}
          </Alert>
        </StackItem>
      ) : null}

      {unreadable.length > 0 || skippedNamespaces.length > 0 ? (
        <StackItem>
          <Alert
            variant="warning"
            isInline
            isPlain
            title={t('Some checks could not run')}
            data-test="overhead-checks-incomplete"
          >
            {unreadable.map(([what, error]) => (
              <div key={what}>
                {t('{{what}} could not be read: {{message}}', {
                  what,
                  message: errorMessage(error) ?? t('Unknown error'),
                })}
              </div>
            ))}
            {skippedNamespaces.length > 0 ? (
              <div data-test="overhead-pods-skipped-namespaces">
                {t(
                  'Pods in these namespaces could not be read and are not counted: {{namespaces}}',
                  {
                    namespaces: skippedNamespaces.join(', '),
                  },
                )}
              </div>
            ) : null}
          </Alert>
        </StackItem>
      ) : null}

      {advisories.map((finding, index) => {
        const { title, body } = text.finding(finding);
        return (
          <StackItem key={`${findingTestId(finding)}-${index}`}>
            <Alert
              variant={finding.severity}
              isInline
              title={title}
              data-test={findingTestId(finding)}
            >
              {body}
            </Alert>
          </StackItem>
        );
      })}

      {confirming ? (
        <OverheadConfirmModal
          runtimeClassName={name}
          diff={overheadDiff(base, draft)}
          warningCount={advisories.filter((finding) => finding.severity !== 'info').length}
          saving={state.kind === 'saving'}
          onConfirm={() => void confirmSave()}
          onCancel={() => {
            setConfirming(false);
          }}
        />
      ) : null}
    </Stack>
  );
};
