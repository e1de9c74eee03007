/**
 * Console's cluster dashboards at `/dashboards[/<tab>]`: the Overview tab (`home`) and every
 * `console.dashboards/tab`, each showing the `console.dashboards/card` extensions for that tab in
 * console's three columns (LEFT, MAIN, RIGHT), in extension order, with each card's `span`.
 */
import type { DashboardsCard, DashboardsTab } from '@openshift-console/dynamic-plugin-sdk';
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
  Tab,
  TabTitleText,
  Tabs,
  Title,
} from '@patternfly/react-core';
import { useNavigate, useParams } from 'react-router';
import { DocumentTitle } from '../sdk/components';
import { ExtensionErrorBoundary } from './ExtensionErrorBoundary';
import type { CardPosition } from './extensionLogic';
import { dashboardColumns } from './extensionLogic';
import { Loading } from './common';

const TAB_CONTENT = 'dashboard-content';

const COLUMN_SPAN: Record<CardPosition, 3 | 6> = { LEFT: 3, MAIN: 6, RIGHT: 3 };

export const Dashboards = () => {
  const { tab = 'home' } = useParams();
  const navigate = useNavigate();
  const tabs = useExtensions<DashboardsTab>(isDashboardsTab);
  const [cards, resolved] = useResolvedExtensions<DashboardsCard>(isDashboardsCard);
  const allTabs = [{ id: 'home', title: 'Overview' }, ...tabs.map((t) => t.properties)];
  const current = allTabs.find((t) => t.id === tab);
  const columns = dashboardColumns(
    cards.map((card) => ({ ...card.properties, uid: card.uid })),
    tab,
  );
  return (
    <>
      <DocumentTitle>{current?.title ?? 'Overview'}</DocumentTitle>
      <PageSection hasBodyWrapper={false}>
        <Title headingLevel="h1" data-test="page-heading">
          Overview
        </Title>
      </PageSection>
      <Tabs
        activeKey={tab}
        onSelect={(_event, key) =>
          void navigate(key === 'home' ? '/dashboards' : `/dashboards/${String(key)}`)
        }
        aria-label="Dashboards"
        inset={{ default: 'insetMd' }}
      >
        {allTabs.map((t) => (
          <Tab
            key={t.id}
            eventKey={t.id}
            title={<TabTitleText>{t.title}</TabTitleText>}
            tabContentId={TAB_CONTENT}
          />
        ))}
      </Tabs>
      <PageSection
        hasBodyWrapper={false}
        id={TAB_CONTENT}
        role="tabpanel"
        aria-label={current?.title}
      >
        {!current ? (
          <EmptyState titleText="404: Not Found" headingLevel="h2" data-test="not-found">
            <EmptyStateBody>No dashboard tab {tab}.</EmptyStateBody>
          </EmptyState>
        ) : !resolved ? (
          <Loading />
        ) : columns.LEFT.length + columns.MAIN.length + columns.RIGHT.length === 0 ? (
          <EmptyState titleText="No dashboard cards" headingLevel="h2" data-test="dashboard-empty">
            <EmptyStateBody>No plugin adds a card to this dashboard.</EmptyStateBody>
          </EmptyState>
        ) : (
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
        )}
      </PageSection>
    </>
  );
};
