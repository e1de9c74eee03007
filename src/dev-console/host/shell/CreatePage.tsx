/**
 * `<list path>/~new`, as console: a matching `console.resource/create` component when a plugin
 * provides one, otherwise a YAML create page starting from the kind's `console.yaml-template`
 * named `default` (or console's generic template), which creates the object and opens it.
 */
import type { CreateResource, K8sModel, YAMLTemplate } from '@openshift-console/dynamic-plugin-sdk';
import { isCreateResource } from '@openshift-console/dynamic-plugin-sdk/lib/extensions/create-resource';
import { isYAMLTemplate } from '@openshift-console/dynamic-plugin-sdk/lib/extensions/yaml-templates';
import { useResolvedExtensions } from '@openshift/dynamic-plugin-sdk';
import { PageSection } from '@patternfly/react-core';
import { dump, load } from 'js-yaml';
import { DocumentTitle } from '../sdk/components';
import { YamlEditorPanel } from '../sdk/ResourceYAMLEditor';
import { ExtensionErrorBoundary } from './ExtensionErrorBoundary';
import { Loading } from './common';
import { matchesModel } from './models';

/** Console's generic template for a kind without a `default` `console.yaml-template`. */
const genericTemplate = (model: K8sModel): string =>
  dump({
    apiVersion: model.apiGroup ? `${model.apiGroup}/${model.apiVersion}` : model.apiVersion,
    kind: model.kind,
    metadata: { name: 'example' },
  });

/** The template's text, in the URL's namespace for a namespaced kind. */
const templateIn = (template: string, model: K8sModel, namespace?: string): string => {
  if (!model.namespaced || !namespace) return template;
  const object = load(template) as { metadata?: Record<string, unknown> };
  return dump({ ...object, metadata: { ...(object.metadata ?? {}), namespace } });
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
  const title = `Create ${model.label}`;
  return (
    <>
      <DocumentTitle>{title}</DocumentTitle>
      <PageSection hasBodyWrapper={false}>
        <YamlEditorPanel
          key={template?.uid ?? 'generic'}
          initialResource={templateIn(
            template?.properties.template ?? genericTemplate(model),
            model,
            namespace,
          )}
          header={title}
          create
        />
      </PageSection>
    </>
  );
};
