/**
 * `npm run bench` (rollout part): RolloutView with 5,000 nodes in the pool, in jsdom with
 * react-dom. Reports the first render (watch data to a committed table) and the cost of one
 * update: a burst of watch events for 50 nodes, rendered as they arrive, then folded into one
 * derivation and commit by the coalescing timer.
 *
 * Run: node -r ts-node/register integration-tests/bench/rolloutView.tsx
 */
import Module from 'module';
import * as path from 'path';
import i18next from 'i18next';
import { JSDOM } from 'jsdom';
import { initReactI18next } from 'react-i18next';
import type * as ReactDom from 'react-dom';
import type * as ReactDomClient from 'react-dom/client';
import type * as RolloutViewModule from '../../src/plugin/rollout/RolloutView';
import type * as RolloutModelModule from '../../src/plugin/rollout/hooks/useRolloutModel';
import type * as RolloutTestData from '../../src/plugin/rollout/testing/rolloutTestData';
import type { Step } from '../../src/plugin/rollout/testing/rolloutTestData';
import type * as SdkStub from './rolloutSdkStub';

const NODES = 5000;
const UPDATES = 20;
const NODES_PER_UPDATE = 50;

// A browser-like global environment before React loads.
const dom = new JSDOM('<!doctype html><html><body><div id="root"></div></body></html>', {
  pretendToBeVisual: true,
});
Object.assign(globalThis, {
  window: dom.window,
  document: dom.window.document,
  navigator: dom.window.navigator,
  HTMLElement: dom.window.HTMLElement,
  Node: dom.window.Node,
  getComputedStyle: dom.window.getComputedStyle.bind(dom.window),
  requestAnimationFrame: dom.window.requestAnimationFrame.bind(dom.window),
  cancelAnimationFrame: dom.window.cancelAnimationFrame.bind(dom.window),
});

// The SDK only exists inside console: answer it from the benchmark's store. CSS is webpack's job.
const stub = path.join(__dirname, 'rolloutSdkStub.tsx');
const moduleWithResolve = Module as unknown as {
  _resolveFilename: (request: string, ...rest: unknown[]) => string;
};
const resolveFilename = moduleWithResolve._resolveFilename;
const noStyles = path.join(__dirname, 'noStyles.ts');
moduleWithResolve._resolveFilename = (request, ...rest) =>
  request === '@openshift-console/dynamic-plugin-sdk'
    ? stub
    : request.endsWith('.css')
      ? noStyles
      : resolveFilename(request, ...rest);

/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the globals above */
const { createRoot } = require('react-dom/client') as typeof ReactDomClient;
// flushSync renders, commits and runs the effects of a synchronous update before it returns, in
// development and production builds alike (act exists only in development).
const { flushSync } = require('react-dom') as typeof ReactDom;
const { setWatchAnswers } = require('./rolloutSdkStub') as typeof SdkStub;
const { RolloutView } = require('../../src/plugin/rollout/RolloutView') as typeof RolloutViewModule;
const { COALESCE_MS } =
  require('../../src/plugin/rollout/hooks/useRolloutModel') as typeof RolloutModelModule;
const data = require('../../src/plugin/rollout/testing/rolloutTestData') as typeof RolloutTestData;
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The coalescing timer is taken over so its flush can be run, and timed, on demand (instead of
 * waiting COALESCE_MS of wall time); every other timer runs normally.
 */
const pendingFlushes: (() => void)[] = [];
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((callback: () => void, ms?: number, ...args: unknown[]) => {
  if (ms === COALESCE_MS || ms === 0) {
    pendingFlushes.push(callback);
    return realSetTimeout(() => undefined, 0);
  }
  return realSetTimeout(callback, ms, ...args);
}) as typeof setTimeout;

const runFlushes = () => {
  for (let callback = pendingFlushes.shift(); callback; callback = pendingFlushes.shift()) {
    callback();
  }
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

const main = async () => {
  // Keys are English: without a catalogue the plugin shows them as they are.
  await i18next.use(initReactI18next).init({ lng: 'en', resources: {}, showSupportNotice: false });
  const undoViewport = data.giveRolloutScrollerAViewport(1280, 600);
  const steps: Step[] = ['queued', 'working', 'rebooting', 'done'];
  let nodes = Array.from({ length: NODES }, (_, i) =>
    data.node(`worker-${String(i).padStart(4, '0')}`, i < 1000 ? 'done' : 'queued'),
  );
  const pool = data.pool('kata-oc', {
    machineCount: NODES,
    updatedMachineCount: 1000,
    conditions: [{ type: 'Updating', status: 'True', message: 'All nodes are updating' }],
  });
  const serve = () => {
    setWatchAnswers(data.answerWatch({ pool, pools: [pool], nodes }));
  };
  serve();

  const container = document.getElementById('root');
  if (!container) throw new Error('no root');
  const root = createRoot(container);
  let started = performance.now();
  flushSync(() => {
    root.render(<RolloutView poolName="kata-oc" />);
  });
  flushSync(runFlushes);
  const firstRenderMs = performance.now() - started;
  const rowsInDom = container.querySelectorAll('tr[data-test^="rollout-row-"]').length;
  if (rowsInDom === 0) throw new Error('the table rendered no row');

  const eventMs: number[] = [];
  const flushMs: number[] = [];
  for (let u = 0; u < UPDATES; u += 1) {
    // One burst: each of 50 nodes moves a step, one watch event at a time.
    started = performance.now();
    for (let k = 0; k < NODES_PER_UPDATE; k += 1) {
      const index = 1000 + ((u * NODES_PER_UPDATE + k) % (NODES - 1000));
      const current = nodes[index];
      if (!current) continue;
      const next = steps[(u % (steps.length - 1)) + 1] ?? 'done';
      nodes = [...nodes];
      nodes[index] = data.node(current.metadata?.name ?? '', next, String(u + 2));
      flushSync(serve);
    }
    eventMs.push((performance.now() - started) / NODES_PER_UPDATE);
    started = performance.now();
    flushSync(runFlushes);
    flushMs.push(performance.now() - started);
  }
  flushSync(() => {
    root.unmount();
  });
  undoViewport();

  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(`Rollout view, ${NODES} nodes in the pool (jsdom + react-dom 18):`);
  console.log(
    `  first render (derive + commit, ${rowsInDom} rows in the DOM): ${fmt(firstRenderMs)}`,
  );
  console.log(`  per watch event, before coalescing (median): ${fmt(median(eventMs))}`);
  console.log(
    `  per coalesced update of ${NODES_PER_UPDATE} nodes (derive + commit, median of ${UPDATES}): ${fmt(median(flushMs))}`,
  );
  console.log(`  per coalesced update, worst: ${fmt(Math.max(...flushMs))}`);
};

void main();
