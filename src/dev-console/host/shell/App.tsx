/** The console-like shell: masthead, admin navigation, and the page area with console's routes. */
import type { RoutePage } from '@openshift-console/dynamic-plugin-sdk';
import { OverlayProvider } from '@openshift-console/dynamic-plugin-sdk/lib/app/modal-support/OverlayProvider';
import { isRoutePage } from '@openshift-console/dynamic-plugin-sdk/lib/extensions/pages';
import { usePluginInfo, useResolvedExtensions } from '@openshift/dynamic-plugin-sdk';
import {
  Alert,
  Content,
  EmptyState,
  EmptyStateBody,
  List,
  ListItem,
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadMain,
  Page,
  PageSection,
  PageSidebar,
  PageSidebarBody,
  Switch,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { Suspense, useState } from 'react';
import { Route, Routes } from 'react-router';
import { DocumentTitle, PRODUCT_NAME } from '../sdk/components';
import type { HostStore } from '../store';
import { Dashboards } from './Dashboard';
import { ExtensionErrorBoundary } from './ExtensionErrorBoundary';
import { FlagsController } from './FlagsController';
import { useModelIndex } from './models';
import { Navigation } from './Navigation';
import { ResourceDetailsRoute, ResourceListRoute } from './ResourcePages';
import { routePaths } from './extensionLogic';

const DARK_CLASS = 'pf-v6-theme-dark';

const ThemeSwitch = () => {
  const [dark, setDark] = useState(() => document.documentElement.classList.contains(DARK_CLASS));
  return (
    <Switch
      id="dev-console-theme"
      label="Dark theme"
      isChecked={dark}
      onChange={(_event, checked) => {
        document.documentElement.classList.toggle(DARK_CLASS, checked);
        setDark(checked);
      }}
    />
  );
};

const Header = ({ user }: { user: string }) => (
  <Masthead>
    <MastheadMain>
      <MastheadBrand>
        <Title headingLevel="h2" size="lg">
          {PRODUCT_NAME}
        </Title>
      </MastheadBrand>
    </MastheadMain>
    <MastheadContent>
      <Toolbar isFullHeight>
        <ToolbarContent>
          <ToolbarItem align={{ default: 'alignEnd' }}>
            <ThemeSwitch />
          </ToolbarItem>
          <ToolbarItem data-test="user-name">{user}</ToolbarItem>
        </ToolbarContent>
      </Toolbar>
    </MastheadContent>
  </Masthead>
);

const Overview = ({ discoveryError }: { discoveryError: string | null }) => {
  const plugins = usePluginInfo();
  return (
    <>
      <DocumentTitle>Overview</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">Overview</Title>
        <Content component="p">
          The plugin is loaded from /api/plugins/ exactly as console 4.22 loads it; the API is
          proxied from /api/kubernetes.
        </Content>
        {discoveryError ? (
          <Alert variant="danger" isInline title="The Kubernetes API cannot be reached">
            {discoveryError}
          </Alert>
        ) : null}
        <Title headingLevel="h2">Plugins</Title>
        <List data-test="plugin-list">
          {plugins.map((plugin) => (
            <ListItem key={plugin.manifest.name} data-test={`plugin-${plugin.manifest.name}`}>
              {plugin.manifest.name} {plugin.manifest.version}: {plugin.status}
              {plugin.status === 'failed' ? ` (${plugin.errorMessage})` : ''}
            </ListItem>
          ))}
        </List>
      </PageSection>
    </>
  );
};

const NotFound = () => (
  <PageSection>
    <EmptyState titleText="404: Page Not Found" headingLevel="h1" data-test="not-found">
      <EmptyStateBody>No page or plugin route matches this address.</EmptyStateBody>
    </EmptyState>
  </PageSection>
);

interface AppProps {
  store: HostStore;
  user: string;
  discoveryError: string | null;
}

export const App = ({ store, user, discoveryError }: AppProps) => {
  const index = useModelIndex();
  const [routePages] = useResolvedExtensions<RoutePage>(isRoutePage);
  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>
        <Navigation index={index} />
      </PageSidebarBody>
    </PageSidebar>
  );
  const list = <ResourceListRoute index={index} />;
  const details = <ResourceDetailsRoute index={index} />;
  // The shell has the admin perspective only; React Router ranks a plugin's static segments above
  // the generic `:plural/:name` resource routes, so `/k8s/cluster/<ref>/:name/uninstall` wins.
  const pluginRoutes = routePages.filter(
    (page) => !page.properties.perspective || page.properties.perspective === 'admin',
  );
  return (
    <Page masthead={<Header user={user} />} sidebar={sidebar} isManagedSidebar>
      <FlagsController store={store} />
      <OverlayProvider>
        <Suspense fallback={null}>
          <Routes>
            <Route path="/" element={<Overview discoveryError={discoveryError} />} />
            <Route path="/dashboards/*" element={<Dashboards />} />
            <Route path="/k8s/cluster/:plural" element={list} />
            <Route path="/k8s/cluster/:plural/:name/*" element={details} />
            <Route path="/k8s/all-namespaces/:plural" element={list} />
            <Route path="/k8s/ns/:ns/:plural" element={list} />
            <Route path="/k8s/ns/:ns/:plural/:name/*" element={details} />
            {pluginRoutes.flatMap((page) =>
              routePaths(page.properties.path, page.properties.exact).map((path) => {
                const Component = page.properties.component;
                return (
                  <Route
                    key={`${page.uid}${path}`}
                    path={path}
                    element={
                      <ExtensionErrorBoundary>
                        <Component />
                      </ExtensionErrorBoundary>
                    }
                  />
                );
              }),
            )}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </OverlayProvider>
    </Page>
  );
};
