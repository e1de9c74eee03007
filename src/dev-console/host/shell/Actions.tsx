/**
 * `console.action/resource-provider`: console's actions menu on a details page. Each provider hook
 * runs in its own component (console's `ActionsHookResolver`), the actions are ordered by
 * `insertBefore`/`insertAfter`, and an item with an `accessReview` is disabled when it is denied.
 */
import type {
  Action,
  K8sModel,
  K8sResourceCommon,
  ResourceActionProvider,
} from '@openshift-console/dynamic-plugin-sdk';
import { isResourceActionProvider } from '@openshift-console/dynamic-plugin-sdk/lib/extensions/actions';
import { useAccessReview } from '@openshift-console/dynamic-plugin-sdk/lib/app/components/utils/rbac';
import { useResolvedExtensions } from '@openshift/dynamic-plugin-sdk';
import { Dropdown, DropdownItem, DropdownList, MenuToggle } from '@patternfly/react-core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ExtensionErrorBoundary } from './ExtensionErrorBoundary';
import { orderActions } from './extensionLogic';
import { matchesModel } from './models';

type ProviderHook = (resource: K8sResourceCommon) => [Action[], boolean, unknown];

const HookResolver = ({
  id,
  useProvider,
  resource,
  onChange,
}: {
  id: string;
  useProvider: ProviderHook;
  resource: K8sResourceCommon;
  onChange: (id: string, actions: Action[]) => void;
}) => {
  const [actions, loaded] = useProvider(resource);
  useEffect(() => {
    if (loaded) onChange(id, actions);
  }, [id, actions, loaded, onChange]);
  return null;
};

interface ItemProps {
  action: Action;
  onSelect: () => void;
}

const ActionItem = ({ action, onSelect, allowed = true }: ItemProps & { allowed?: boolean }) => {
  const disabled = action.disabled === true || !allowed;
  const tooltip = disabled ? (action.disabledTooltip ?? action.tooltip) : action.tooltip;
  return (
    <DropdownItem
      data-test-action={action.id}
      isAriaDisabled={disabled}
      description={action.description}
      icon={action.icon}
      onClick={onSelect}
      {...(tooltip ? { tooltipProps: { content: tooltip } } : {})}
    >
      {action.label}
    </DropdownItem>
  );
};

const ReviewedActionItem = ({
  review,
  ...props
}: ItemProps & { review: NonNullable<Action['accessReview']> }) => (
  <ActionItem {...props} allowed={useAccessReview(review)[0]} />
);

export const ResourceActions = ({
  model,
  resource,
}: {
  model: K8sModel;
  resource: K8sResourceCommon;
}) => {
  const [providers, resolved] =
    useResolvedExtensions<ResourceActionProvider>(isResourceActionProvider);
  const mine = useMemo(
    () => providers.filter((p) => matchesModel(model, p.properties.model)),
    [providers, model],
  );
  const [byProvider, setByProvider] = useState<Record<string, Action[]>>({});
  const onChange = useCallback((id: string, actions: Action[]) => {
    setByProvider((old) => ({ ...old, [id]: actions }));
  }, []);
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const actions = orderActions(mine.flatMap((p) => byProvider[p.uid] ?? []));
  const run = (action: Action) => {
    setOpen(false);
    if (typeof action.cta === 'function') action.cta();
    else if (action.cta.external) window.open(action.cta.href, '_blank', 'noopener,noreferrer');
    else void navigate(action.cta.href);
  };
  if (!resolved || mine.length === 0) return null;
  return (
    <>
      {mine.map((p) => (
        <ExtensionErrorBoundary key={p.uid}>
          <HookResolver
            id={p.uid}
            useProvider={p.properties.provider as ProviderHook}
            resource={resource}
            onChange={onChange}
          />
        </ExtensionErrorBoundary>
      ))}
      {actions.length > 0 ? (
        <Dropdown
          isOpen={open}
          onOpenChange={setOpen}
          popperProps={{ position: 'right' }}
          toggle={(ref) => (
            <MenuToggle
              ref={ref}
              onClick={() => {
                setOpen(!open);
              }}
              isExpanded={open}
              data-test="actions-menu-button"
            >
              Actions
            </MenuToggle>
          )}
        >
          <DropdownList data-test="actions-menu">
            {actions.map((action) =>
              action.accessReview ? (
                <ReviewedActionItem
                  key={action.id}
                  action={action}
                  review={action.accessReview}
                  onSelect={() => {
                    run(action);
                  }}
                />
              ) : (
                <ActionItem
                  key={action.id}
                  action={action}
                  onSelect={() => {
                    run(action);
                  }}
                />
              ),
            )}
          </DropdownList>
        </Dropdown>
      ) : null}
    </>
  );
};
