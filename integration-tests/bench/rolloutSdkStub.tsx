/**
 * The console SDK as the rollout benchmark needs it: watches answered from an in-memory store
 * that the benchmark changes as a cluster would (each change re-renders the watching components,
 * like console's redux store), and plain stand-ins for the components.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { useSyncExternalStore } from 'react';

type Answer = [unknown, boolean, unknown];
type Resolver = (resource: Parameters<typeof SDK.useK8sWatchResource>[0]) => Answer;

let resolve: Resolver = () => [undefined, true, undefined];
let version = 0;
const listeners = new Set<() => void>();

/** Replaces what every watch returns and notifies the watching components. */
export const setWatchAnswers = (next: Resolver): void => {
  resolve = next;
  version += 1;
  for (const listener of listeners) listener();
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

export const useK8sWatchResource = ((resource) => {
  useSyncExternalStore(subscribe, () => version);
  return resolve(resource);
}) as typeof SDK.useK8sWatchResource;

export const useK8sModel = (() => [undefined, false]) as unknown as typeof SDK.useK8sModel;

export const ResourceLink: typeof SDK.ResourceLink = ({ name }) => <a href="#node">{name}</a>;

export const Timestamp: typeof SDK.Timestamp = ({ timestamp }) => <time>{timestamp}</time>;
