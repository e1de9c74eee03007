import type { PartialKeys, VirtualizerOptions } from '@tanstack/virtual-core';
import {
  Virtualizer,
  elementScroll,
  observeElementOffset,
  observeElementRect,
} from '@tanstack/virtual-core';
import { useLayoutEffect, useReducer, useState } from 'react';

export type ElementVirtualizerOptions = PartialKeys<
  VirtualizerOptions<HTMLDivElement, Element>,
  'observeElementRect' | 'observeElementOffset' | 'scrollToFn'
>;

/**
 * A virtualizer over a scrolling element, on `@tanstack/virtual-core` directly. The React adapter
 * (`@tanstack/react-virtual`) imports react-dom for `flushSync`; console does not share react-dom
 * with plugins, so that import bundled a second react-dom (about 40 KB gzip) into every page
 * showing a rollout. Without `flushSync` a fast scroll may paint one frame late; nothing else differs.
 */
export const useElementVirtualizer = (
  options: ElementVirtualizerOptions,
): Virtualizer<HTMLDivElement, Element> => {
  const [, rerender] = useReducer((renders: number) => renders + 1, 0);
  const resolved: VirtualizerOptions<HTMLDivElement, Element> = {
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    ...options,
    onChange: (instance, sync) => {
      rerender();
      options.onChange?.(instance, sync);
    },
  };
  const [virtualizer] = useState(() => new Virtualizer(resolved));
  virtualizer.setOptions(resolved);
  useLayoutEffect(() => virtualizer._didMount(), [virtualizer]);
  useLayoutEffect(() => {
    virtualizer._willUpdate();
  });
  return virtualizer;
};
