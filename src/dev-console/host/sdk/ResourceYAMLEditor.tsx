/**
 * The SDK's ResourceYAMLEditor after console's EditYAML: the object as YAML in the CodeEditor,
 * Save (`k8sUpdate`, or the caller's `onSave`), Reload and Cancel; in `create` mode one Create
 * button (`k8sCreate`, then the new object's page). Server errors are shown with the server's
 * message and keep the text. When the object changes on the server while the text is edited the
 * editor says so; saving then fails with the server's 409, and Reload loads the new version.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import type { K8sModel, K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { useK8sModels } from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/hooks/useK8sModels';
import {
  k8sCreateResource,
  k8sUpdateResource,
} from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/k8s-resource';
import {
  ActionGroup,
  Alert,
  AlertActionLink,
  Button,
  Form,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { resourcePath } from '../paths';
import { CodeEditor } from './CodeEditor';
import { editProblem, modelKeyFor, parseResourceYaml, yamlOf } from './sdkLogic';

type Props = Parameters<typeof SDK.ResourceYAMLEditor>[0];

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

const statusOf = (error: unknown): number | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
};

/** A model from discovery for an object's apiVersion and kind. */
const useModelFor = () => {
  const [models] = useK8sModels();
  return (object: K8sResourceCommon): K8sModel | undefined =>
    (models as Record<string, K8sModel | undefined>)[modelKeyFor(object.apiVersion, object.kind)];
};

type Notice =
  { variant: 'success'; text: string } | { variant: 'danger'; text: string; conflict: boolean };

/**
 * The editor proper. `initialResource` may also be YAML text (console accepts a template string
 * for create pages), which the host's own create page uses.
 */
export const YamlEditorPanel = ({
  initialResource,
  header,
  onSave,
  readOnly,
  create,
  onChange,
  hideHeader,
}: Omit<Props, 'initialResource'> & { initialResource: K8sResourceCommon | string }) => {
  const navigate = useNavigate();
  const modelFor = useModelFor();
  const [text, setText] = useState(() => yamlOf(initialResource));
  // The version the text was loaded from: Save sends it, so the server detects conflicts.
  const [shown, setShown] = useState(initialResource);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  const latestVersion =
    typeof initialResource === 'string' ? undefined : initialResource.metadata?.resourceVersion;
  const shownVersion = typeof shown === 'string' ? undefined : shown.metadata?.resourceVersion;
  const edited = text !== yamlOf(shown);
  const newer = !create && latestVersion !== shownVersion;
  // Untouched text follows the object; edited text stays, with a warning that it is stale.
  if (newer && !edited) {
    setShown(initialResource);
    setText(yamlOf(initialResource));
  }

  const reload = () => {
    setShown(initialResource);
    setText(yamlOf(initialResource));
    setNotice(null);
    onChange?.(yamlOf(initialResource));
  };

  const save = async () => {
    setNotice(null);
    const parsed = parseResourceYaml(text);
    if ('error' in parsed) {
      setNotice({ variant: 'danger', text: parsed.error, conflict: false });
      return;
    }
    const object = parsed.object;
    if (!create && typeof shown !== 'string') {
      const problem = editProblem(shown, object);
      if (problem) {
        setNotice({ variant: 'danger', text: problem, conflict: false });
        return;
      }
    }
    if (onSave) {
      onSave(text);
      return;
    }
    const model = modelFor(object);
    if (!model) {
      setNotice({
        variant: 'danger',
        text: `The server doesn't have a resource type "${object.kind ?? ''}" in "${object.apiVersion ?? ''}".`,
        conflict: false,
      });
      return;
    }
    setBusy(true);
    try {
      if (create) {
        const created = await k8sCreateResource<K8sResourceCommon>({ model, data: object });
        await navigate(
          resourcePath(model, created.metadata?.name ?? '', created.metadata?.namespace),
        );
        return;
      }
      const updated = await k8sUpdateResource<K8sResourceCommon>({
        model,
        data: object,
        ...(object.metadata?.namespace ? { ns: object.metadata.namespace } : {}),
        name: object.metadata?.name ?? '',
      });
      setShown(updated);
      setText(yamlOf(updated));
      setNotice({
        variant: 'success',
        text: `${updated.metadata?.name ?? ''} has been updated to version ${updated.metadata?.resourceVersion ?? ''}`,
      });
    } catch (error) {
      setNotice({ variant: 'danger', text: messageOf(error), conflict: statusOf(error) === 409 });
    } finally {
      setBusy(false);
    }
  };

  const kind = typeof initialResource === 'string' ? '' : (initialResource.kind ?? '');
  const title = header ?? (create ? `Create ${kind}` : undefined);
  return (
    <Stack hasGutter data-test="resource-yaml">
      {title && !hideHeader ? (
        <StackItem>
          <Title headingLevel={create ? 'h1' : 'h2'} data-test="yaml-editor-header">
            {title}
          </Title>
        </StackItem>
      ) : null}
      <StackItem>
        <Form
          onSubmit={(event) => {
            event.preventDefault();
          }}
        >
          <CodeEditor
            value={text}
            language="yaml"
            isReadOnly={readOnly}
            minHeight="20rem"
            aria-label="YAML"
            data-test="yaml-editor"
            onChange={(next: string) => {
              setText(next);
              onChange?.(next);
            }}
            onSave={readOnly ? undefined : () => void save()}
          />
          {newer && edited ? (
            <Alert
              variant="info"
              isInline
              title="This object has been updated."
              data-test="yaml-stale"
              actionLinks={<AlertActionLink onClick={reload}>Reload</AlertActionLink>}
            >
              Click reload to see the new version.
            </Alert>
          ) : null}
          {notice?.variant === 'danger' ? (
            <Alert
              variant="danger"
              isInline
              title={notice.conflict ? 'The object changed on the server' : 'Error'}
              data-test="yaml-error"
              actionLinks={
                notice.conflict ? (
                  <AlertActionLink onClick={reload}>Reload the latest version</AlertActionLink>
                ) : undefined
              }
            >
              {notice.text}
            </Alert>
          ) : null}
          {notice?.variant === 'success' ? (
            <Alert variant="success" isInline title={notice.text} data-test="yaml-saved" />
          ) : null}
          {readOnly ? null : (
            <ActionGroup>
              {create ? (
                <Button
                  variant="primary"
                  onClick={() => void save()}
                  isDisabled={busy}
                  data-test="yaml-create"
                >
                  Create
                </Button>
              ) : (
                <>
                  <Button
                    variant="primary"
                    onClick={() => void save()}
                    isDisabled={busy}
                    data-test="yaml-save"
                  >
                    Save
                  </Button>
                  <Button variant="secondary" onClick={reload} data-test="yaml-reload">
                    Reload
                  </Button>
                </>
              )}
              <Button variant="link" onClick={() => void navigate(-1)} data-test="yaml-cancel">
                Cancel
              </Button>
            </ActionGroup>
          )}
        </Form>
      </StackItem>
    </Stack>
  );
};

export const ResourceYAMLEditor: typeof SDK.ResourceYAMLEditor = (props) => (
  <YamlEditorPanel {...props} />
);
