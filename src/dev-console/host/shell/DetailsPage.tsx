/**
 * Console's default details page for a kind with no `console.page/resource/details` extension:
 * breadcrumbs, the title with the model's badge, the actions menu from
 * `console.action/resource-provider`, and horizontal tabs (Details, YAML, then every matching
 * `console.tab/horizontalNav`) at `<details path>/<tab href>`.
 */
import type {
  HorizontalNavTab,
  K8sModel,
  K8sResourceCommon,
  PageComponentProps,
} from '@openshift-console/dynamic-plugin-sdk';
import { isHorizontalNavTab } from '@openshift-console/dynamic-plugin-sdk/lib/extensions/horizontal-nav-tabs';
import { getGroupVersionKindForModel } from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/k8s-ref';
import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/hooks/useK8sWatchResource';
import { useResolvedExtensions } from '@openshift/dynamic-plugin-sdk';
import {
  Alert,
  Breadcrumb,
  BreadcrumbItem,
  CodeBlock,
  CodeBlockCode,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FlexItem,
  Label,
  PageSection,
  Tab,
  TabTitleText,
  Tabs,
  Title,
} from '@patternfly/react-core';
import { dump } from 'js-yaml';
import type { ComponentType } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { DocumentTitle, Timestamp } from '../sdk/components';
import { listPath, resourcePath } from '../paths';
import { ResourceActions } from './Actions';
import { ExtensionErrorBoundary } from './ExtensionErrorBoundary';
import type { DetailsTab } from './extensionLogic';
import { selectTab, tabPath } from './extensionLogic';
import { matchesModel } from './models';
import { errorText, Loading } from './common';

const TAB_CONTENT = 'horizontal-nav-content';

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

const YamlTabContent: TabComponent = ({ obj }) => (
  <CodeBlock aria-label="YAML" data-test="resource-yaml">
    <CodeBlockCode>{dump(obj, { noRefs: true, lineWidth: -1 })}</CodeBlockCode>
  </CodeBlock>
);

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
  const [extensionTabs] = useResolvedExtensions<HorizontalNavTab>(isHorizontalNavTab);
  const navigate = useNavigate();
  const rest = useParams()['*'] ?? '';
  const tabs: DetailsTab<TabComponent>[] = [
    { name: 'Details', href: '', component: DetailsTabContent },
    { name: 'YAML', href: 'yaml', component: YamlTabContent },
    ...extensionTabs
      .filter((tab) => matchesModel(model, tab.properties.model))
      .map((tab) => ({ ...tab.properties.page, component: tab.properties.component })),
  ];
  const selected = selectTab(tabs, rest);
  const base = resourcePath(model, name, namespace);
  const Selected = selected?.component;
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
      <Tabs
        activeKey={selected?.href ?? -1}
        onSelect={(_event, key) => void navigate(tabPath(base, String(key)))}
        aria-label={`${model.label} tabs`}
        data-test="horizontal-nav"
        inset={{ default: 'insetMd' }}
      >
        {tabs.map((tab) => (
          <Tab
            key={tab.href}
            eventKey={tab.href}
            title={<TabTitleText>{tab.name}</TabTitleText>}
            data-test={`horizontal-link-${tab.name}`}
            tabContentId={TAB_CONTENT}
          />
        ))}
      </Tabs>
      <PageSection
        hasBodyWrapper={false}
        id={TAB_CONTENT}
        role="tabpanel"
        aria-label={selected?.name}
      >
        {error ? (
          <Alert variant="danger" isInline title={`${model.label} ${name} could not be loaded`}>
            {errorText(error)}
          </Alert>
        ) : !loaded ? (
          <Loading />
        ) : Selected ? (
          <ExtensionErrorBoundary key={selected.href}>
            <Selected obj={object} params={paramsOf(name, namespace)} />
          </ExtensionErrorBoundary>
        ) : (
          <Alert variant="warning" isInline title="404: Not Found" data-test="not-found">
            {`${model.label} has no tab ${rest}`}
          </Alert>
        )}
      </PageSection>
    </>
  );
};

const paramsOf = (name: string, namespace?: string) => ({
  name,
  ...(namespace ? { ns: namespace } : {}),
});
