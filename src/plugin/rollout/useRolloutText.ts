import { useMemo } from 'react';
import type { MaxUnavailableError } from '../../shared/mco/maxUnavailable';
import type {
  MachineConfigNodeIgnored,
  NodePhase,
  NodePhaseNote,
  NodeStep,
} from '../../shared/mco/nodePhase';
import type { PoolRolloutState } from '../../shared/mco/poolProgress';
import type { EtaUnknownReason, RolloutEta } from '../../shared/mco/rolloutEta';
import { durationParts } from '../../shared/mco/rolloutView';
import { useKataTranslation } from '../i18n';

/**
 * Translations of the rollout logic's ids (src/shared/mco returns ids with parameters, never
 * English), in one place so every rollout surface words them alike.
 */
export const useRolloutText = () => {
  const { t } = useKataTranslation();
  return useMemo(() => {
    const phase = (p: NodePhase | 'all'): string => {
      switch (p) {
        case 'all':
          return t('All');
        case 'queued':
          return t('Queued');
        case 'cordoned':
          return t('Cordoned');
        case 'draining':
          return t('Draining');
        case 'applying':
          return t('Applying');
        case 'rebooting':
          return t('Rebooting');
        case 'done':
          return t('Done');
        case 'degraded':
          return t('Degraded');
        case 'unknown':
          return t('Unknown');
      }
    };

    const step = (s: NodeStep): string => {
      switch (s) {
        case 'waiting':
          return t('Waiting for its turn');
        case 'targeted':
          return t('Targeted');
        case 'preparing':
          return t('Preparing the update');
        case 'cordoning':
          return t('Cordoning');
        case 'cordoned':
          return t('Cordoned');
        case 'draining':
          return t('Draining pods');
        case 'applying':
          return t('Applying files and OS');
        case 'post-action':
          return t('Running the post-update action');
        case 'rebooting':
          return t('Rebooting');
        case 'resuming':
          return t('Resuming after the reboot');
        case 'uncordoning':
          return t('Uncordoning');
        case 'updated':
          return t('Updated');
        case 'degraded':
          return t('Degraded');
        case 'unknown':
          return t('Unknown');
      }
    };

    const note = (n: NodePhaseNote): string => {
      switch (n.id) {
        case 'noTargetConfig':
          return t('The pool has no target rendered config yet.');
        case 'noMcoAnnotations':
          return t('The Machine Config Operator has not reported on this node.');
        case 'annotationMissing':
          return t('The node lacks the {{annotation}} annotation.', n.params);
        case 'degradedWithoutReason':
          return t('The machine-config daemon reports {{state}} without a reason.', n.params);
        case 'unrecognisedState':
          return t(
            'The machine-config daemon reports an unrecognised state "{{state}}".',
            n.params,
          );
        case 'stateContradictsConfig':
          return t(
            'The machine-config daemon reports {{state}} although the node already has its desired config.',
            n.params,
          );
        case 'waitingForTarget':
          return t('Waiting for the pool to target this node (maxUnavailable).');
        case 'waitingForDaemon':
          return t('Waiting for the machine-config daemon to start.');
        case 'waitingForCordon':
          return t('Drain requested; waiting for the node to be cordoned.');
      }
    };

    const machineConfigNodeIgnored = (i: MachineConfigNodeIgnored): string => {
      switch (i.id) {
        case 'describesOtherNode':
          return t('Its MachineConfigNode describes node "{{node}}".', i.params);
        case 'noConditions':
          return t('Its MachineConfigNode has no conditions yet.');
        case 'desiredConfigDiffers':
          return t(
            'Its MachineConfigNode wants {{machineConfigNode}}, the node {{node}}.',
            i.params,
          );
        case 'currentConfigDiffers':
          return t(
            'Its MachineConfigNode says {{machineConfigNode}} is current, the node {{node}}.',
            i.params,
          );
        case 'desiredConfigNotSet':
          return t('Its MachineConfigNode has not recorded the desired config yet.');
      }
    };

    const etaUnknown = (r: EtaUnknownReason): string => {
      switch (r.id) {
        case 'nodeDegraded':
          return t('Degraded nodes must recover before the pool can finish.');
        case 'nodesInUnknownState':
          return t('Nodes in an unknown state: {{unknownNodes}}.', r.params);
        case 'pausedWithQueuedNodes':
          return t('The pool is paused: queued nodes will not start.');
        case 'maxUnavailableUnusable':
          return t('The pool’s maxUnavailable is not usable.');
        case 'noNodeFinishedYet':
          return t('No node has finished yet, so there is no duration to go by.');
        case 'slotsTakenByUnavailableNodes':
          return t('Unavailable nodes use every maxUnavailable slot.');
      }
    };

    const duration = (ms: number): string => {
      const { days, hours, minutes, seconds } = durationParts(ms);
      if (days > 0) return t('{{days}}d {{hours}}h', { days, hours });
      if (hours > 0) return t('{{hours}}h {{minutes}}m', { hours, minutes });
      if (minutes > 0) return t('{{minutes}}m {{seconds}}s', { minutes, seconds });
      return t('{{seconds}}s', { seconds });
    };

    const eta = (e: RolloutEta): string => {
      switch (e.kind) {
        case 'done':
          return t('Nothing left to update');
        case 'estimate':
          return t('About {{remaining}} left (a node takes about {{perNode}})', {
            remaining: duration(e.remainingMs),
            perNode: duration(e.perNodeMs),
          });
        case 'unknown':
          return t('Time left unknown: {{why}}', { why: etaUnknown(e.reason) });
      }
    };

    const poolState = (s: PoolRolloutState): string => {
      switch (s) {
        case 'updated':
          return t('Up to date');
        case 'updating':
          return t('Updating');
        case 'degraded':
          return t('Degraded');
        case 'paused':
          return t('Paused');
        case 'pending':
          return t('Pending');
        case 'unknown':
          return t('Unknown');
      }
    };

    const maxUnavailableError = (e: MaxUnavailableError): string => {
      switch (e.id) {
        case 'notAnInteger':
          return t('maxUnavailable {{value}} is not an integer.', e.params);
        case 'notIntegerOrPercentage':
          return t('maxUnavailable "{{value}}" is neither an integer nor a percentage.', e.params);
        case 'negative':
          return t('maxUnavailable {{value}} is negative.', e.params);
      }
    };

    return {
      phase,
      step,
      note,
      machineConfigNodeIgnored,
      etaUnknown,
      duration,
      eta,
      poolState,
      maxUnavailableError,
    };
  }, [t]);
};

export type RolloutText = ReturnType<typeof useRolloutText>;
