/**
 * Jest stand-in for `@openshift-console/dynamic-plugin-sdk`.
 *
 * The real SDK only works inside console, through module federation, so tests replace
 * it. Every stub is typed `typeof SDK.X`: when the SDK's signature changes, the stub
 * stops compiling. Hooks are `jest.fn()` so each test decides what the API returns.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import type { ComponentType, Ref } from 'react';
import { forwardRef } from 'react';

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

// Host helper: stand-ins for the details-page building blocks (ResourceYAMLEditor, events, tabs,
// overlays, code editors). They render just enough for a test to find them by data-test.
export const ResourceYAMLEditor: typeof SDK.ResourceYAMLEditor = ({
  initialResource,
  header,
  create,
  readOnly,
}) => (
  <div
    data-test="resource-yaml-editor"
    data-resource-name={initialResource.metadata?.name}
    data-create={create ? 'true' : undefined}
    data-read-only={readOnly ? 'true' : undefined}
  >
    {header}
  </div>
);

export const ResourceEventStream: typeof SDK.ResourceEventStream = ({ resource }) => (
  <div data-test="resource-event-stream" data-resource-name={resource.metadata?.name} />
);

/** Shows every tab's name and renders the first page (the default tab) with the resource. */
export const HorizontalNav: typeof SDK.HorizontalNav = ({ pages, resource, customData }) => {
  const [first] = pages;
  const Page = first?.component as
    ComponentType<{ obj?: unknown; customData?: unknown }> | undefined;
  return (
    <div data-test="horizontal-nav">
      {pages.map((page) => (
        <a key={page.href ?? page.name} data-test={`horizontal-link-${page.name}`}>
          {page.name}
        </a>
      ))}
      {Page ? <Page obj={resource} customData={customData} /> : null}
    </div>
  );
};

/** What `useOverlay()` returns: records each launch and renders nothing. */
export const launchOverlayMock = jest.fn() as jest.MockedFunction<
  ReturnType<typeof SDK.useOverlay>
>;
// A plain function, so `jest.resetAllMocks()` cannot take the launcher away.
export const useOverlay: typeof SDK.useOverlay = () => launchOverlayMock;

/** The props the stand-in reads (the SDK types them through PatternFly's Monaco editor). */
interface MockCodeEditorProps {
  value?: string;
  onChange?: (value: string, event: unknown) => void;
  language?: string;
  isReadOnly?: boolean;
  minHeight?: string;
}

/** A controlled text area: type into it with user-event and the `onChange` prop gets the text. */
const MockCodeEditor: typeof SDK.CodeEditor = forwardRef((props, ref) => {
  const { value, onChange, language, isReadOnly, minHeight } = props as MockCodeEditorProps;
  return (
    <textarea
      ref={ref as unknown as Ref<HTMLTextAreaElement>}
      data-test="code-editor"
      data-language={language}
      aria-label="Code editor"
      value={value ?? ''}
      readOnly={Boolean(isReadOnly)}
      style={minHeight ? { minHeight } : undefined}
      onChange={(event) => onChange?.(event.target.value, event)}
    />
  );
});
MockCodeEditor.displayName = 'CodeEditor';
export const CodeEditor: typeof SDK.CodeEditor = MockCodeEditor;
// eslint-disable-next-line @typescript-eslint/no-deprecated -- the SDK still exports it
export const YAMLEditor: typeof SDK.YAMLEditor = MockCodeEditor;

export const ResourceIcon: typeof SDK.ResourceIcon = ({ groupVersionKind }) => (
  <span data-test={`resource-icon-${groupVersionKind?.kind ?? ''}`} />
);

export const useActiveNamespace = jest.fn(() => ['#ALL_NS#', jest.fn()]) as jest.MockedFunction<
  typeof SDK.useActiveNamespace
>;
export const useActivePerspective: typeof SDK.useActivePerspective = () => ['admin', jest.fn()];

// Mutations and reads: each test decides what the API answers (resolve or reject with an error).
export const k8sPatch = jest.fn() as jest.MockedFunction<typeof SDK.k8sPatch>;
export const k8sGet = jest.fn() as jest.MockedFunction<typeof SDK.k8sGet>;
export const k8sCreate = jest.fn() as jest.MockedFunction<typeof SDK.k8sCreate>;

// Uninstall helper: deletes, raw list and watch requests; each test decides the answers.
export const k8sDelete = jest.fn() as jest.MockedFunction<typeof SDK.k8sDelete>;
export const consoleFetch = jest.fn() as jest.MockedFunction<typeof SDK.consoleFetch>;
export const consoleFetchJSON = Object.assign(jest.fn(), {
  delete: jest.fn(),
  post: jest.fn(),
  put: jest.fn(),
  patch: jest.fn(),
}) as jest.MockedFunction<typeof SDK.consoleFetchJSON>;

// Rollout helper: whether the API serves a kind (e.g. MachineConfigNode); each test decides.
export const useK8sModel = jest.fn() as jest.MockedFunction<typeof SDK.useK8sModel>;
