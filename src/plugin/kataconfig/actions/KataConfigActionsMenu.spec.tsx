import { fireEvent, render, renderHook, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { useAccessReview } from '@openshift-console/dynamic-plugin-sdk';
import type { KataConfig } from '../../../shared/kataconfig/types';
import { KataConfigActionsMenu } from './KataConfigActionsMenu';
import { useKataConfigActions } from './useKataConfigActions';

const mockedAccessReview = jest.mocked(useAccessReview);
const kataConfig: KataConfig = { metadata: { name: 'example-kataconfig' } };

const Where = () => <div data-test="location">{useLocation().pathname}</div>;

const renderMenu = () =>
  render(
    <MemoryRouter>
      <KataConfigActionsMenu kataConfig={kataConfig} />
      <Routes>
        <Route path="*" element={<Where />} />
      </Routes>
    </MemoryRouter>,
  );

/** Renders the hook alone, as console's action service does. */
const actionsOf = () => renderHook(() => useKataConfigActions(kataConfig)).result.current;

beforeEach(() => {
  jest.resetAllMocks();
  mockedAccessReview.mockReturnValue([true, false]);
});

describe('useKataConfigActions', () => {
  it('offers Edit YAML, Edit pod overhead and Uninstall with their pages', () => {
    const [actions, loaded] = actionsOf();
    expect(loaded).toBe(true);
    expect(actions.map((a) => [a.id, a.cta, a.disabled])).toEqual([
      [
        'kataconfig-edit-yaml',
        {
          href: '/k8s/cluster/kataconfiguration.openshift.io~v1~KataConfig/example-kataconfig/yaml',
        },
        false,
      ],
      [
        'kataconfig-edit-pod-overhead',
        { href: '/k8s/cluster/node.k8s.io~v1~RuntimeClass/kata/pod-overhead' },
        false,
      ],
      [
        'kataconfig-uninstall',
        {
          href: '/k8s/cluster/kataconfiguration.openshift.io~v1~KataConfig/example-kataconfig/uninstall',
        },
        false,
      ],
    ]);
  });

  it('asks the API about update, patch and delete for exactly these objects', () => {
    actionsOf();
    expect(mockedAccessReview).toHaveBeenCalledWith({
      group: 'kataconfiguration.openshift.io',
      resource: 'kataconfigs',
      name: 'example-kataconfig',
      verb: 'update',
    });
    expect(mockedAccessReview).toHaveBeenCalledWith({
      group: 'kataconfiguration.openshift.io',
      resource: 'kataconfigs',
      name: 'example-kataconfig',
      verb: 'delete',
    });
    expect(mockedAccessReview).toHaveBeenCalledWith({
      group: 'node.k8s.io',
      resource: 'runtimeclasses',
      name: 'kata',
      verb: 'patch',
    });
  });

  it('disables every action for a user the API would refuse', () => {
    mockedAccessReview.mockReturnValue([false, false]);
    const [actions] = actionsOf();
    expect(actions.every((a) => a.disabled)).toBe(true);
  });

  it('is not loaded while access reviews are pending', () => {
    mockedAccessReview.mockReturnValue([false, true]);
    expect(actionsOf()[1]).toBe(false);
  });
});

describe('KataConfigActionsMenu', () => {
  it('navigates to the action page from the kebab', () => {
    renderMenu();
    fireEvent.click(screen.getByTestId('kataconfig-actions'));
    fireEvent.click(screen.getByText('Uninstall'));
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/k8s/cluster/kataconfiguration.openshift.io~v1~KataConfig/example-kataconfig/uninstall',
    );
  });

  it('does nothing for a disabled action', () => {
    mockedAccessReview.mockReturnValue([false, false]);
    renderMenu();
    fireEvent.click(screen.getByTestId('kataconfig-actions'));
    fireEvent.click(screen.getByText('Edit YAML'));
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/);
  });
});
