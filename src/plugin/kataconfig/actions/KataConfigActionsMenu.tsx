import type { FC } from 'react';
import { useState } from 'react';
import type { Action } from '@openshift-console/dynamic-plugin-sdk';
import { Dropdown, DropdownItem, DropdownList, MenuToggle, Tooltip } from '@patternfly/react-core';
import { EllipsisVIcon } from '@patternfly/react-icons';
import { useNavigate } from 'react-router';
import type { KataConfig } from '../../../shared/kataconfig/types';
import { useKataTranslation } from '../../i18n';
import { useKataConfigActions } from './useKataConfigActions';

/** The details page header's kebab, showing the same actions the resource provider gives console. */
export const KataConfigActionsMenu: FC<{ kataConfig: KataConfig }> = ({ kataConfig }) => {
  const { t } = useKataTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [actions, loaded] = useKataConfigActions(kataConfig);

  const run = (action: Action) => {
    setOpen(false);
    if (action.disabled) return;
    if (typeof action.cta === 'function') action.cta();
    else void navigate(action.cta.href);
  };

  return (
    <Dropdown
      isOpen={open}
      onOpenChange={setOpen}
      popperProps={{ position: 'right' }}
      toggle={(ref) => (
        <MenuToggle
          ref={ref}
          variant="plain"
          icon={<EllipsisVIcon />}
          aria-label={t('Actions')}
          isExpanded={open}
          isDisabled={!loaded}
          onClick={() => {
            setOpen(!open);
          }}
          data-test="kataconfig-actions"
        />
      )}
    >
      <DropdownList>
        {actions.map((action) => {
          const item = (
            <DropdownItem
              key={action.id}
              isAriaDisabled={action.disabled}
              description={action.description}
              onClick={() => {
                run(action);
              }}
              data-test={`action-${action.id}`}
            >
              {action.label}
            </DropdownItem>
          );
          const tooltip = action.disabled ? action.disabledTooltip : action.tooltip;
          return tooltip ? (
            <Tooltip key={action.id} content={tooltip}>
              {item}
            </Tooltip>
          ) : (
            item
          );
        })}
      </DropdownList>
    </Dropdown>
  );
};
