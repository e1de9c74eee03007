/**
 * SDK components whose console implementation lives in console's source tree (the npm package
 * only `require`s `@console/internal/...` for them), written here after console's markup.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { useK8sModel } from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/hooks/useK8sModel';
import { Flex, FlexItem, PageSection, Title, Tooltip } from '@patternfly/react-core';
import { GlobeAmericasIcon } from '@patternfly/react-icons';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { resourcePath } from '../paths';

export const PRODUCT_NAME = 'Dev console';

const possiblyMissing = <T,>(value: T): T | undefined => value;

export const DocumentTitle: typeof SDK.DocumentTitle = ({ children }) => {
  useEffect(() => {
    document.title = `${children} · ${PRODUCT_NAME}`;
  }, [children]);
  return null;
};

export const ListPageHeader: typeof SDK.ListPageHeader = ({
  title,
  badge,
  children,
  helpAlert,
  helpText,
}) => (
  <PageSection hasBodyWrapper={false}>
    <Flex
      justifyContent={{ default: 'justifyContentSpaceBetween' }}
      alignItems={{ default: 'alignItemsCenter' }}
    >
      {title ? (
        <FlexItem>
          <Title headingLevel="h1" data-test="page-heading">
            {title}
          </Title>
        </FlexItem>
      ) : null}
      {badge ? <FlexItem>{badge}</FlexItem> : null}
      {children ? <FlexItem data-test="list-page-actions">{children}</FlexItem> : null}
    </Flex>
    {helpText ? <p>{helpText}</p> : null}
    {helpAlert}
  </PageSection>
);

/** The model for a `groupVersionKind` or a (deprecated) reference string, once discovery has it. */
const useModelOf = (reference: SDK.K8sGroupVersionKind | string | undefined) => {
  const [found] = useK8sModel(reference);
  // The SDK types the model as always present; it is undefined until discovery knows the kind.
  return possiblyMissing(found);
};

/**
 * Console's resource icon: the model's abbreviation in a badge, in the model's
 * `console.model-metadata` color when it has one.
 */
export const ResourceIcon: typeof SDK.ResourceIcon = (props) => {
  const { groupVersionKind, className } = props;
  // `kind` (a reference string) is deprecated but still accepted, as in console.
  const { kind } = props as { kind?: string };
  const model = useModelOf(groupVersionKind ?? kind);
  const kindName = model?.kind ?? groupVersionKind?.kind ?? kind?.split('~').pop() ?? '';
  const abbr = model?.abbr ?? kindName.slice(0, 3).toUpperCase();
  return (
    <span
      className={`pf-v6-c-label pf-m-compact pf-m-blue${className ? ` ${className}` : ''}`}
      title={kindName}
      data-test={`resource-icon-${kindName}`}
      style={model?.color ? { backgroundColor: model.color } : undefined}
    >
      <span className="pf-v6-c-label__content">{abbr}</span>
    </span>
  );
};

export const ResourceLink: typeof SDK.ResourceLink = (props) => {
  const {
    groupVersionKind,
    name,
    namespace,
    displayName,
    className,
    inline,
    linkTo = true,
    hideIcon,
    title,
    dataTest,
    onClick,
    nameSuffix,
    children,
  } = props;
  // `kind` (a reference string) is deprecated but still accepted, as in console.
  const { kind } = props as { kind?: string };
  const model = useModelOf(groupVersionKind ?? kind);
  const iconProps: object = groupVersionKind ? { groupVersionKind } : { kind };
  const label = displayName ?? name;
  const path = model && name ? resourcePath(model, name, namespace) : null;
  return (
    <span
      className={className}
      style={{ display: inline ? 'inline-flex' : 'flex', alignItems: 'center', gap: '0.25rem' }}
      data-test-id={name}
    >
      {hideIcon ? null : <ResourceIcon {...iconProps} />}
      {linkTo && path ? (
        <Link to={path} title={title} data-test={dataTest ?? name} onClick={onClick}>
          {label}
          {nameSuffix}
        </Link>
      ) : (
        <span title={title} data-test={dataTest ?? name}>
          {label}
          {nameSuffix}
        </span>
      )}
      {children}
    </span>
  );
};

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const utcFormat = new Intl.DateTimeFormat('en', {
  dateStyle: 'medium',
  timeStyle: 'long',
  timeZone: 'UTC',
});

export const Timestamp: typeof SDK.Timestamp = ({ timestamp, simple, className }) => {
  const date = timestamp ? new Date(timestamp) : null;
  if (!date || Number.isNaN(date.getTime())) return <>-</>;
  const text = dateFormat.format(date);
  if (simple) return <span className={className}>{text}</span>;
  return (
    <Tooltip content={utcFormat.format(date)}>
      <span className={className} data-test="timestamp" tabIndex={0}>
        <GlobeAmericasIcon /> {text}
      </span>
    </Tooltip>
  );
};
