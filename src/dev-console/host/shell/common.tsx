/** Small pieces shared by the shell's pages. */
import { Bullseye, Spinner } from '@patternfly/react-core';

export const Loading = () => (
  <Bullseye>
    <Spinner aria-label="Loading" />
  </Bullseye>
);

export const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === 'string' ? error : 'Unknown error';
