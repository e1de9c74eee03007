import { TextDecoder, TextEncoder } from 'util';
import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// jsdom lacks these; react-router 7 needs them at import time.
Object.assign(globalThis, { TextEncoder, TextDecoder });

// Console's convention: tests find elements by `data-test`.
configure({ testIdAttribute: 'data-test' });
