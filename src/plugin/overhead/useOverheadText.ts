import type { QuantityParseErrorReason } from '../../shared/k8s/quantity';
import type { OverheadFinding, OverheadOrigin } from '../../shared/workloads';
import { useKataTranslation } from '../i18n';

/** A finding in plain words: what is wrong and what happens if it is saved like this. */
export interface FindingText {
  title: string;
  body: string;
}

/** Translates overhead finding ids, quantity error reasons and resource names. */
export const useOverheadText = () => {
  const { t } = useKataTranslation();

  const resourceName = (resource: string): string => {
    if (resource === 'cpu') return t('CPU');
    if (resource === 'memory') return t('Memory');
    return resource;
  };

  const quantityReason = (reason: QuantityParseErrorReason): string => {
    switch (reason) {
      case 'notAString':
        return t('It must be text such as 250m or 350Mi.');
      case 'empty':
        return t('Enter a value, such as 250m for CPU or 350Mi for memory.');
      case 'tooLong':
        return t('It is longer than 256 characters.');
      case 'containsWhitespace':
        return t('It contains a space. Write the number and unit together, such as 350Mi.');
      case 'missingNumber':
        return t('It does not start with a number.');
      case 'invalidNumber':
        return t('The number is malformed: use digits with at most one decimal point.');
      case 'invalidExponent':
        return t('The exponent is malformed: write it like 1e3.');
      case 'unknownSuffix':
        return t(
          'The unit is not a Kubernetes unit. Use Ki, Mi, Gi, Ti (powers of 1024) or m, k, M, G, T (powers of 1000); MB and GB are not accepted.',
        );
      case 'trailingCharacters':
        return t('There are extra characters after the unit.');
      case 'outOfRange':
        return t('It is larger than Kubernetes can store.');
      default:
        return t('It is not a valid quantity.');
    }
  };

  const belowDefaultBody = (resource: string): string =>
    resource === 'memory'
      ? t(
          'Each kata pod runs in a VM: QEMU and virtiofsd use about 300Mi of memory besides the containers. If less is reserved, the node can run short of memory and the kernel may OOM-kill QEMU or virtiofsd, which kills the whole pod.',
        )
      : t(
          'QEMU and virtiofsd need CPU besides the containers. If less is reserved, the scheduler packs more pods onto a node than it can run, and kata pods slow down or fail their probes.',
        );

  const finding = (item: OverheadFinding): FindingText => {
    switch (item.id) {
      case 'handlerRequired':
        return {
          title: t('The RuntimeClass has no handler'),
          body: t('The API server rejects a RuntimeClass without a handler.'),
        };
      case 'handlerImmutable':
        return {
          title: t('The handler cannot be changed'),
          body: t('The API server rejects a change of handler from {{current}} to {{proposed}}.', {
            current: item.params.current,
            proposed: item.params.proposed,
          }),
        };
      case 'invalidQuantity':
        return {
          title: t('{{resource}} "{{value}}" is not a valid quantity', {
            resource: resourceName(item.params.resource),
            value: item.params.value,
          }),
          body: quantityReason(item.params.reason),
        };
      case 'negativeQuantity':
        return {
          title: t('{{resource}} "{{value}}" is negative', {
            resource: resourceName(item.params.resource),
            value: item.params.value,
          }),
          body: t('Overhead cannot be negative: the API server rejects it.'),
        };
      case 'overheadNotSet':
        return {
          title: t('No {{resource}} overhead is set', {
            resource: resourceName(item.params.resource),
          }),
          body: t(
            'The scheduler and quotas then ignore what the VM itself uses. The recommended value is {{recommended}}.',
            { recommended: item.params.recommended },
          ),
        };
      case 'belowMeasuredDefault':
        return {
          title: t('{{resource}} overhead {{value}} is below the recommended {{recommended}}', {
            resource: resourceName(item.params.resource),
            value: item.params.value,
            recommended: item.params.recommended,
          }),
          body: belowDefaultBody(item.params.resource),
        };
      case 'exceedsNodeAllocatable':
        return {
          title: t(
            '{{resource}} overhead {{value}} is more than node {{node}} can allocate ({{allocatable}})',
            {
              resource: resourceName(item.params.resource),
              value: item.params.value,
              node: item.params.node,
              allocatable: item.params.allocatable,
            },
          ),
          body: t(
            'New kata pods cannot be scheduled on {{nodesAffected}} of {{nodesChecked}} kata nodes, because the overhead alone does not fit there. If no node fits, new kata pods stay Pending.',
            {
              nodesAffected: item.params.nodesAffected,
              nodesChecked: item.params.nodesChecked,
            },
          ),
        };
      case 'noNodesToCheck':
        return {
          title: t('Node sizes could not be checked'),
          body: t(
            'No kata node reports its allocatable CPU and memory, so it is unknown whether new kata pods will fit.',
          ),
        };
      case 'appliesToNewPodsOnly':
        return {
          title: t('Only new pods get the new overhead'),
          body: t(
            'Admission copies the overhead into each pod when the pod is created. Kata pods that exist now keep their old overhead until they are recreated: {{runningPods}} at the moment.',
            { runningPods: item.params.runningPods },
          ),
        };
      case 'quotaCountsOverhead':
        return {
          title: t('Resource quotas count the overhead'),
          body: t(
            'Namespaces that run kata pods and have a CPU or memory quota: {{namespaces}}. Each new kata pod uses its requests plus the overhead from the quota, so a larger overhead fits fewer pods and new pods may be rejected once the quota is used up.',
            { namespaces: item.params.namespaces.join(', ') },
          ),
        };
      case 'limitRangeCountsOverhead':
        return {
          title: t('Limit ranges count the overhead'),
          body: t(
            'Namespaces that run kata pods and cap CPU or memory per pod: {{namespaces}}. The overhead is added to the pod total that the cap is checked against, so pods close to the cap are rejected.',
            { namespaces: item.params.namespaces.join(', ') },
          ),
        };
      default:
        return { title: t('Unknown warning'), body: '' };
    }
  };

  const origin = (value: OverheadOrigin): string => {
    switch (value) {
      case 'default':
        return t('Default');
      case 'edited':
        return t('Edited');
      default:
        return t('Not set');
    }
  };

  return { resourceName, quantityReason, finding, origin };
};
