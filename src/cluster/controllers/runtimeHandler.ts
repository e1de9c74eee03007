/**
 * Which RuntimeClass handlers a node's CRI-O can run. `runc` (and any handler other than the
 * kata ones) always works; `kata` needs the sandboxed-containers extension in the rendered
 * MachineConfig the node currently runs, which is what the KataConfig rollout installs.
 */
import { NodeAnnotation } from '../../shared/mco/constants';
import { KATA_EXTENSION_NAMES, KATA_RUNTIME_HANDLER } from '../../shared/kataconfig/constants';
import type { Node } from '../../shared/k8s/types';

/** The handlers that exist only once the extension is on the node. */
const EXTENSION_HANDLERS: readonly string[] = [KATA_RUNTIME_HANDLER];

/** The CRI-O error a missing handler gives, as the kubelet reports it. */
export const handlerNotSupportedMessage = (handler: string): string =>
  `Failed to create pod sandbox: rpc error: code = Unknown desc = RuntimeHandler "${handler}" not supported`;

/**
 * Whether `node` can run pods of `handler`. `extensionsOf` returns spec.extensions of a
 * MachineConfig by name (undefined when there is no such MachineConfig).
 */
export const nodeSupportsHandler = (
  node: Node,
  handler: string,
  extensionsOf: (machineConfigName: string) => readonly string[] | undefined,
): boolean => {
  if (!EXTENSION_HANDLERS.includes(handler)) return true;
  const current = node.metadata?.annotations?.[NodeAnnotation.currentConfig];
  if (!current) return false;
  const extensions = extensionsOf(current) ?? [];
  return extensions.some((extension) =>
    (KATA_EXTENSION_NAMES as readonly string[]).includes(extension),
  );
};
