import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import { OverheadSummary } from './OverheadSummary';
import { kataRuntimeClass, serveLists } from './testObjects';

const mockedWatch = jest.mocked(useK8sWatchResource);

const renderSummary = (runtimeClassNames: string[]) =>
  render(
    <MemoryRouter>
      <OverheadSummary runtimeClassNames={runtimeClassNames} />
    </MemoryRouter>,
  );

beforeEach(() => {
  jest.resetAllMocks();
});

describe('OverheadSummary', () => {
  it('shows each class with its overhead, default or edited, and a link to the editor', () => {
    serveLists(mockedWatch, {
      RuntimeClass: [
        [
          kataRuntimeClass(),
          kataRuntimeClass({
            metadata: { name: 'kata-remote' },
            handler: 'kata-remote',
            overhead: { podFixed: { cpu: '500m', memory: '1Gi' } },
          }),
        ],
        true,
        undefined,
      ],
    });
    renderSummary(['kata', 'kata-remote', 'kata-missing']);

    const kata = screen.getByTestId('overhead-summary-kata');
    expect(kata).toHaveTextContent('250m');
    expect(kata).toHaveTextContent('350Mi');
    expect(within(kata).getByText('Default')).toBeInTheDocument();
    expect(within(kata).getByTestId('overhead-summary-edit-kata')).toHaveAttribute(
      'href',
      '/k8s/cluster/node.k8s.io~v1~RuntimeClass/kata/pod-overhead',
    );
    const remote = screen.getByTestId('overhead-summary-kata-remote');
    expect(remote).toHaveTextContent('1Gi');
    expect(within(remote).getByText('Edited')).toBeInTheDocument();
    expect(screen.getByTestId('overhead-summary-kata-missing')).toHaveTextContent(
      'the RuntimeClass does not exist (yet)',
    );
  });

  it('says when there is no RuntimeClass yet', () => {
    serveLists(mockedWatch, { RuntimeClass: [[], true, undefined] });
    renderSummary([]);
    expect(screen.getByTestId('overhead-summary-empty')).toBeInTheDocument();
  });

  it('shows the server message when RuntimeClasses cannot be listed', () => {
    serveLists(mockedWatch, {
      RuntimeClass: [[], false, { message: 'runtimeclasses.node.k8s.io is forbidden' }],
    });
    renderSummary(['kata']);
    expect(screen.getByTestId('load-error')).toHaveTextContent(
      'runtimeclasses.node.k8s.io is forbidden',
    );
  });

  it('shows a spinner until RuntimeClasses arrive', () => {
    serveLists(mockedWatch, { RuntimeClass: [[], false, undefined] });
    renderSummary(['kata']);
    expect(screen.getByLabelText('Loading pod overhead')).toBeInTheDocument();
  });
});
