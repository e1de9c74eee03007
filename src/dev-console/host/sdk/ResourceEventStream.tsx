/**
 * The SDK's ResourceEventStream: the core/v1 Events whose involvedObject is the resource (console's
 * field selector on uid, name and kind), watched live, newest first. Events of a cluster-scoped
 * object are looked for in every namespace, as console does.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/hooks/useK8sWatchResource';
import { YellowExclamationTriangleIcon } from '@openshift-console/dynamic-plugin-sdk/lib/app/components/status/icons';
import {
  Alert,
  Content,
  DataList,
  DataListCell,
  DataListItem,
  DataListItemCells,
  DataListItemRow,
  EmptyState,
  EmptyStateBody,
  Flex,
  FlexItem,
  Spinner,
} from '@patternfly/react-core';
import { Timestamp } from './components';
import type { EventLike } from './sdkLogic';
import { eventsFieldSelector, eventTime, sortEventsNewestFirst } from './sdkLogic';

interface EventKind extends EventLike {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === 'string' ? error : 'Unknown error';

export const ResourceEventStream: typeof SDK.ResourceEventStream = ({ resource }) => {
  const namespace = resource.metadata?.namespace;
  const watch: [EventKind[], boolean, unknown] = useK8sWatchResource<EventKind[]>({
    groupVersionKind: { version: 'v1', kind: 'Event' },
    isList: true,
    fieldSelector: eventsFieldSelector(resource),
    ...(namespace ? { namespace } : {}),
  });
  const [events, loaded, error] = watch;
  if (error) {
    return (
      <Alert variant="danger" isInline title="Events could not be loaded" data-test="events-error">
        {messageOf(error)}
      </Alert>
    );
  }
  if (!loaded) return <Spinner size="lg" aria-label="Loading events" />;
  const sorted = sortEventsNewestFirst(events);
  return (
    <Flex direction={{ default: 'column' }} data-test="resource-events">
      <FlexItem>
        <Content component="small" data-test="events-streaming">
          Streaming events...
        </Content>
      </FlexItem>
      {sorted.length === 0 ? (
        <EmptyState titleText="No events" headingLevel="h3" data-test="events-empty">
          <EmptyStateBody>
            {`There are no events for ${resource.metadata?.name ?? 'this resource'}.`}
          </EmptyStateBody>
        </EmptyState>
      ) : (
        <DataList aria-label="Events" isCompact>
          {sorted.map((event) => (
            <DataListItem key={event.metadata?.uid ?? event.metadata?.name} data-test="event">
              <DataListItemRow>
                <DataListItemCells
                  dataListCells={[
                    <DataListCell key="what" width={3}>
                      <Flex spaceItems={{ default: 'spaceItemsSm' }}>
                        {event.type === 'Warning' ? (
                          <FlexItem>
                            <YellowExclamationTriangleIcon title="Warning" />
                          </FlexItem>
                        ) : null}
                        <FlexItem>
                          <strong data-test="event-reason">{event.reason}</strong>
                        </FlexItem>
                        <FlexItem>
                          <Content component="small">
                            {`Generated from ${event.source?.component ?? event.reportingComponent ?? 'unknown'}`}
                            {event.count && event.count > 1 ? `, ${event.count} times` : ''}
                          </Content>
                        </FlexItem>
                      </Flex>
                      <div data-test="event-message">{event.message}</div>
                    </DataListCell>,
                    <DataListCell key="when" width={1}>
                      <Timestamp timestamp={eventTime(event)} />
                    </DataListCell>,
                  ]}
                />
              </DataListItemRow>
            </DataListItem>
          ))}
        </DataList>
      )}
    </Flex>
  );
};
