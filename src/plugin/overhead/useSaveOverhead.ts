import { useState } from 'react';
import { k8sGet, k8sPatch } from '@openshift-console/dynamic-plugin-sdk';
import { RuntimeClassModel } from '../../shared/k8s/models';
import type { RuntimeClass } from '../../shared/k8s/types';
import { overheadPatch } from '../../shared/workloads';
import type { OverheadDraft } from '../../shared/workloads';
import { errorMessage, httpStatus } from '../common/errorMessage';

const HTTP_CONFLICT = 409;

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; runtimeClass: RuntimeClass }
  /** The object changed since the draft's base: the server refused the stale write. */
  | { kind: 'conflict'; message: string }
  | { kind: 'reloading' }
  | { kind: 'failed'; message: string };

/**
 * Saves a draft as a JSON patch pinned to the base's resourceVersion, and reloads the latest
 * object after a conflict. The draft itself lives in the caller, so nothing typed is lost.
 */
export const useSaveOverhead = () => {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });

  const save = async (base: RuntimeClass, draft: OverheadDraft): Promise<boolean> => {
    setState({ kind: 'saving' });
    try {
      const runtimeClass = await k8sPatch<RuntimeClass>({
        model: RuntimeClassModel,
        resource: base,
        data: overheadPatch(base, draft),
      });
      setState({ kind: 'saved', runtimeClass });
      return true;
    } catch (error) {
      const message = errorMessage(error) ?? '';
      setState(
        httpStatus(error) === HTTP_CONFLICT
          ? { kind: 'conflict', message }
          : { kind: 'failed', message },
      );
      return false;
    }
  };

  /** The latest object from the server, or undefined (with the error shown) if it failed. */
  const reload = async (name: string): Promise<RuntimeClass | undefined> => {
    setState({ kind: 'reloading' });
    try {
      const latest = await k8sGet<RuntimeClass>({ model: RuntimeClassModel, name });
      setState({ kind: 'idle' });
      return latest;
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error) ?? '' });
      return undefined;
    }
  };

  const dismiss = () => {
    setState({ kind: 'idle' });
  };

  return { state, save, reload, dismiss };
};
