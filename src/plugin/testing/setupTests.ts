import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Console's convention: tests find elements by `data-test`.
configure({ testIdAttribute: 'data-test' });
