/**
 * Writes charts/kata-console-plugin/files/kataconfig-crd.yaml from `kataConfigCrd()`.
 * `npm run chart:crd` (node -r ts-node/register integration-tests/chart/generateCrd.ts).
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { format } from 'prettier';
import { CRD_FILE, ROOT, crdFileSource } from './crdFile';

const main = async (): Promise<void> => {
  writeFileSync(CRD_FILE, await format(crdFileSource(), { parser: 'yaml' }));
  process.stdout.write(`wrote ${relative(ROOT, CRD_FILE)}\n`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
