/**
 * The SDK's HorizontalNav after console's HorizontalNavFacade: tabs for `pages`, then every
 * `console.tab/horizontalNav` whose model is the resource's (names translated, sorted by name, as
 * console does),
 * routed under the enclosing route's URL: `<base>/<href>`, '' being the default tab. Each page
 * gets console's props: the route params spread and as `params`, `obj` (the resource) and
 * `customData`. The host's own details and dashboard pages use it too.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import type { HorizontalNavTab, NavPage } from '@openshift-console/dynamic-plugin-sdk';
import { isHorizontalNavTab } from '@openshift-console/dynamic-plugin-sdk/lib/extensions/horizontal-nav-tabs';
import { useResolvedExtensions } from '@openshift/dynamic-plugin-sdk';
import { Alert, PageSection, Tab, TabTitleText, Tabs } from '@patternfly/react-core';
import type { ComponentType } from 'react';
import { Suspense, useMemo } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { translateExtensionString } from '../i18n';
import { ExtensionErrorBoundary } from '../shell/ExtensionErrorBoundary';
import {
  referenceForExtensionModel,
  referenceForObject,
  selectPage,
  spreadableParams,
  tabBase,
  tabHref,
} from './sdkLogic';

const TAB_CONTENT = 'horizontal-nav-content';

type PageComponent = ComponentType<Record<string, unknown>>;

export const HorizontalNav: typeof SDK.HorizontalNav = ({ resource, pages, customData }) => {
  const params = useParams();
  const rest = params['*'] ?? '';
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const [extensionTabs, tabsResolved] = useResolvedExtensions<HorizontalNavTab>(isHorizontalNavTab);
  const reference = referenceForObject(resource);
  const allPages: NavPage[] = useMemo(
    () => [
      ...pages,
      ...extensionTabs
        .filter(
          (tab) =>
            reference !== '' && referenceForExtensionModel(tab.properties.model) === reference,
        )
        .map((tab) => ({
          ...tab.properties.page,
          name: translateExtensionString(tab.properties.page.name),
          component: tab.properties.component as ComponentType,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    ],
    [pages, extensionTabs, reference],
  );
  const selected = selectPage(allPages, rest);
  const base = tabBase(pathname, rest);
  const Selected = selected?.component as PageComponent | undefined;
  const linkTo = (href: string | undefined) =>
    tabHref(href) ? `${base.replace(/\/$/, '')}/${encodeURIComponent(tabHref(href))}` : base;
  return (
    <>
      {/* The wrapper keeps the tabs from collapsing in the page's flex column (as console). */}
      <div>
        <Tabs
          activeKey={selected ? tabHref(selected.href) : -1}
          onSelect={(_event, key) => void navigate(linkTo(String(key)))}
          aria-label={resource?.kind ? `${resource.kind} tabs` : 'Tabs'}
          data-test="horizontal-nav"
          inset={{ default: 'insetMd' }}
        >
          {allPages.map((page) => (
            <Tab
              key={page.href ?? page.name}
              eventKey={tabHref(page.href)}
              title={<TabTitleText>{page.name}</TabTitleText>}
              data-test={`horizontal-link-${page.name}`}
              tabContentId={TAB_CONTENT}
            />
          ))}
        </Tabs>
      </div>
      <PageSection
        hasBodyWrapper={false}
        id={TAB_CONTENT}
        role="tabpanel"
        aria-label={selected?.name ?? 'Not found'}
      >
        {Selected && selected ? (
          <ExtensionErrorBoundary key={selected.href ?? selected.name}>
            <Suspense fallback={null}>
              <Selected
                {...spreadableParams(params)}
                obj={resource}
                customData={customData}
                params={params}
              />
            </Suspense>
          </ExtensionErrorBoundary>
        ) : !tabsResolved ? null : (
          // An extension's tab is known only once the extensions are resolved.
          <Alert variant="warning" isInline title="404: Not Found" data-test="not-found">
            {`There is no tab ${decodeURIComponent(rest.split('/')[0] ?? '')}.`}
          </Alert>
        )}
      </PageSection>
    </>
  );
};
