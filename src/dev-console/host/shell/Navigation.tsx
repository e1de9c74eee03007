/**
 * The admin perspective's navigation: a few built-in sections for the kinds the plugin links to,
 * plus the plugin's `console.navigation/section`, `/href`, `/resource-cluster` and `/resource-ns`
 * extensions, placed by `insertAfter` / `insertBefore` like console.
 */
import type {
  HrefNavItem,
  NavSection,
  ResourceClusterNavItem,
  ResourceNSNavItem,
} from '@openshift-console/dynamic-plugin-sdk';
import {
  isHrefNavItem,
  isNavSection,
  isResourceClusterNavItem,
  isResourceNSNavItem,
} from '@openshift-console/dynamic-plugin-sdk/lib/extensions/navigation';
import type { LoadedExtension } from '@openshift/dynamic-plugin-sdk';
import { useExtensions } from '@openshift/dynamic-plugin-sdk';
import { Nav, NavExpandable, NavItem, NavList } from '@patternfly/react-core';
import { useLocation, useNavigate } from 'react-router';
import { translateExtensionString } from '../i18n';
import { listPath } from '../paths';
import type { ModelIndex } from './models';
import { matchesModel } from './models';

interface Link {
  id: string;
  name: string;
  href: string;
  dataAttributes?: Record<string, string>;
}

interface Section {
  id: string;
  name: string;
  links: Link[];
  dataAttributes?: Record<string, string>;
}

/** Built-in sections, kept to kinds the plugin links to; a kind the cluster lacks is left out. */
const BUILT_IN: {
  id: string;
  name: string;
  kinds: { group: string; kind: string; label: string }[];
}[] = [
  { id: 'home', name: 'Home', kinds: [{ group: 'core', kind: 'Namespace', label: 'Namespaces' }] },
  { id: 'workloads', name: 'Workloads', kinds: [{ group: 'core', kind: 'Pod', label: 'Pods' }] },
  {
    id: 'compute',
    name: 'Compute',
    kinds: [
      { group: 'core', kind: 'Node', label: 'Nodes' },
      {
        group: 'machineconfiguration.openshift.io',
        kind: 'MachineConfig',
        label: 'MachineConfigs',
      },
      {
        group: 'machineconfiguration.openshift.io',
        kind: 'MachineConfigPool',
        label: 'MachineConfigPools',
      },
      { group: 'node.k8s.io', kind: 'RuntimeClass', label: 'RuntimeClasses' },
    ],
  },
  {
    id: 'administration',
    name: 'Administration',
    kinds: [
      {
        group: 'apiextensions.k8s.io',
        kind: 'CustomResourceDefinition',
        label: 'CustomResourceDefinitions',
      },
    ],
  },
];

const placeSection = (
  sections: Section[],
  section: Section,
  after?: string | string[],
  before?: string | string[],
) => {
  const ids = (value?: string | string[]) =>
    value === undefined ? [] : Array.isArray(value) ? value : [value];
  for (const id of ids(after)) {
    const index = sections.findIndex((s) => s.id === id);
    if (index >= 0) {
      sections.splice(index + 1, 0, section);
      return;
    }
  }
  for (const id of ids(before)) {
    const index = sections.findIndex((s) => s.id === id);
    if (index >= 0) {
      sections.splice(index, 0, section);
      return;
    }
  }
  sections.push(section);
};

type NavLinkExtension = LoadedExtension<HrefNavItem | ResourceClusterNavItem | ResourceNSNavItem>;

const extensionLink = (extension: NavLinkExtension, index: ModelIndex): Link | null => {
  const { id, name, dataAttributes } = extension.properties;
  const base = {
    id,
    name: translateExtensionString(name ?? id),
    ...(dataAttributes ? { dataAttributes } : {}),
  };
  if (isHrefNavItem(extension)) return { ...base, href: extension.properties.href };
  const { model } = extension.properties as ResourceClusterNavItem['properties'];
  const found = index.models.find((m) => matchesModel(m, model));
  return found ? { ...base, href: listPath(found) } : null;
};

export const Navigation = ({ index }: { index: ModelIndex }) => {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const sectionExtensions = useExtensions<NavSection>(isNavSection);
  const linkExtensions = useExtensions<HrefNavItem | ResourceClusterNavItem | ResourceNSNavItem>(
    (e): e is HrefNavItem | ResourceClusterNavItem | ResourceNSNavItem =>
      isHrefNavItem(e) || isResourceClusterNavItem(e) || isResourceNSNavItem(e),
  );

  const sections: Section[] = BUILT_IN.map((section) => ({
    id: section.id,
    name: section.name,
    links: section.kinds.flatMap(({ group, kind, label }) => {
      const model = index.models.find((m) => matchesModel(m, { group, kind }));
      return model ? [{ id: `${section.id}-${kind}`, name: label, href: listPath(model) }] : [];
    }),
  }));
  for (const extension of sectionExtensions) {
    const { id, name, insertAfter, insertBefore, dataAttributes } = extension.properties;
    placeSection(
      sections,
      {
        id,
        name: translateExtensionString(name ?? id),
        links: [],
        ...(dataAttributes ? { dataAttributes } : {}),
      },
      insertAfter,
      insertBefore,
    );
  }
  for (const extension of linkExtensions) {
    const sectionId = extension.properties.section;
    const link = extensionLink(extension, index);
    const section = sections.find((s) => s.id === sectionId);
    if (link && section) section.links.push(link);
  }

  return (
    <Nav aria-label="Administrator navigation">
      <NavList>
        {sections
          .filter((section) => section.links.length > 0)
          .map((section) => {
            const active = section.links.some((link) => pathname.startsWith(link.href));
            return (
              <NavExpandable
                key={section.id}
                title={section.name}
                groupId={section.id}
                isActive={active}
                isExpanded
                {...section.dataAttributes}
              >
                {section.links.map((link) => (
                  <NavItem
                    key={link.id}
                    itemId={link.id}
                    to={link.href}
                    isActive={pathname.startsWith(link.href)}
                    onClick={(event) => {
                      event.preventDefault();
                      void navigate(link.href);
                    }}
                    {...link.dataAttributes}
                  >
                    {link.name}
                  </NavItem>
                ))}
              </NavExpandable>
            );
          })}
      </NavList>
    </Nav>
  );
};
