/** The chart's copy of the KataConfig CRD, generated from `kataConfigCrd()` (one source). */
import { join, resolve } from 'node:path';
import { dump } from 'js-yaml';
import { kataConfigCrd } from '../../src/shared/kataconfig/crd';

export const ROOT = resolve(__dirname, '../..');
export const CHART = join(ROOT, 'charts/kata-console-plugin');
export const CRD_FILE = join(CHART, 'files/kataconfig-crd.yaml');

export const CRD_HEADER =
  '# Generated from src/shared/kataconfig/crd.ts by `npm run chart:crd`; do not edit.\n' +
  '# templates/kataconfig-crd.yaml installs it when crd.install is true.\n';

/** The file's text before `prettier` formats it (the generator formats it, lint checks it). */
export const crdFileSource = (): string =>
  CRD_HEADER + dump(kataConfigCrd(), { lineWidth: -1, noRefs: true });
