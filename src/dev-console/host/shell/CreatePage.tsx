/**
 * `<list path>/~new`, as console: a matching `console.resource/create` component when a plugin
 * provides one, otherwise a YAML create page starting from the kind's `console.yaml-template`
 * named `default` (or console's generic template), which creates the object and opens it.
 */
import type {
  CreateResource,
  K8sModel,
  K8sResourceCommon,
  YAMLTemplate,
} from '@openshift-console/dynamic-plugin-sdk';
import { isCreateResource } from '@openshift-console/dynamic-plugin-sdk/lib/extensions/create-resource';
import { isYAMLTemplate } from '@openshift-console/dynamic-plugin-sdk/lib/extensions/yaml-templates';
import { k8sCreateResource } from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/k8s-resource';
import { useResolvedExtensions } from '@openshift/dynamic-plugin-sdk';
import {
  ActionGroup,
  Alert,
  Button,
  Form,
  PageSection,
  TextArea,
  Title,
} from '@patternfly/react-core';
import { dump, load } from 'js-yaml';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { DocumentTitle } from '../sdk/components';
import { listPath, resourcePath } from '../paths';
import { ExtensionErrorBoundary } from './ExtensionErrorBoundary';
import { errorText, Loading } from './common';
import { matchesModel } from './models';

/** Console's generic template for a kind without a `default` `console.yaml-template`. */
const genericTemplate = (model: K8sModel): string =>
  dump({
    apiVersion: model.apiGroup ? `${model.apiGroup}/${model.apiVersion}` : model.apiVersion,
    kind: model.kind,
    metadata: { name: 'example' },
  });

const YamlCreate = ({
  model,
  template,
  namespace,
}: {
  model: K8sModel;
  template: string;
  namespace?: string;
}) => {
  const [yaml, setYaml] = useState(template);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const data = load(yaml) as K8sResourceCommon;
      if (model.namespaced && namespace) data.metadata = { ...(data.metadata ?? {}), namespace };
      const created = await k8sCreateResource<K8sResourceCommon>({ model, data });
      await navigate(
        resourcePath(model, created.metadata?.name ?? '', created.metadata?.namespace),
      );
    } catch (caught) {
      setError(errorText(caught));
      setBusy(false);
    }
  };
  return (
    <>
      <DocumentTitle>{`Create ${model.label}`}</DocumentTitle>
      <PageSection hasBodyWrapper={false}>
        <Title headingLevel="h1" data-test="page-heading">
          {`Create ${model.label}`}
        </Title>
      </PageSection>
      <PageSection hasBodyWrapper={false}>
        <Form
          onSubmit={(event) => {
            event.preventDefault();
          }}
        >
          <TextArea
            aria-label="YAML"
            data-test="yaml-editor"
            value={yaml}
            onChange={(_event, value) => {
              setYaml(value);
            }}
            rows={Math.max(12, yaml.split('\n').length + 2)}
            resizeOrientation="vertical"
            style={{ fontFamily: 'var(--pf-t--global--font--family--mono)' }}
          />
          {error ? (
            <Alert variant="danger" isInline title="Error" data-test="create-error">
              {error}
            </Alert>
          ) : null}
          <ActionGroup>
            <Button variant="primary" onClick={() => void create()} isDisabled={busy}>
              Create
            </Button>
            <Button variant="link" onClick={() => void navigate(listPath(model, namespace))}>
              Cancel
            </Button>
          </ActionGroup>
        </Form>
      </PageSection>
    </>
  );
};

export const CreateRoute = ({ model, namespace }: { model: K8sModel; namespace?: string }) => {
  const [creates, createsResolved] = useResolvedExtensions<CreateResource>(isCreateResource);
  const [templates, templatesResolved] = useResolvedExtensions<YAMLTemplate>(isYAMLTemplate);
  if (!createsResolved || !templatesResolved) return <Loading />;
  const create = creates.find((c) => matchesModel(model, c.properties.model));
  if (create) {
    const Component = create.properties.component;
    return (
      <ExtensionErrorBoundary key={create.uid}>
        <Component {...(namespace ? { namespace } : {})} />
      </ExtensionErrorBoundary>
    );
  }
  const template = templates.find(
    (t) => t.properties.name === 'default' && matchesModel(model, t.properties.model),
  );
  return (
    <YamlCreate
      key={template?.uid ?? 'generic'}
      model={model}
      template={template?.properties.template ?? genericTemplate(model)}
      {...(namespace ? { namespace } : {})}
    />
  );
};
