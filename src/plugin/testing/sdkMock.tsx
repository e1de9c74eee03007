/**
 * Jest stand-in for `@openshift-console/dynamic-plugin-sdk`.
 *
 * The real SDK only works inside console, through module federation, so tests replace
 * it. Every stub is typed `typeof SDK.X`: when the SDK's signature changes, the stub
 * stops compiling. Hooks are `jest.fn()` so each test decides what the API returns.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';

export const useK8sWatchResource = jest.fn() as jest.MockedFunction<typeof SDK.useK8sWatchResource>;
export const useAccessReview = jest.fn() as jest.MockedFunction<typeof SDK.useAccessReview>;

export const DocumentTitle: typeof SDK.DocumentTitle = ({ children }) => (
  <span data-test="document-title">{children}</span>
);

export const ListPageHeader: typeof SDK.ListPageHeader = ({ title, children }) => (
  <header>
    <h1>{title}</h1>
    {children}
  </header>
);

export const ListPageBody: typeof SDK.ListPageBody = ({ children }) => <main>{children}</main>;

export const ResourceLink: typeof SDK.ResourceLink = ({ name, groupVersionKind, dataTest }) => (
  <a
    data-test={dataTest ?? `resource-link-${name ?? ''}`}
    href={`/k8s/cluster/${groupVersionKind?.group ?? 'core'}~${groupVersionKind?.version ?? ''}~${
      groupVersionKind?.kind ?? ''
    }/${name ?? ''}`}
  >
    {name}
  </a>
);

export const Timestamp: typeof SDK.Timestamp = ({ timestamp }) => (
  <time dateTime={timestamp}>{timestamp}</time>
);

const status = (kind: string): typeof SDK.SuccessStatus => {
  const Status: typeof SDK.SuccessStatus = ({ title, children }) => (
    <span data-test={`status-${kind}`}>
      {title}
      {children ? <span>{children}</span> : null}
    </span>
  );
  Status.displayName = `${kind}Status`;
  return Status;
};
export const SuccessStatus = status('success');
export const ProgressStatus = status('progress');
export const ErrorStatus = status('error');
export const InfoStatus = status('info');
export const StatusIconAndText: typeof SDK.StatusIconAndText = ({ title, icon }) => (
  <span data-test="status-icon-and-text">
    {icon}
    {title}
  </span>
);
export const YellowExclamationTriangleIcon: typeof SDK.YellowExclamationTriangleIcon = () => (
  <span data-test="warning-icon" />
);
