/** Keeps a failing plugin component from taking the shell down, and records the error like console. */
import { Alert } from '@patternfly/react-core';
import type { ErrorInfo, ReactNode } from 'react';
import { Component } from 'react';
import { recordWindowError } from '../errors';

interface Props {
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class ExtensionErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Plugin component error', error, info.componentStack);
    recordWindowError(`Plugin component error: ${error.message}`);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error) {
      return (
        <Alert
          variant="danger"
          isInline
          title="This page failed to render"
          data-test="plugin-error"
        >
          {error.message}
        </Alert>
      );
    }
    return this.props.children;
  }
}
