/**
 * Typed, synchronous access to the emulator's in-process `Api` for the MCO simulator. The
 * simulator acts as an internal admin: its writes go through the normal REST semantics, so
 * clients see ordinary watch events. Every read-modify-write happens within one synchronous
 * call, so there is nothing to race with inside the process.
 */
import type { K8sObject, Node, Pod } from '../../shared/k8s/types';
import type { MachineConfig, MachineConfigNode, MachineConfigPool } from '../../shared/mco';
import type { Api } from '../apiserver/api';
import { ApiError } from '../apiserver/errors';
import type { JsonObject } from '../apiserver/json';
import type { ResourceType } from '../apiserver/registry';

/** The MCO writes MachineConfigNodes as this field manager. */
const MCN_WRITE = { fieldManager: 'machine-config-operator' };

const toJson = (obj: K8sObject): JsonObject => obj as unknown as JsonObject;

export class Kube {
  constructor(readonly api: Api) {}

  private type(apiVersion: string, kind: string): ResourceType {
    const type = this.api.registry.findKind(apiVersion, kind);
    if (!type) throw new Error(`MCO simulator: ${apiVersion} ${kind} is not served`);
    return type;
  }

  private get nodeType(): ResourceType {
    return this.type('v1', 'Node');
  }

  private get poolType(): ResourceType {
    return this.type('machineconfiguration.openshift.io/v1', 'MachineConfigPool');
  }

  private get mcType(): ResourceType {
    return this.type('machineconfiguration.openshift.io/v1', 'MachineConfig');
  }

  private get mcnType(): ResourceType {
    return this.type('machineconfiguration.openshift.io/v1', 'MachineConfigNode');
  }

  private get podType(): ResourceType {
    return this.type('v1', 'Pod');
  }

  nodes(): Node[] {
    return this.api.list(this.nodeType, undefined).items;
  }

  pools(): MachineConfigPool[] {
    return this.api.list(this.poolType, undefined).items;
  }

  machineConfigs(): MachineConfig[] {
    return this.api.list(this.mcType, undefined).items;
  }

  machineConfigNodes(): MachineConfigNode[] {
    return this.api.list(this.mcnType, undefined).items;
  }

  machineConfigNode(name: string): MachineConfigNode | undefined {
    try {
      return this.api.get(this.mcnType, '', name);
    } catch (error) {
      if (error instanceof ApiError && error.code === 404) return undefined;
      throw error;
    }
  }

  createMachineConfigNode(mcn: MachineConfigNode): MachineConfigNode {
    return this.api.create(this.mcnType, '', toJson(mcn), MCN_WRITE).object;
  }

  updateMachineConfigNode(mcn: MachineConfigNode): MachineConfigNode {
    return this.api.update(this.mcnType, '', mcn.metadata?.name ?? '', toJson(mcn), MCN_WRITE)
      .object;
  }

  updateMachineConfigNodeStatus(mcn: MachineConfigNode): MachineConfigNode {
    const name = mcn.metadata?.name ?? '';
    return this.api.update(this.mcnType, '', name, toJson(mcn), MCN_WRITE, 'status').object;
  }

  podsOnNode(nodeName: string): Pod[] {
    return this.api.list(this.podType, undefined, { fieldSelector: `spec.nodeName=${nodeName}` })
      .items;
  }

  /** Creates the object unless one with that name exists; returns whether it was created. */
  createIfMissing(kind: 'Node' | 'MachineConfigPool' | 'MachineConfig', obj: K8sObject): boolean {
    const type =
      kind === 'Node' ? this.nodeType : kind === 'MachineConfig' ? this.mcType : this.poolType;
    try {
      this.api.create(type, '', toJson(obj));
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 409) return false;
      throw error;
    }
  }

  updateNode(node: Node): Node {
    return this.api.update(this.nodeType, '', node.metadata?.name ?? '', toJson(node)).object;
  }

  updateNodeStatus(node: Node): Node {
    return this.api.update(this.nodeType, '', node.metadata?.name ?? '', toJson(node), {}, 'status')
      .object;
  }

  updatePool(pool: MachineConfigPool): MachineConfigPool {
    return this.api.update(this.poolType, '', pool.metadata?.name ?? '', toJson(pool)).object;
  }

  updatePoolStatus(pool: MachineConfigPool): MachineConfigPool {
    return this.api.update(this.poolType, '', pool.metadata?.name ?? '', toJson(pool), {}, 'status')
      .object;
  }

  deletePod(pod: Pod): void {
    try {
      this.api.delete(this.podType, pod.metadata?.namespace ?? '', pod.metadata?.name ?? '');
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 404)) throw error;
    }
  }
}
