/**
 * One KataConfig reconcile pass (osc-operator.md sections 2.2 to 2.6). Reads come from the
 * informer caches, writes go through `KubeApi`; the status is always computed by the shared
 * `deriveKataConfigStatus` and written only when it changed. No client-node import, so the whole
 * pass can run against fakes.
 */
import {
  IN_PROGRESS_MESSAGES,
  IN_PROGRESS_REASONS,
  INVALID_POOL_SELECTOR_MESSAGE,
  KATA_CONFIG_FINALIZER,
  KATA_CONFIG_WEBHOOK,
  KATA_CRIO_CONFIG_NAME,
  KATA_EXTENSION_NAMES,
  KATA_MACHINE_CONFIG_NAME,
  KATA_NODE_LISTS,
  KATA_NODE_ROLE_LABEL,
  KATA_POOL_NAME,
  KATA_RUNTIME_CLASS_NAME,
  MASTER_NODE_ROLE_LABEL,
  MASTER_POOL_NAME,
  NFD_MISSING_MESSAGE,
  REQUEUE_AFTER_MS,
  WORKER_NODE_ROLE_LABEL,
  WORKER_POOL_NAME,
  compactKataNodes,
  deriveKataConfigStatus,
  findInProgressCondition,
  findPool,
  isConvergedCluster,
  isPoolUpdating,
  normalizeKataNodes,
  poolTargetConfig,
  withInProgressCondition,
} from '../shared/kataconfig';
import type { KataConfig, KataConfigStatus, StatusDerivationResult } from '../shared/kataconfig';
import type { Node, RuntimeClass, Pod } from '../shared/k8s';
import { NodeAnnotation, NodeState } from '../shared/mco';
import type { ContainerRuntimeConfig, MachineConfig, MachineConfigPool } from '../shared/mco';
import { blockingPodKey, createBlockingPodScan, kataRuntimeClassNames } from '../shared/workloads';
import type { Logger } from './logger';
import type { ReconcilerMetrics } from './metrics';
import { mapWithConcurrency, summarizeNames } from './concurrency';
import { describeSelectorErrors, labelledKataNodes, planNodeLabels } from './nodeLabels';
import {
  buildCrioConfig,
  buildKataPool,
  buildMachineConfig,
  buildRuntimeClass,
  isManagedByUs,
} from './objects';
import { PATHS, itemPath, statusOf } from './rest';
import type { KubeApi } from './rest';
import type { UpstreamVerdict } from './upstream';
import { standDownMessage } from './upstream';

/** Reason of the InProgress condition on a KataConfig this reconciler ignores. */
export const IGNORED_REASON = 'Ignored';
export const ignoredMessage = (primary: string): string =>
  `Ignored: KataConfig "${primary}" already configures kata on this cluster and only one ` +
  `KataConfig is supported (the operator's webhook says: ${KATA_CONFIG_WEBHOOK.duplicateMessage}). ` +
  'Delete this KataConfig.';

export const POD_PAGE_SIZE = 500;

/** Node label PATCHes sent at once when a KataConfig selects or releases many nodes. */
const NODE_PATCHES_IN_FLIGHT = 8;

/**
 * Annotation on the KataConfig while the upstream operator is present: `standing down: <reason>`.
 * Metadata, not status, so it never fights the operator's status writes; removed once it is gone.
 */
export const STAND_DOWN_ANNOTATION = 'kata-console-plugin.openshift.io/reconciler';
export const standDownAnnotation = (reason: string): string => `standing down: ${reason}`;
/** How often the upstream operator is looked for again while standing down. */
export const STAND_DOWN_RECHECK_MS = 30_000;

export interface ClusterCache {
  kataConfigs: () => readonly KataConfig[];
  nodes: () => readonly Node[];
  pools: () => readonly MachineConfigPool[];
}

export type EventType = 'Normal' | 'Warning';

export interface EventSink {
  emit: (kataConfig: KataConfig, type: EventType, reason: string, message: string) => Promise<void>;
}

export interface ReconcileResult {
  requeueAfterMs?: number;
}

export interface ReconcilerDeps {
  api: KubeApi;
  cache: ClusterCache;
  events: EventSink;
  log: Logger;
  metrics: ReconcilerMetrics;
  upstream: () => Promise<UpstreamVerdict>;
  now?: () => Date;
  podPageSize?: number;
}

const nameOf = (obj: { metadata?: { name?: string } }): string => obj.metadata?.name ?? '';

/**
 * The KataConfig this reconciler manages: one already carrying the finalizer, else the oldest
 * (then by name). Every other KataConfig is told why it is ignored.
 */
export const pickPrimary = (kataConfigs: readonly KataConfig[]): KataConfig | undefined => {
  const withFinalizer = kataConfigs.filter((kc) =>
    (kc.metadata?.finalizers ?? []).includes(KATA_CONFIG_FINALIZER),
  );
  const candidates = withFinalizer.length > 0 ? withFinalizer : kataConfigs;
  return [...candidates].sort(
    (a, b) =>
      (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '') ||
      nameOf(a).localeCompare(nameOf(b)),
  )[0];
};

/** A status reduced to what clients see, so "unchanged" ignores field order and omitted zeros. */
export const canonicalStatus = (status: KataConfigStatus | null | undefined): string =>
  JSON.stringify({
    runtimeClasses: status?.runtimeClasses ?? [],
    kataNodes: compactKataNodes(normalizeKataNodes(status?.kataNodes)),
    conditions: (status?.conditions ?? []).map((c) => [
      c.type,
      c.status,
      c.reason ?? '',
      c.message ?? '',
      c.lastTransitionTime ?? '',
    ]),
    waitingForMcoToStart: status?.waitingForMcoToStart === true,
  });

/** Whether the rendered config a converged cluster's master pool targets carries kata. */
export const renderedHasKata = (rendered: MachineConfig | null): boolean | null => {
  if (rendered === null) return null;
  const extensions = rendered.spec?.extensions ?? [];
  return extensions.some((name) => (KATA_EXTENSION_NAMES as readonly string[]).includes(name));
};

export class Reconciler {
  private readonly now: () => Date;
  private readonly pageSize: number;

  constructor(private readonly deps: ReconcilerDeps) {
    this.now = deps.now ?? (() => new Date());
    this.pageSize = deps.podPageSize ?? POD_PAGE_SIZE;
  }

  async reconcile(name: string): Promise<ReconcileResult> {
    const all = this.deps.cache.kataConfigs();
    const kataConfig = all.find((kc) => nameOf(kc) === name);
    if (!kataConfig) return {};

    // Checked before anything else (even the "second KataConfig" status): while the upstream
    // operator is present, the only write is the stand-down annotation (metadata, never status).
    const verdict = await this.deps.upstream();
    this.deps.metrics.standingDown.set(verdict.present ? 1 : 0);
    if (verdict.present) {
      const message = standDownMessage(verdict.reason);
      this.deps.log.warn('standing down: upstream operator present', {
        kataConfig: name,
        reason: verdict.reason,
      });
      await this.setStandDownAnnotation(kataConfig, standDownAnnotation(verdict.reason));
      await this.event(kataConfig, 'Warning', 'UpstreamOperatorPresent', message);
      return { requeueAfterMs: STAND_DOWN_RECHECK_MS };
    }
    const current = await this.setStandDownAnnotation(kataConfig, null);

    const primary = pickPrimary(all);
    if (primary && nameOf(primary) !== name) return this.ignore(current, nameOf(primary));
    if (current.metadata?.deletionTimestamp) {
      // As upstream: a deletion waits for an install or update in flight, which keeps running
      // (so its condition can reset once the MCO is done) before the uninstall starts.
      const condition = findInProgressCondition(current);
      if (
        condition?.status === 'True' &&
        (condition.reason === IN_PROGRESS_REASONS.installing ||
          condition.reason === IN_PROGRESS_REASONS.updating)
      ) {
        this.deps.log.info('uninstall waits for the install or update in progress', {
          kataConfig: name,
        });
        await this.event(
          current,
          'Normal',
          'UninstallWaiting',
          `Uninstall starts once the current ${condition.reason.toLowerCase()} finishes`,
        );
        return this.install(current);
      }
      return this.uninstall(current);
    }
    return this.install(current);
  }

  /**
   * Sets (value) or removes (null) the stand-down annotation, writing only when it differs. A
   * merge patch of one metadata key: it never touches the status the operator owns.
   */
  private async setStandDownAnnotation(
    kataConfig: KataConfig,
    value: string | null,
  ): Promise<KataConfig> {
    const existing = kataConfig.metadata?.annotations?.[STAND_DOWN_ANNOTATION];
    if ((existing ?? null) === value) return kataConfig;
    const updated = await this.deps.api.mergePatch<KataConfig>(
      itemPath(PATHS.kataConfigs, nameOf(kataConfig)),
      { metadata: { annotations: { [STAND_DOWN_ANNOTATION]: value } } },
    );
    this.deps.metrics.writes.inc({ verb: 'patch', resource: 'kataconfigs' });
    this.deps.log.info(
      value === null ? 'stand-down annotation removed' : 'stand-down annotation set',
      {
        kataConfig: nameOf(kataConfig),
      },
    );
    return updated;
  }

  // ---------------------------------------------------------------------------------------------

  private async ignore(kataConfig: KataConfig, primary: string): Promise<ReconcileResult> {
    if (kataConfig.metadata?.deletionTimestamp) return {};
    const conditions = withInProgressCondition(
      kataConfig.status?.conditions,
      { status: 'False', reason: IGNORED_REASON, message: ignoredMessage(primary) },
      this.now().toISOString(),
    );
    await this.writeStatus(kataConfig, { ...kataConfig.status, conditions });
    return {};
  }

  private async install(initial: KataConfig): Promise<ReconcileResult> {
    let kataConfig = initial;
    const name = nameOf(kataConfig);
    const pools = this.deps.cache.pools();
    let nodes = [...this.deps.cache.nodes()];
    const plan = planNodeLabels(kataConfig.spec, nodes);
    if (plan.selectorErrors.length > 0 || plan.nfdMissing) {
      const message = plan.nfdMissing
        ? NFD_MISSING_MESSAGE
        : `${INVALID_POOL_SELECTOR_MESSAGE}: ${describeSelectorErrors(plan.selectorErrors)}`;
      this.deps.log.warn(message, { kataConfig: name });
      const conditions = withInProgressCondition(
        kataConfig.status?.conditions,
        { status: 'True', reason: IN_PROGRESS_REASONS.failed, message },
        this.now().toISOString(),
      );
      await this.writeStatus(kataConfig, { ...kataConfig.status, conditions });
      return plan.nfdMissing ? { requeueAfterMs: REQUEUE_AFTER_MS.nodeEligibility } : {};
    }

    kataConfig = await this.ensureFinalizer(kataConfig);
    const converged = isConvergedCluster(pools);

    let machineConfigCreated = false;
    const mcPath = itemPath(PATHS.machineConfigs, KATA_MACHINE_CONFIG_NAME);
    if ((await this.deps.api.get<MachineConfig>(mcPath)) === null) {
      machineConfigCreated = await this.createIfAbsent(
        PATHS.machineConfigs,
        buildMachineConfig(name, converged),
      );
      if (machineConfigCreated) {
        await this.event(
          kataConfig,
          'Normal',
          'MachineConfigCreated',
          `Created MachineConfig ${KATA_MACHINE_CONFIG_NAME}`,
        );
      }
    }

    let nodeLabelsChanged = false;
    if (!converged) {
      nodes = await this.applyLabels(kataConfig, nodes, plan.add, plan.remove);
      nodeLabelsChanged = plan.add.length + plan.remove.length > 0;
      if (!findPool(pools, KATA_POOL_NAME)) {
        if (await this.createIfAbsent(PATHS.machineConfigPools, buildKataPool())) {
          await this.event(
            kataConfig,
            'Normal',
            'MachineConfigPoolCreated',
            `Created MachineConfigPool ${KATA_POOL_NAME}`,
          );
        }
      }
    }

    const now = this.now().toISOString();
    const result = deriveKataConfigStatus({
      previous: await this.previousStatus(kataConfig, nodes, pools, {
        kind: 'install',
        converged,
        changedNow: machineConfigCreated || nodeLabelsChanged,
      }),
      nodes,
      pools,
      pass: { kind: 'install', machineConfigCreated, nodeLabelsChanged },
      now,
      converged,
      convergedKataEnabled: converged ? await this.convergedKataEnabled(pools) : null,
    });
    this.logSkipped(result, name);
    const status = result.status;
    // A relabelling on an installed cluster is an update even before (or, when the nodes only
    // leave kata-oc, without) pool kata-oc reporting Updating.
    if (
      nodeLabelsChanged &&
      !machineConfigCreated &&
      result.outcome === 'waitingForMcoToStart' &&
      findInProgressCondition({ status })?.status !== 'True'
    ) {
      status.conditions = withInProgressCondition(
        status.conditions,
        {
          status: 'True',
          reason: IN_PROGRESS_REASONS.updating,
          message: IN_PROGRESS_MESSAGES.updating,
        },
        now,
      );
    }
    if (result.outcome === 'mcoDone') {
      const created = await this.ensureRuntimeClass(kataConfig, converged);
      const classes = status.runtimeClasses ?? [];
      if (created !== null && !classes.includes(KATA_RUNTIME_CLASS_NAME)) {
        status.runtimeClasses = [...classes, KATA_RUNTIME_CLASS_NAME];
      }
    } else if (result.outcome === 'waitingForMco') {
      this.deps.log.debug('waiting for the MachineConfigPool to be fully updated', {
        kataConfig: name,
      });
    }
    kataConfig = await this.writeStatus(kataConfig, status);
    await this.ensureCrioConfig(kataConfig, converged);
    return {};
  }

  private async uninstall(initial: KataConfig): Promise<ReconcileResult> {
    let kataConfig = initial;
    const name = nameOf(kataConfig);
    if (!(kataConfig.metadata?.finalizers ?? []).includes(KATA_CONFIG_FINALIZER)) return {};

    const pools = this.deps.cache.pools();
    const converged = isConvergedCluster(pools);
    const blocking = await this.scanBlockingPods(kataConfig);
    const now = this.now().toISOString();
    if (blocking.length > 0) {
      const result = deriveKataConfigStatus({
        previous: kataConfig.status ?? null,
        nodes: this.deps.cache.nodes(),
        pools,
        pass: {
          kind: 'uninstall',
          blockingPods: {
            runtimeClassName: blocking[0]?.runtimeClassName ?? KATA_RUNTIME_CLASS_NAME,
            podRefs: blocking.map(blockingPodKey),
          },
        },
        now,
        converged,
      });
      await this.writeStatus(kataConfig, result.status);
      return { requeueAfterMs: REQUEUE_AFTER_MS.blockedByKataPods };
    }

    let nodes = [...this.deps.cache.nodes()];
    const unlabel = converged ? [] : labelledKataNodes(nodes);
    nodes = await this.applyLabels(kataConfig, nodes, [], unlabel);

    let machineConfigDeleted = false;
    const mcPath = itemPath(PATHS.machineConfigs, KATA_MACHINE_CONFIG_NAME);
    const machineConfig = await this.deps.api.get<MachineConfig>(mcPath);
    if (machineConfig !== null) {
      if (isManagedByUs(machineConfig)) {
        machineConfigDeleted = await this.deps.api.remove(mcPath, {
          uid: machineConfig.metadata?.uid ?? '',
        });
        this.deps.metrics.writes.inc({ verb: 'delete', resource: 'machineconfigs' });
        await this.event(
          kataConfig,
          'Normal',
          'MachineConfigDeleted',
          `Deleted MachineConfig ${KATA_MACHINE_CONFIG_NAME}`,
        );
      } else {
        this.deps.log.warn('MachineConfig not created by this reconciler is left in place', {
          name: KATA_MACHINE_CONFIG_NAME,
        });
      }
    }

    const result = deriveKataConfigStatus({
      previous: await this.previousStatus(kataConfig, nodes, pools, {
        kind: 'uninstall',
        converged,
        changedNow: unlabel.length > 0 || machineConfigDeleted,
      }),
      nodes,
      pools,
      pass: { kind: 'uninstall', nodeLabelsChanged: unlabel.length > 0, machineConfigDeleted },
      now,
      converged,
      convergedKataEnabled: converged ? await this.convergedKataEnabled(pools) : null,
    });
    this.logSkipped(result, name);
    kataConfig = await this.writeStatus(kataConfig, result.status);
    if (result.outcome !== 'mcoDone') return {};

    if (!converged)
      await this.deleteOwned(
        kataConfig,
        itemPath(PATHS.machineConfigPools, KATA_POOL_NAME),
        'MachineConfigPool',
      );
    await this.deleteOwned(
      kataConfig,
      itemPath(PATHS.containerRuntimeConfigs, KATA_CRIO_CONFIG_NAME),
      'ContainerRuntimeConfig',
    );
    await this.event(
      kataConfig,
      'Normal',
      'Uninstalled',
      'Kata removed from the cluster; removing the finalizer',
    );
    await this.deps.api.mergePatch(itemPath(PATHS.kataConfigs, name), {
      metadata: {
        resourceVersion: kataConfig.metadata?.resourceVersion,
        finalizers: (kataConfig.metadata?.finalizers ?? []).filter(
          (f) => f !== KATA_CONFIG_FINALIZER,
        ),
      },
    });
    this.deps.metrics.writes.inc({ verb: 'patch', resource: 'kataconfigs' });
    this.deps.log.info('uninstall finished', { kataConfig: name });
    return {};
  }

  // ---------------------------------------------------------------------------------------------

  private async event(
    kataConfig: KataConfig,
    type: EventType,
    reason: string,
    message: string,
  ): Promise<void> {
    try {
      await this.deps.events.emit(kataConfig, type, reason, message);
    } catch (error) {
      this.deps.log.warn('could not record event', { reason, error });
    }
  }

  private logSkipped(result: StatusDerivationResult, name: string): void {
    for (const skipped of result.skipped) {
      this.deps.log.debug('node left off the status lists', {
        kataConfig: name,
        node: skipped.nodeName,
        problem: skipped.problem,
      });
    }
  }

  private async ensureFinalizer(kataConfig: KataConfig): Promise<KataConfig> {
    const finalizers = kataConfig.metadata?.finalizers ?? [];
    if (finalizers.includes(KATA_CONFIG_FINALIZER)) return kataConfig;
    const updated = await this.deps.api.mergePatch<KataConfig>(
      itemPath(PATHS.kataConfigs, nameOf(kataConfig)),
      {
        metadata: {
          resourceVersion: kataConfig.metadata?.resourceVersion,
          finalizers: [...finalizers, KATA_CONFIG_FINALIZER],
        },
      },
    );
    this.deps.metrics.writes.inc({ verb: 'patch', resource: 'kataconfigs' });
    await this.event(updated, 'Normal', 'InstallStarted', 'Finalizer added; installing kata');
    return updated;
  }

  /** Creates the object; false when somebody else created it first. */
  private async createIfAbsent(
    collection: string,
    body: { metadata?: { name?: string } },
  ): Promise<boolean> {
    try {
      await this.deps.api.create(collection, body);
      this.deps.metrics.writes.inc({ verb: 'create', resource: collection.split('/').pop() ?? '' });
      return true;
    } catch (error) {
      if (statusOf(error) === 409) return false;
      throw error;
    }
  }

  private async applyLabels(
    kataConfig: KataConfig,
    nodes: Node[],
    add: readonly string[],
    remove: readonly string[],
  ): Promise<Node[]> {
    const patched = new Map<string, Node>();
    for (const [names, value] of [
      [add, ''],
      [remove, null],
    ] as const) {
      await mapWithConcurrency(names, NODE_PATCHES_IN_FLIGHT, async (nodeName) => {
        const node = await this.deps.api.mergePatch<Node>(itemPath(PATHS.nodes, nodeName), {
          metadata: { labels: { [KATA_NODE_ROLE_LABEL]: value } },
        });
        this.deps.metrics.writes.inc({ verb: 'patch', resource: 'nodes' });
        patched.set(nodeName, node);
      });
    }
    if (add.length > 0) {
      await this.event(
        kataConfig,
        'Normal',
        'NodesLabelled',
        `Added ${KATA_NODE_ROLE_LABEL} to ${summarizeNames(add)}`,
      );
    }
    if (remove.length > 0) {
      await this.event(
        kataConfig,
        'Normal',
        'NodesUnlabelled',
        `Removed ${KATA_NODE_ROLE_LABEL} from ${summarizeNames(remove)}`,
      );
    }
    return nodes.map((node) => patched.get(nameOf(node)) ?? node);
  }

  /**
   * The status the derivation starts from. `waitingForMcoToStart` only clears when a pass sees
   * the pool Updating, so a rollout that finished unseen (the reconciler was down, or the MCO was
   * quicker than the watch) would leave it waiting for ever. When nothing changed in this pass,
   * the pool is idle and every worker node is Done on its pool's target (kata-oc's with kata,
   * worker's without), the MCO has already done the work: stop waiting. Non-converged only.
   */
  private async previousStatus(
    kataConfig: KataConfig,
    nodes: readonly Node[],
    pools: readonly MachineConfigPool[],
    pass: { kind: 'install' | 'uninstall'; converged: boolean; changedNow: boolean },
  ): Promise<KataConfigStatus | null> {
    const previous = kataConfig.status ?? null;
    if (previous?.waitingForMcoToStart !== true || pass.converged || pass.changedNow) {
      return previous;
    }
    const install = pass.kind === 'install';
    const pool = findPool(pools, install ? KATA_POOL_NAME : WORKER_POOL_NAME);
    if (!pool || isPoolUpdating(pool)) return previous;
    const kataTarget = poolTargetConfig(findPool(pools, KATA_POOL_NAME));
    const workerTarget = poolTargetConfig(findPool(pools, WORKER_POOL_NAME));
    if (workerTarget === '' || (install && kataTarget === '')) return previous;
    for (const node of nodes) {
      const labels = node.metadata?.labels ?? {};
      const kata = Object.hasOwn(labels, KATA_NODE_ROLE_LABEL);
      if (kata && !install) return previous;
      if (!kata && !Object.hasOwn(labels, WORKER_NODE_ROLE_LABEL)) continue;
      if (Object.hasOwn(labels, MASTER_NODE_ROLE_LABEL)) continue;
      const target = kata ? kataTarget : workerTarget;
      const annotations = node.metadata?.annotations ?? {};
      if (
        annotations[NodeAnnotation.state] !== NodeState.Done ||
        annotations[NodeAnnotation.currentConfig] !== target ||
        annotations[NodeAnnotation.desiredConfig] !== target
      ) {
        return previous;
      }
    }
    const rendered = async (name: string) =>
      renderedHasKata(await this.deps.api.get<MachineConfig>(itemPath(PATHS.machineConfigs, name)));
    if ((await rendered(workerTarget)) !== false) return previous;
    if (install && (await rendered(kataTarget)) !== true) return previous;
    this.deps.log.info('the MCO already rolled the change out; not waiting for it to start', {
      kataConfig: nameOf(kataConfig),
    });
    return { ...previous, waitingForMcoToStart: false };
  }

  private async convergedKataEnabled(pools: readonly MachineConfigPool[]): Promise<boolean | null> {
    const rendered = poolTargetConfig(findPool(pools, MASTER_POOL_NAME));
    if (rendered === '') return null;
    return renderedHasKata(
      await this.deps.api.get<MachineConfig>(itemPath(PATHS.machineConfigs, rendered)),
    );
  }

  /** RuntimeClass `kata`, created once and never overwritten; null only if it could not be read. */
  private async ensureRuntimeClass(
    kataConfig: KataConfig,
    converged: boolean,
  ): Promise<RuntimeClass | null> {
    const path = itemPath(PATHS.runtimeClasses, KATA_RUNTIME_CLASS_NAME);
    const existing = await this.deps.api.get<RuntimeClass>(path);
    if (existing !== null) return existing;
    if (await this.createIfAbsent(PATHS.runtimeClasses, buildRuntimeClass(kataConfig, converged))) {
      await this.event(
        kataConfig,
        'Normal',
        'RuntimeClassCreated',
        `Created RuntimeClass ${KATA_RUNTIME_CLASS_NAME}`,
      );
    }
    return this.deps.api.get<RuntimeClass>(path);
  }

  /**
   * Upstream's processLogLevel: created when logLevel is not info, updated when it exists; unlike
   * upstream, ours is deleted when logLevel goes back to info.
   */
  private async ensureCrioConfig(kataConfig: KataConfig, converged: boolean): Promise<void> {
    const logLevel = kataConfig.spec?.logLevel ?? 'info';
    const path = itemPath(PATHS.containerRuntimeConfigs, KATA_CRIO_CONFIG_NAME);
    const existing = await this.deps.api.get<ContainerRuntimeConfig>(path);
    if (existing !== null && logLevel === 'info' && isManagedByUs(existing)) {
      // Back to the default: ours is deleted rather than set to info (upstream keeps it).
      await this.deleteOwned(kataConfig, path, 'ContainerRuntimeConfig');
      return;
    }
    if (existing === null) {
      if (logLevel === 'info') return;
      if (
        await this.createIfAbsent(
          PATHS.containerRuntimeConfigs,
          buildCrioConfig(logLevel, converged),
        )
      ) {
        await this.event(
          kataConfig,
          'Normal',
          'ContainerRuntimeConfigCreated',
          `Created ContainerRuntimeConfig ${KATA_CRIO_CONFIG_NAME} with logLevel ${logLevel}`,
        );
      }
      return;
    }
    if (!isManagedByUs(existing) || existing.spec?.containerRuntimeConfig?.logLevel === logLevel)
      return;
    await this.deps.api.mergePatch(path, {
      metadata: { resourceVersion: existing.metadata?.resourceVersion },
      spec: { containerRuntimeConfig: { logLevel } },
    });
    this.deps.metrics.writes.inc({ verb: 'patch', resource: 'containerruntimeconfigs' });
    await this.event(
      kataConfig,
      'Normal',
      'ContainerRuntimeConfigUpdated',
      `Set logLevel ${logLevel} in ContainerRuntimeConfig ${KATA_CRIO_CONFIG_NAME}`,
    );
  }

  private async deleteOwned(kataConfig: KataConfig, path: string, kind: string): Promise<void> {
    const existing = await this.deps.api.get<{
      metadata?: { uid?: string; labels?: Record<string, string> };
    }>(path);
    if (existing === null) return;
    if (!isManagedByUs(existing)) {
      this.deps.log.warn(`${kind} not created by this reconciler is left in place`, { path });
      return;
    }
    if (await this.deps.api.remove(path, { uid: existing.metadata?.uid ?? '' })) {
      this.deps.metrics.writes.inc({ verb: 'delete', resource: path.split('/').at(-2) ?? '' });
      await this.event(
        kataConfig,
        'Normal',
        `${kind}Deleted`,
        `Deleted ${kind} ${path.split('/').pop() ?? ''}`,
      );
    }
  }

  /** Lists pods in pages (never cached) and keeps only the kata ones. */
  private async scanBlockingPods(kataConfig: KataConfig) {
    for (let attempt = 0; ; attempt += 1) {
      const started = Date.now();
      const scan = createBlockingPodScan(kataRuntimeClassNames(kataConfig));
      let token = '';
      let pages = 0;
      let pods = 0;
      try {
        do {
          const page = await this.deps.api.list<Pod>(PATHS.pods, {
            limit: this.pageSize,
            continue: token,
          });
          scan.add(page.items);
          pages += 1;
          pods += page.items.length;
          token = page.metadata?.continue ?? '';
        } while (token !== '');
        const blocking = scan.blockingPods();
        this.deps.log.info('blocking pod scan', {
          kataConfig: nameOf(kataConfig),
          pods,
          pages,
          blockingPods: blocking.length,
          durationMs: Date.now() - started,
        });
        return blocking;
      } catch (error) {
        // An expired continue token (410) means the list must start again.
        if (statusOf(error) !== 410 || attempt >= 2) throw error;
      }
    }
  }

  /** Writes the status when what clients see changed; emits an Event when the condition moved. */
  private async writeStatus(kataConfig: KataConfig, status: KataConfigStatus): Promise<KataConfig> {
    this.recordNodeMetrics(status);
    if (canonicalStatus(kataConfig.status) === canonicalStatus(status)) return kataConfig;
    const updated = await this.deps.api.replace<KataConfig>(
      `${itemPath(PATHS.kataConfigs, nameOf(kataConfig))}/status`,
      {
        ...kataConfig,
        status: { ...status, runtimeClasses: status.runtimeClasses ?? [] },
      },
    );
    this.deps.metrics.writes.inc({ verb: 'update', resource: 'kataconfigs/status' });
    const before = findInProgressCondition(kataConfig);
    const after = findInProgressCondition({ status });
    if (
      after &&
      (before?.reason !== after.reason ||
        before.message !== after.message ||
        before.status !== after.status)
    ) {
      const warning =
        after.reason === IN_PROGRESS_REASONS.failed ||
        after.reason === IN_PROGRESS_REASONS.blockedByExistingKataPods ||
        after.reason === IGNORED_REASON;
      await this.event(
        updated,
        warning ? 'Warning' : 'Normal',
        after.reason === '' ? 'Ready' : after.reason,
        after.message === '' ? 'Kata is installed on every selected node' : after.message,
      );
    }
    this.deps.log.info('status updated', {
      kataConfig: nameOf(kataConfig),
      reason: after?.reason ?? '',
      conditionStatus: after?.status ?? '',
      readyNodeCount: status.kataNodes?.readyNodeCount ?? 0,
      nodeCount: status.kataNodes?.nodeCount ?? 0,
    });
    return updated;
  }

  private recordNodeMetrics(status: KataConfigStatus): void {
    const nodes = normalizeKataNodes(status.kataNodes);
    for (const state of KATA_NODE_LISTS)
      this.deps.metrics.nodes.set({ state }, nodes[state].length);
  }
}
