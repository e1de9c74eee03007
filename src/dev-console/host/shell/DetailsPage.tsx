/**
 * Console's default details page for a kind with no `console.page/resource/details` extension:
 * breadcrumbs, the title with the model's badge, the actions menu from
 * `console.action/resource-provider`, and the SDK's HorizontalNav with Details, YAML (the
 * ResourceYAMLEditor) and Events (the ResourceEventStream), then every matching
 * `console.tab/horizontalNav` at `<details path>/<tab href>`.
 */
import type {
  K8sModel,
  K8sResourceCommon,
  NavPage,
  PageComponentProps,
} from '@openshift-console/dynamic-plugin-sdk';
import { getGroupVersionKindForModel } from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/k8s-ref';
import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/hooks/useK8sWatchResource';
import {
  Alert,
  Breadcrumb,
  BreadcrumbItem,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FlexItem,
  Label,
  PageSection,
  Title,
} from '@patternfly/react-core';
import type { ComponentType } from 'react';
import { Link } from 'react-router';
import { DocumentTitle, Timestamp } from '../sdk/components';
import { HorizontalNav } from '../sdk/HorizontalNav';
import { ResourceEventStream } from '../sdk/ResourceEventStream';
import { ResourceYAMLEditor } from '../sdk/ResourceYAMLEditor';
import { listPath } from '../paths';
import { ResourceActions } from './Actions';
import { errorText, Loading } from './common';

type TabComponent = ComponentType<PageComponentProps>;

const DetailsTabContent: TabComponent = ({ obj }) => (
  <DescriptionList data-test="resource-summary">
    <DescriptionListGroup>
      <DescriptionListTerm>Name</DescriptionListTerm>
      <DescriptionListDescription>{obj?.metadata?.name}</DescriptionListDescription>
    </DescriptionListGroup>
    {obj?.metadata?.namespace ? (
      <DescriptionListGroup>
        <DescriptionListTerm>Namespace</DescriptionListTerm>
        <DescriptionListDescription>{obj.metadata.namespace}</DescriptionListDescription>
      </DescriptionListGroup>
    ) : null}
    <DescriptionListGroup>
      <DescriptionListTerm>Labels</DescriptionListTerm>
      <DescriptionListDescription>
        {Object.entries(obj?.metadata?.labels ?? {}).map(([key, value]) => (
          <Label key={key} isCompact>{`${key}=${value}`}</Label>
        ))}
      </DescriptionListDescription>
    </DescriptionListGroup>
    <DescriptionListGroup>
      <DescriptionListTerm>Created at</DescriptionListTerm>
      <DescriptionListDescription>
        <Timestamp timestamp={obj?.metadata?.creationTimestamp} />
      </DescriptionListDescription>
    </DescriptionListGroup>
  </DescriptionList>
);

const YamlTabContent: TabComponent = ({ obj }) =>
  obj ? <ResourceYAMLEditor initialResource={obj} /> : null;

const EventsTabContent: TabComponent = ({ obj }) =>
  obj ? <ResourceEventStream resource={obj} /> : null;

const DEFAULT_PAGES: NavPage[] = [
  { name: 'Details', href: '', component: DetailsTabContent },
  { name: 'YAML', href: 'yaml', component: YamlTabContent },
  { name: 'Events', href: 'events', component: EventsTabContent },
];

export const GenericDetails = ({
  model,
  name,
  namespace,
}: {
  model: K8sModel;
  name: string;
  namespace?: string;
}) => {
  const watch: [K8sResourceCommon, boolean, unknown] = useK8sWatchResource<K8sResourceCommon>({
    groupVersionKind: getGroupVersionKindForModel(model),
    name,
    ...(namespace ? { namespace } : {}),
  });
  const [object, loaded, error] = watch;
  return (
    <>
      <DocumentTitle>{`${name} · ${model.label}`}</DocumentTitle>
      <PageSection hasBodyWrapper={false}>
        <Breadcrumb>
          <BreadcrumbItem
            render={() => <Link to={listPath(model, namespace)}>{model.labelPlural}</Link>}
          />
          <BreadcrumbItem isActive>{`${model.label} details`}</BreadcrumbItem>
        </Breadcrumb>
        <Flex
          justifyContent={{ default: 'justifyContentSpaceBetween' }}
          alignItems={{ default: 'alignItemsCenter' }}
        >
          <FlexItem>
            <Title headingLevel="h1" data-test="page-heading">
              {name}
              {model.badge ? (
                <Label isCompact color="orange" data-test="model-badge">
                  {model.badge}
                </Label>
              ) : null}
            </Title>
          </FlexItem>
          {loaded && !error ? (
            <FlexItem>
              <ResourceActions model={model} resource={object} />
            </FlexItem>
          ) : null}
        </Flex>
      </PageSection>
      {error ? (
        <PageSection hasBodyWrapper={false}>
          <Alert variant="danger" isInline title={`${model.label} ${name} could not be loaded`}>
            {errorText(error)}
          </Alert>
        </PageSection>
      ) : !loaded ? (
        <Loading />
      ) : (
        <HorizontalNav resource={object} pages={DEFAULT_PAGES} />
      )}
    </>
  );
};
