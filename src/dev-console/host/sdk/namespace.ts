/**
 * useActiveNamespace and useActivePerspective. Console keeps the active namespace in redux and
 * user settings; the host keeps the last one chosen in memory, and a `/k8s/ns/<ns>/` URL wins.
 * The host has one perspective, `admin`.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { useCallback, useSyncExternalStore } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ALL_NAMESPACES_KEY, namespaceFromPath, pathForNamespace } from './sdkLogic';

let chosenNamespace = ALL_NAMESPACES_KEY;
const listeners = new Set<() => void>();

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};
const current = () => chosenNamespace;

export const useActiveNamespace: typeof SDK.useActiveNamespace = () => {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const chosen = useSyncExternalStore(subscribe, current);
  const setActiveNamespace = useCallback(
    (namespace: string) => {
      chosenNamespace = namespace;
      listeners.forEach((listener) => {
        listener();
      });
      const next = pathForNamespace(window.location.pathname, namespace);
      if (next) void navigate(next);
    },
    [navigate],
  );
  return [namespaceFromPath(pathname) ?? chosen, setActiveNamespace];
};

const noPerspectiveSwitch = () => undefined;

export const useActivePerspective: typeof SDK.useActivePerspective = () => [
  'admin',
  noPerspectiveSwitch,
];
