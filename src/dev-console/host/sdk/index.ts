/**
 * The host's `@openshift-console/dynamic-plugin-sdk`, shared with the plugin under that name (as
 * console shares its source-built lib-core). Each export is typed against the real package. Where
 * the npm package ships the implementation it is re-exported from the package's `lib/`; the rest
 * is written in this folder. docs/dev-console.md lists the origin of each export.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import ListPageBodyImpl from '@openshift-console/dynamic-plugin-sdk/lib/app/components/factory/ListPage/ListPageBody';
import GenericStatusImpl from '@openshift-console/dynamic-plugin-sdk/lib/app/components/status/GenericStatus';
import * as icons from '@openshift-console/dynamic-plugin-sdk/lib/app/components/status/icons';
import PopoverStatusImpl from '@openshift-console/dynamic-plugin-sdk/lib/app/components/status/PopoverStatus';
import StatusImpl from '@openshift-console/dynamic-plugin-sdk/lib/app/components/status/Status';
import StatusIconAndTextImpl from '@openshift-console/dynamic-plugin-sdk/lib/app/components/status/StatusIconAndText';
import * as statuses from '@openshift-console/dynamic-plugin-sdk/lib/app/components/status/statuses';
import * as rbac from '@openshift-console/dynamic-plugin-sdk/lib/app/components/utils/rbac';
import * as watchResource from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/hooks/useK8sWatchResource';
import * as watchResources from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/hooks/useK8sWatchResources';
import * as k8sModel from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/hooks/useK8sModel';
import * as k8sModels from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/hooks/useK8sModels';
import * as k8sRef from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/k8s-ref';
import * as k8sResource from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/k8s-resource';
import * as overlay from '@openshift-console/dynamic-plugin-sdk/lib/app/modal-support/useOverlay';
import { useFeatureFlag } from '@openshift/dynamic-plugin-sdk';
import { CodeEditor as CodeEditorImpl } from './CodeEditor';
import * as components from './components';
import * as fetchers from './consoleFetch';
import { HorizontalNav as HorizontalNavImpl } from './HorizontalNav';
import * as namespace from './namespace';
import { ResourceEventStream as ResourceEventStreamImpl } from './ResourceEventStream';
import { ResourceYAMLEditor as ResourceYAMLEditorImpl } from './ResourceYAMLEditor';

// Watching and models: the npm package's hooks, k8s actions and WebSocket factory, run against
// the host's redux store (host/store.ts) and discovery (host/discovery.ts).
export const useK8sWatchResource: typeof SDK.useK8sWatchResource =
  watchResource.useK8sWatchResource;
export const useK8sWatchResources: typeof SDK.useK8sWatchResources =
  watchResources.useK8sWatchResources;
export const useK8sModel: typeof SDK.useK8sModel = k8sModel.useK8sModel;
export const useK8sModels: typeof SDK.useK8sModels = k8sModels.useK8sModels;

// CRUD: the npm package's implementations over the host's consoleFetch.
export const k8sGet: typeof SDK.k8sGet = k8sResource.k8sGetResource;
export const k8sCreate: typeof SDK.k8sCreate = k8sResource.k8sCreateResource;
export const k8sUpdate: typeof SDK.k8sUpdate = k8sResource.k8sUpdateResource;
export const k8sPatch: typeof SDK.k8sPatch = k8sResource.k8sPatchResource;
export const k8sDelete: typeof SDK.k8sDelete = k8sResource.k8sDeleteResource;
export const k8sList: typeof SDK.k8sList = k8sResource.k8sListResource;
export const k8sListItems: typeof SDK.k8sListItems = k8sResource.k8sListResourceItems;
export const getGroupVersionKindForModel: typeof SDK.getGroupVersionKindForModel =
  k8sRef.getGroupVersionKindForModel;
export const getGroupVersionKindForResource: typeof SDK.getGroupVersionKindForResource =
  k8sRef.getGroupVersionKindForResource;
export const getAPIVersionForModel: typeof SDK.getAPIVersionForModel = k8sRef.getAPIVersionForModel;

export const consoleFetch: typeof SDK.consoleFetch = fetchers.coFetch;
export const consoleFetchJSON: typeof SDK.consoleFetchJSON = fetchers.coFetchJSON;
export const consoleFetchText: typeof SDK.consoleFetchText = fetchers.coFetchText;

// RBAC: the npm package's SelfSubjectAccessReview hooks.
export const useAccessReview: typeof SDK.useAccessReview = rbac.useAccessReview;
export const checkAccess: typeof SDK.checkAccess = rbac.checkAccess;

// Flags: console keeps them in redux and mirrors them into the PluginStore; the host keeps them in
// the PluginStore only.
export const useFlag: typeof SDK.useFlag = (flag) => useFeatureFlag(flag)[0] === true;

// Status components and icons: the npm package's own.
export const StatusIconAndText: typeof SDK.StatusIconAndText = StatusIconAndTextImpl;
export const GenericStatus: typeof SDK.GenericStatus = GenericStatusImpl;
export const PopoverStatus: typeof SDK.PopoverStatus = PopoverStatusImpl;
export const StatusComponent: typeof SDK.StatusComponent = StatusImpl;
export const SuccessStatus: typeof SDK.SuccessStatus = statuses.SuccessStatus;
export const ProgressStatus: typeof SDK.ProgressStatus = statuses.ProgressStatus;
export const ErrorStatus: typeof SDK.ErrorStatus = statuses.ErrorStatus;
export const InfoStatus: typeof SDK.InfoStatus = statuses.InfoStatus;
export const GreenCheckCircleIcon: typeof SDK.GreenCheckCircleIcon = icons.GreenCheckCircleIcon;
export const RedExclamationCircleIcon: typeof SDK.RedExclamationCircleIcon =
  icons.RedExclamationCircleIcon;
export const YellowExclamationTriangleIcon: typeof SDK.YellowExclamationTriangleIcon =
  icons.YellowExclamationTriangleIcon;
export const BlueInfoCircleIcon: typeof SDK.BlueInfoCircleIcon = icons.BlueInfoCircleIcon;
export const ListPageBody: typeof SDK.ListPageBody = ListPageBodyImpl;

// Components console implements in its source tree: written here (host/sdk/components.tsx).
export const ListPageHeader: typeof SDK.ListPageHeader = components.ListPageHeader;
export const DocumentTitle: typeof SDK.DocumentTitle = components.DocumentTitle;
export const ResourceLink: typeof SDK.ResourceLink = components.ResourceLink;
export const Timestamp: typeof SDK.Timestamp = components.Timestamp;
export const ResourceIcon: typeof SDK.ResourceIcon = components.ResourceIcon;
export const HorizontalNav: typeof SDK.HorizontalNav = HorizontalNavImpl;
export const ResourceYAMLEditor: typeof SDK.ResourceYAMLEditor = ResourceYAMLEditorImpl;
export const ResourceEventStream: typeof SDK.ResourceEventStream = ResourceEventStreamImpl;
// Console runs Monaco for both; the host has a text area with the same props (CodeEditor.tsx).
export const CodeEditor: typeof SDK.CodeEditor = CodeEditorImpl;
// eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated in 4.22, still exported
export const YAMLEditor: typeof SDK.YAMLEditor = CodeEditorImpl;
export const useActiveNamespace: typeof SDK.useActiveNamespace = namespace.useActiveNamespace;
export const useActivePerspective: typeof SDK.useActivePerspective = namespace.useActivePerspective;

// Overlays: the npm package's hook; the shell renders its OverlayProvider (App.tsx).
export const useOverlay: typeof SDK.useOverlay = overlay.useOverlay;
