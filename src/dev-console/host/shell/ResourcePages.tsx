/**
 * Console's resource routes: `console.page/resource/list|details` extensions when one matches the
 * kind, otherwise a generic list and console's default details page (DetailsPage.tsx); `~new`
 * goes to the create page (CreatePage.tsx).
 */
import type {
  ExtensionK8sModel,
  K8sModel,
  K8sResourceCommon,
  ResourceDetailsPage,
  ResourceListPage,
} from '@openshift-console/dynamic-plugin-sdk';
import {
  isResourceDetailsPage,
  isResourceListPage,
} from '@openshift-console/dynamic-plugin-sdk/lib/extensions/pages';
import { getGroupVersionKindForModel } from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/k8s-ref';
import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/hooks/useK8sWatchResource';
import { useResolvedExtensions } from '@openshift/dynamic-plugin-sdk';
import { Alert, EmptyState, EmptyStateBody, PageSection } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useParams } from 'react-router';
import { DocumentTitle, ListPageHeader, ResourceLink, Timestamp } from '../sdk/components';
import { errorText, Loading } from './common';
import { CreateRoute } from './CreatePage';
import { GenericDetails } from './DetailsPage';
import { ExtensionErrorBoundary } from './ExtensionErrorBoundary';
import type { ModelIndex } from './models';
import { matchesModel, modelForRef } from './models';

const NoSuchKind = ({ reference }: { reference: string }) => (
  <PageSection>
    <EmptyState titleText="404: Not Found" headingLevel="h1" data-test="not-found">
      <EmptyStateBody>The cluster does not serve {reference}.</EmptyStateBody>
    </EmptyState>
  </PageSection>
);

const GenericList = ({ model, namespace }: { model: K8sModel; namespace?: string }) => {
  const watch: [K8sResourceCommon[], boolean, unknown] = useK8sWatchResource<K8sResourceCommon[]>({
    groupVersionKind: getGroupVersionKindForModel(model),
    isList: true,
    ...(namespace ? { namespace } : {}),
  });
  const [items, loaded, error] = watch;
  const plural = model.labelPlural;
  return (
    <>
      <DocumentTitle>{plural}</DocumentTitle>
      <ListPageHeader title={plural} />
      <PageSection hasBodyWrapper={false}>
        {error ? (
          <Alert variant="danger" isInline title={`${plural} could not be loaded`}>
            {errorText(error)}
          </Alert>
        ) : !loaded ? (
          <Loading />
        ) : (
          <Table aria-label={plural} variant="compact" data-test="generic-list">
            <Thead>
              <Tr>
                <Th>Name</Th>
                {model.namespaced ? <Th>Namespace</Th> : null}
                <Th>Created</Th>
              </Tr>
            </Thead>
            <Tbody>
              {[...items]
                .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))
                .map((item) => (
                  <Tr key={`${item.metadata?.namespace ?? ''}/${item.metadata?.name ?? ''}`}>
                    <Td dataLabel="Name">
                      <ResourceLink
                        groupVersionKind={getGroupVersionKindForModel(model)}
                        name={item.metadata?.name}
                        namespace={item.metadata?.namespace}
                      />
                    </Td>
                    {model.namespaced ? (
                      <Td dataLabel="Namespace">{item.metadata?.namespace}</Td>
                    ) : null}
                    <Td dataLabel="Created">
                      <Timestamp timestamp={item.metadata?.creationTimestamp} />
                    </Td>
                  </Tr>
                ))}
            </Tbody>
          </Table>
        )}
      </PageSection>
    </>
  );
};

/**
 * The props console gives resource page extensions. Console passes `namespace: undefined` for
 * cluster-scoped kinds although the SDK types it as a string; the host does the same.
 */
const pageProps = (model: K8sModel, namespace: string | undefined) =>
  ({
    model: { group: model.apiGroup ?? 'core', version: model.apiVersion, kind: model.kind },
    namespace,
  }) as { namespace: string; model: ExtensionK8sModel };

export const ResourceListRoute = ({ index }: { index: ModelIndex }) => {
  const { plural: ref = '', ns } = useParams();
  const model = modelForRef(index.models, ref);
  const [pages, resolved] = useResolvedExtensions<ResourceListPage>(isResourceListPage);
  if (!index.loaded || !resolved) return <Loading />;
  if (!model) return <NoSuchKind reference={ref} />;
  const page = pages.find((p) => matchesModel(model, p.properties.model));
  if (page) {
    const Component = page.properties.component;
    return (
      <ExtensionErrorBoundary key={page.uid}>
        <Component {...pageProps(model, ns)} />
      </ExtensionErrorBoundary>
    );
  }
  return <GenericList model={model} {...(ns ? { namespace: ns } : {})} />;
};

export const ResourceDetailsRoute = ({ index }: { index: ModelIndex }) => {
  const { plural: ref = '', ns, name = '' } = useParams();
  const model = modelForRef(index.models, ref);
  const [pages, resolved] = useResolvedExtensions<ResourceDetailsPage>(isResourceDetailsPage);
  if (!index.loaded || !resolved) return <Loading />;
  if (!model) return <NoSuchKind reference={ref} />;
  if (name === '~new') return <CreateRoute model={model} {...(ns ? { namespace: ns } : {})} />;
  const page = pages.find((p) => matchesModel(model, p.properties.model));
  if (page) {
    const Component = page.properties.component;
    return (
      <ExtensionErrorBoundary key={page.uid}>
        <Component {...pageProps(model, ns)} />
      </ExtensionErrorBoundary>
    );
  }
  return <GenericDetails model={model} name={name} {...(ns ? { namespace: ns } : {})} />;
};
