/**
 * The host's redux store: the state shape the npm SDK's watch hooks, k8s actions and RBAC helpers
 * read (`state.k8s` as an Immutable map keyed by watch id plus `RESOURCES`, `state.sdkCore`). The
 * SDK publishes the actions and selectors but not the reducer, so the reducer is written here.
 */
import { ActionType } from '@openshift-console/dynamic-plugin-sdk/lib/app/k8s/actions/k8s';
import storeHandler from '@openshift-console/dynamic-plugin-sdk/lib/app/storeHandler';
import { fromJS, Map as ImmutableMap } from 'immutable';
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import type { Reducer, UnknownAction } from 'redux';
import { applyMiddleware, combineReducers, legacy_createStore as createStore } from 'redux';
import { thunk } from 'redux-thunk';
import { referenceFor } from './paths';

export type K8sState = ImmutableMap<string, unknown>;

interface K8sObjectLike {
  metadata?: { name?: string; namespace?: string };
}

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: K8sObjectLike;
}

interface K8sAction extends UnknownAction {
  payload?: {
    id?: string;
    k8sObjects?: unknown;
    query?: unknown;
    resources?: { models: K8sModel[] };
  };
}

/** Console's `getQN`: `(namespace)-name`, the key of an object within a list. */
const qualifiedName = (object: K8sObjectLike): string => {
  const { name = '', namespace } = object.metadata ?? {};
  return namespace ? `(${namespace})-${name}` : name;
};

const immutable = (value: unknown): unknown => fromJS(value) as unknown;

const listWith = (list: unknown, objects: K8sObjectLike[]): ImmutableMap<string, unknown> => {
  const base = ImmutableMap.isMap(list)
    ? (list as ImmutableMap<string, unknown>)
    : ImmutableMap<string, unknown>();
  return base.withMutations((map) => {
    for (const object of objects) map.set(qualifiedName(object), immutable(object));
  });
};

const applyEvents = (list: unknown, events: WatchEvent[]): ImmutableMap<string, unknown> => {
  const base = ImmutableMap.isMap(list)
    ? (list as ImmutableMap<string, unknown>)
    : ImmutableMap<string, unknown>();
  return base.withMutations((map) => {
    for (const { type, object } of events) {
      if (type === 'DELETED') map.delete(qualifiedName(object));
      else if (type === 'ADDED' || type === 'MODIFIED') {
        map.set(qualifiedName(object), immutable(object));
      }
    }
  });
};

/**
 * Models keyed as the SDK's `getK8sModel` looks them up: by `group~version~Kind`, and core kinds
 * also by their bare kind (console's static models are keyed that way).
 */
const modelMap = (models: K8sModel[]): ImmutableMap<string, K8sModel> =>
  ImmutableMap<string, K8sModel>().withMutations((map) => {
    for (const model of models) {
      map.set(referenceFor(model), model);
      if (!model.apiGroup && !map.has(model.kind)) map.set(model.kind, model);
    }
  });

const initialK8s: K8sState = ImmutableMap<string, unknown>({
  RESOURCES: ImmutableMap<string, unknown>({
    models: ImmutableMap(),
    inFlight: false,
    loaded: false,
  }),
});

/** The SDK's action types as plain strings: actions arrive as untyped redux actions. */
const TYPES: Record<keyof typeof ActionType, string> = ActionType;

const asArray = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

export const k8sReducer: Reducer<K8sState, K8sAction> = (state = initialK8s, action) => {
  const id = action.payload?.id ?? '';
  const objects = action.payload?.k8sObjects;
  switch (action.type) {
    case TYPES.GetResourcesInFlight:
      return state.setIn(['RESOURCES', 'inFlight'], true);
    case TYPES.ReceivedResources:
      return state
        .setIn(['RESOURCES', 'models'], modelMap(action.payload?.resources?.models ?? []))
        .setIn(['RESOURCES', 'inFlight'], false)
        .setIn(['RESOURCES', 'loaded'], true);
    case TYPES.StartWatchK8sObject:
      return state.set(id, ImmutableMap({ loaded: false, data: ImmutableMap() }));
    case TYPES.StartWatchK8sList:
      if (state.getIn([id, 'loaded'])) return state;
      return state.set(
        id,
        ImmutableMap({ loaded: false, data: ImmutableMap(), query: action.payload?.query }),
      );
    case TYPES.StopWatchK8s:
      return state.delete(id);
    case TYPES.Loaded:
      if (!state.has(id)) return state;
      return state
        .setIn([id, 'data'], listWith(undefined, asArray<K8sObjectLike>(objects)))
        .setIn([id, 'loaded'], true)
        .setIn([id, 'loadError'], '');
    case TYPES.BulkAddToList:
      if (!state.has(id)) return state;
      return state.setIn(
        [id, 'data'],
        listWith(state.getIn([id, 'data']), asArray<K8sObjectLike>(objects)),
      );
    case TYPES.UpdateListFromWS:
      if (!state.has(id)) return state;
      return state
        .setIn([id, 'data'], applyEvents(state.getIn([id, 'data']), asArray<WatchEvent>(objects)))
        .setIn([id, 'loaded'], true)
        .setIn([id, 'loadError'], '');
    case TYPES.ModifyObject:
      if (!state.has(id)) return state;
      return state
        .setIn([id, 'data'], immutable(objects))
        .setIn([id, 'loaded'], true)
        .setIn([id, 'loadError'], '');
    case TYPES.Errored:
      if (!state.has(id)) return state;
      return state.setIn([id, 'loadError'], objects);
    default:
      return state;
  }
};

export interface SdkCoreState {
  impersonate: null;
  user: { username: string } | null;
}

const sdkCoreReducer: Reducer<SdkCoreState> = (state = { impersonate: null, user: null }) => state;

export const createHostStore = () => {
  const store = createStore(
    combineReducers({ k8s: k8sReducer, sdkCore: sdkCoreReducer }),
    applyMiddleware(thunk),
  );
  // useAccessReview and checkAccess read the store through this handle, as in console.
  storeHandler.setStore(store);
  return store;
};

export type HostStore = ReturnType<typeof createHostStore>;
