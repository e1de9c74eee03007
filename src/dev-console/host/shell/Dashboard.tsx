/**
 * Console's cluster dashboards at `/dashboards[/<tab>]`: the Overview tab (`home`, at
 * `/dashboards`) and every `console.dashboards/tab`, as HorizontalNav tabs (the same tab shell as
 * details pages), each showing the `console.dashboards/card` extensions for that tab in console's
 * three columns (LEFT, MAIN, RIGHT), in extension order, with each card's `span`.
 */
import type { DashboardsCard, DashboardsTab, NavPage } from '@openshift-console/dynamic-plugin-sdk';
import {
  isDashboardsCard,
  isDashboardsTab,
} from '@openshift-console/dynamic-plugin-sdk/lib/extensions/dashboards';
import { useExtensions, useResolvedExtensions } from '@openshift/dynamic-plugin-sdk';
import {
  EmptyState,
  EmptyStateBody,
  Grid,
  GridItem,
  PageSection,
  Title,
} from '@patternfly/react-core';
import { useMemo } from 'react';
import { useParams } from 'react-router';
import { DocumentTitle } from '../sdk/components';
import { translateExtensionString } from '../i18n';
import { HorizontalNav } from '../sdk/HorizontalNav';
import { ExtensionErrorBoundary } from './ExtensionErrorBoundary';
import type { CardPosition } from './extensionLogic';
import { dashboardColumns } from './extensionLogic';
import { Loading } from './common';

const HOME = 'home';

/** The dashboard tab a URL's rest after `/dashboards/` names; `/dashboards` is the Overview. */
const tabOf = (rest: string | undefined): string => {
  const [first = ''] = (rest ?? '').split('/');
  return first === '' ? HOME : first;
};

const COLUMN_SPAN: Record<CardPosition, 3 | 6> = { LEFT: 3, MAIN: 6, RIGHT: 3 };

/** The cards of the tab in the URL (`/dashboards` is the Overview, `home`). */
const DashboardCards = () => {
  const tab = tabOf(useParams()['*']);
  const [cards, resolved] = useResolvedExtensions<DashboardsCard>(isDashboardsCard);
  const columns = dashboardColumns(
    cards.map((card) => ({ ...card.properties, uid: card.uid })),
    tab,
  );
  if (!resolved) return <Loading />;
  if (columns.LEFT.length + columns.MAIN.length + columns.RIGHT.length === 0) {
    return (
      <EmptyState titleText="No dashboard cards" headingLevel="h2" data-test="dashboard-empty">
        <EmptyStateBody>No plugin adds a card to this dashboard.</EmptyStateBody>
      </EmptyState>
    );
  }
  return (
    <Grid hasGutter data-test="dashboard-grid">
      {(['LEFT', 'MAIN', 'RIGHT'] as const).map((position) => (
        <GridItem
          key={position}
          lg={COLUMN_SPAN[position]}
          data-test={`dashboard-${position.toLowerCase()}`}
        >
          <Grid hasGutter>
            {columns[position].map(({ uid, component: Card, span }) => (
              <GridItem key={uid} span={span ?? 12}>
                <ExtensionErrorBoundary>
                  <Card />
                </ExtensionErrorBoundary>
              </GridItem>
            ))}
          </Grid>
        </GridItem>
      ))}
    </Grid>
  );
};

export const Dashboards = () => {
  const tab = tabOf(useParams()['*']);
  const tabs = useExtensions<DashboardsTab>(isDashboardsTab);
  const pages: NavPage[] = useMemo(
    () => [
      { href: '', name: 'Overview', component: DashboardCards },
      ...tabs.map((t) => ({
        href: t.properties.id,
        name: translateExtensionString(t.properties.title),
        component: DashboardCards,
      })),
    ],
    [tabs],
  );
  const title = tabs.find((t) => t.properties.id === tab)?.properties.title;
  const current = title ? translateExtensionString(title) : 'Overview';
  return (
    <>
      <DocumentTitle>{current}</DocumentTitle>
      <PageSection hasBodyWrapper={false}>
        <Title headingLevel="h1" data-test="page-heading">
          Overview
        </Title>
      </PageSection>
      <HorizontalNav pages={pages} />
    </>
  );
};
