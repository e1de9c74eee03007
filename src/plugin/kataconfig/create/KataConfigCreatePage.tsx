import type { FC } from 'react';
import { Suspense, useMemo, useState } from 'react';
import {
  CodeEditor,
  DocumentTitle,
  ResourceLink,
  k8sCreate,
} from '@openshift-console/dynamic-plugin-sdk';
import type { CreateResourceComponentProps } from '@openshift-console/dynamic-plugin-sdk';
import {
  ActionGroup,
  Alert,
  Button,
  Checkbox,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  PageSection,
  Radio,
  Spinner,
  TextInput,
  Title,
  ToggleGroup,
  ToggleGroupItem,
} from '@patternfly/react-core';
import { useNavigate } from 'react-router';
import { groupVersionKindOf } from '../../../shared/k8s/model';
import type { KataConfigForm, YamlFormProblem } from '../../../shared/kataconfig/createForm';
import {
  defaultKataConfigForm,
  formToKataConfig,
  hasFormErrors,
  kataConfigNameProblem,
  kataConfigToForm,
  logLevelChoices,
  poolSelectorOfForm,
  validateKataConfigForm,
} from '../../../shared/kataconfig/createForm';
import { estimateRolloutImpact, previewNodeSelection } from '../../../shared/kataconfig/impact';
import { KataConfigModel } from '../../../shared/kataconfig/models';
import type { KataConfig } from '../../../shared/kataconfig/types';
import { errorMessage } from '../../common/errorMessage';
import { useKataTranslation } from '../../i18n';
import { kataConfigListPath, kataConfigTabPath } from '../kataConfigPaths';
import { ImpactSummary } from './ImpactSummary';
import { NodePreview } from './NodePreview';
import { SelectorEditor } from './SelectorEditor';
import { useCreateFormText } from './useCreateFormText';
import { useCreatePageData } from './useCreatePageData';
import { parseYaml, toYaml } from './yamlText';

type View = 'form' | 'yaml';

/** The HTTP status of a failed SDK call, when the error carries one. */
const statusOf = (error: unknown): number | undefined => {
  const response = (error as { response?: { status?: unknown } } | null)?.response;
  return typeof response?.status === 'number' ? response.status : undefined;
};

/**
 * `console.resource/create` for KataConfig: a form with a live node preview and an impact
 * summary, one toggle away from the same object as YAML.
 */
const KataConfigCreatePage: FC<CreateResourceComponentProps> = () => {
  const { t } = useKataTranslation();
  const text = useCreateFormText();
  const navigate = useNavigate();
  const data = useCreatePageData();

  const [view, setView] = useState<View>('form');
  const [form, setForm] = useState<KataConfigForm>(defaultKataConfigForm);
  // The object last read from YAML: fields the form does not show are kept from it.
  const [base, setBase] = useState<unknown>(undefined);
  const [yamlText, setYamlText] = useState('');
  const [yamlSyntaxError, setYamlSyntaxError] = useState<string | null>(null);
  const [yamlProblems, setYamlProblems] = useState<YamlFormProblem[]>([]);
  const [serverError, setServerError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const errors = validateKataConfigForm(form);
  const object: KataConfig = useMemo(() => formToKataConfig(form, base), [form, base]);
  const preview = useMemo(
    () => previewNodeSelection(data.nodes, poolSelectorOfForm(form), form.checkNodeEligibility),
    [data.nodes, form],
  );
  const impact = useMemo(
    () => estimateRolloutImpact(object, preview.targetNodes, data.pools),
    [object, preview.targetNodes, data.pools],
  );
  const existing = data.existing[0];

  const switchView = (next: View) => {
    if (next === view) return;
    if (next === 'yaml') {
      setYamlText(toYaml(object));
      setYamlSyntaxError(null);
    }
    setView(next);
  };

  const onYamlChange = (value: string) => {
    setYamlText(value);
    const parsed = parseYaml(value);
    if (!parsed.ok) {
      setYamlSyntaxError(parsed.message);
      return;
    }
    setYamlSyntaxError(null);
    const read = kataConfigToForm(parsed.value);
    setYamlProblems(read.problems);
    setForm(read.form);
    setBase(parsed.value);
  };

  // In YAML view the YAML itself is created, exactly as typed; the server judges it.
  const blocked =
    view === 'yaml'
      ? yamlSyntaxError !== null || kataConfigNameProblem(form.name) !== undefined
      : hasFormErrors(errors);

  const submit = async () => {
    if (blocked || submitting) return;
    setSubmitting(true);
    setServerError(null);
    const parsed = view === 'yaml' ? parseYaml(yamlText) : null;
    const payload = (parsed?.ok ? parsed.value : object) as KataConfig;
    try {
      const created = await k8sCreate<KataConfig>({ model: KataConfigModel, data: payload });
      await navigate(kataConfigTabPath(created.metadata?.name ?? form.name, 'rollout'));
    } catch (error) {
      // Everything typed stays as it is; only the server's answer is added.
      setServerError(error);
      setSubmitting(false);
    }
  };

  const nameMessage = errors.name ? text.nameProblem(errors.name) : null;
  const loading = !data.existingLoaded || data.canCreateLoading;

  return (
    <>
      <DocumentTitle>{t('Create KataConfig')}</DocumentTitle>
      <PageSection hasBodyWrapper={false}>
        <Title headingLevel="h1">{t('Create KataConfig')}</Title>
      </PageSection>
      <PageSection hasBodyWrapper={false} data-test="kataconfig-create-form">
        {loading ? (
          <Spinner aria-label={t('Loading')} />
        ) : existing ? (
          <Alert
            variant="info"
            isInline
            title={t('A KataConfig already exists')}
            data-test="kataconfig-exists"
          >
            {t(
              'A cluster has one KataConfig. Open it to change its settings or watch its rollout:',
            )}{' '}
            <ResourceLink
              groupVersionKind={groupVersionKindOf(KataConfigModel)}
              name={existing.metadata?.name}
              inline
            />
          </Alert>
        ) : (
          <>
            {!data.canCreate ? (
              <Alert
                variant="warning"
                isInline
                title={t('You are not allowed to create KataConfigs')}
                data-test="create-forbidden"
              >
                {t('Ask a cluster administrator to create it, or for the permission to.')}
              </Alert>
            ) : null}
            <ToggleGroup aria-label={t('Configure via')}>
              <ToggleGroupItem
                text={t('Form view')}
                isSelected={view === 'form'}
                onChange={() => {
                  switchView('form');
                }}
                data-test="view-form"
              />
              <ToggleGroupItem
                text={t('YAML view')}
                isSelected={view === 'yaml'}
                onChange={() => {
                  switchView('yaml');
                }}
                data-test="view-yaml"
              />
            </ToggleGroup>
            <Form
              onSubmit={(event) => {
                event.preventDefault();
                void submit();
              }}
            >
              {view === 'form' ? (
                <>
                  {yamlProblems.length > 0 ? (
                    <Alert
                      variant="warning"
                      isInline
                      title={t('Some YAML could not be shown in the form')}
                      data-test="yaml-problems"
                    >
                      {yamlProblems.map((problem) => (
                        <div key={problem}>{text.yamlProblem(problem)}</div>
                      ))}
                    </Alert>
                  ) : null}
                  <FormGroup label={t('Name')} isRequired fieldId="kataconfig-name">
                    <TextInput
                      id="kataconfig-name"
                      isRequired
                      value={form.name}
                      validated={nameMessage ? 'error' : 'default'}
                      onChange={(_event, name) => {
                        setForm({ ...form, name });
                      }}
                      data-test="kataconfig-name"
                    />
                    {nameMessage ? (
                      <FormHelperText>
                        <HelperText>
                          <HelperTextItem variant="error" data-test="name-error">
                            {nameMessage}
                          </HelperTextItem>
                        </HelperText>
                      </FormHelperText>
                    ) : null}
                  </FormGroup>
                  <FormGroup label={t('Nodes')} role="radiogroup" isInline fieldId="node-selection">
                    <Radio
                      id="node-selection-all"
                      name="node-selection"
                      label={t('All worker nodes')}
                      isChecked={form.nodeSelection === 'allWorkers'}
                      onChange={() => {
                        setForm({ ...form, nodeSelection: 'allWorkers' });
                      }}
                      data-test="nodes-all-workers"
                    />
                    <Radio
                      id="node-selection-selector"
                      name="node-selection"
                      label={t('Worker nodes matching a label selector')}
                      isChecked={form.nodeSelection === 'selector'}
                      onChange={() => {
                        setForm({ ...form, nodeSelection: 'selector' });
                      }}
                      data-test="nodes-selector"
                    />
                  </FormGroup>
                  {form.nodeSelection === 'selector' ? (
                    <SelectorEditor
                      model={form.selector}
                      errors={errors.selector}
                      onChange={(selector) => {
                        setForm({ ...form, selector });
                      }}
                    />
                  ) : null}
                  <FormGroup fieldId="check-node-eligibility">
                    <Checkbox
                      id="check-node-eligibility"
                      label={t('Check node eligibility')}
                      description={t(
                        'Install only on nodes that Node Feature Discovery (NFD) found able to run kata. Requires the NFD operator.',
                      )}
                      isChecked={form.checkNodeEligibility}
                      onChange={(_event, checkNodeEligibility) => {
                        setForm({ ...form, checkNodeEligibility });
                      }}
                      data-test="check-node-eligibility"
                    />
                  </FormGroup>
                  <NodePreview
                    preview={preview}
                    checkNodeEligibility={form.checkNodeEligibility}
                    loaded={data.nodesLoaded}
                    loadError={data.nodesError}
                  />
                  <FormGroup label={t('Log level')} fieldId="log-level">
                    <FormSelect
                      id="log-level"
                      value={form.logLevel}
                      onChange={(_event, logLevel) => {
                        setForm({ ...form, logLevel });
                      }}
                      data-test="log-level"
                    >
                      {logLevelChoices(form.logLevel).map((level) => (
                        <FormSelectOption key={level} value={level} label={level} />
                      ))}
                    </FormSelect>
                    <FormHelperText>
                      <HelperText>
                        <HelperTextItem>
                          {t(
                            'CRI-O log level on the kata nodes; anything but info adds a ContainerRuntimeConfig.',
                          )}
                        </HelperTextItem>
                      </HelperText>
                    </FormHelperText>
                  </FormGroup>
                  <FormGroup fieldId="enable-peer-pods">
                    <Checkbox
                      id="enable-peer-pods"
                      label={t('Enable peer pods')}
                      description={t(
                        'Runs sandboxed pods as virtual machines at a cloud provider instead of on the nodes. Before enabling it, create the peer-pods secret and ConfigMap for your cloud provider in the operator namespace; without them peer pods cannot start.',
                      )}
                      isChecked={form.enablePeerPods}
                      onChange={(_event, enablePeerPods) => {
                        setForm({ ...form, enablePeerPods });
                      }}
                      data-test="enable-peer-pods"
                    />
                  </FormGroup>
                </>
              ) : (
                <>
                  {yamlSyntaxError ? (
                    <Alert
                      variant="danger"
                      isInline
                      title={t('The YAML cannot be read')}
                      data-test="yaml-syntax-error"
                    >
                      {yamlSyntaxError}
                    </Alert>
                  ) : null}
                  <Suspense fallback={<Spinner aria-label={t('Loading the editor')} />}>
                    <div data-test="kataconfig-yaml">
                      <CodeEditor
                        language="yaml"
                        value={yamlText}
                        minHeight="400px"
                        onChange={(value: string) => {
                          onYamlChange(value);
                        }}
                      />
                    </div>
                  </Suspense>
                </>
              )}
              <ImpactSummary impact={impact} />
              {serverError ? (
                <Alert
                  variant="danger"
                  isInline
                  title={
                    statusOf(serverError) === undefined
                      ? t('The KataConfig was not created')
                      : t('The KataConfig was not created (HTTP {{status}})', {
                          status: statusOf(serverError),
                        })
                  }
                  data-test="server-error"
                >
                  {errorMessage(serverError) ?? t('Unknown error')}
                </Alert>
              ) : null}
              <ActionGroup>
                <Button
                  type="submit"
                  variant="primary"
                  isDisabled={blocked || submitting || !data.canCreate}
                  isLoading={submitting}
                  data-test="create-submit"
                >
                  {t('Create')}
                </Button>
                <Button
                  variant="link"
                  onClick={() => void navigate(kataConfigListPath())}
                  data-test="create-cancel"
                >
                  {t('Cancel')}
                </Button>
              </ActionGroup>
            </Form>
          </>
        )}
      </PageSection>
    </>
  );
};

export default KataConfigCreatePage;
