/**
 * `npm run bench` (bundle part): builds the production plugin and reports, gzipped, the entry
 * script, each page's own chunks, and what a page downloads in console 4.22 (PatternFly from
 * console's share scope) versus when the plugin's fallbacks must be fetched instead.
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { gzipSync } from 'zlib';
import webpack from 'webpack';
import config from '../../webpack.config';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const main = async () => {
  const outDir = mkdtempSync(path.join(tmpdir(), 'kata-bench-'));
  const stats = await new Promise<webpack.StatsCompilation>((resolve, reject) => {
    const compiler = webpack({ ...config, output: { ...config.output, path: outDir } });
    compiler.run((error, result) => {
      compiler.close(() => undefined);
      if (error || !result || result.hasErrors()) {
        reject(error ?? new Error(result?.toString('errors-only') ?? 'no stats'));
        return;
      }
      resolve(result.toJson({ chunks: true, chunkGroups: true, assets: true }));
    });
  });
  const gzipOf = (file: string) => gzipSync(readFileSync(path.join(outDir, file))).length;
  const jsFilesOf = (chunkIds: (string | number)[]) =>
    (stats.chunks ?? [])
      .filter((chunk) => chunk.id !== undefined && chunkIds.includes(chunk.id))
      .flatMap((chunk) => chunk.files.filter((f) => f.endsWith('.js')));

  const manifest = JSON.parse(readFileSync(path.join(outDir, 'plugin-manifest.json'), 'utf8')) as {
    loadScripts: string[];
  };
  const entryBytes = manifest.loadScripts.reduce((sum, f) => sum + gzipOf(f), 0);
  const allJs = (stats.assets ?? []).map((a) => a.name).filter((n) => n.endsWith('.js'));
  const exposedGroups = Object.entries(stats.namedChunkGroups ?? {}).filter(([name]) =>
    name.startsWith('exposed-'),
  );
  const pageFiles = new Set(exposedGroups.flatMap(([, g]) => jsFilesOf(g.chunks ?? [])));
  const fallbackFiles = allJs.filter((f) => !pageFiles.has(f) && !manifest.loadScripts.includes(f));

  console.log(`plugin entry: ${kb(entryBytes)} gzip (${manifest.loadScripts.join(', ')})`);
  for (const [name, group] of exposedGroups) {
    const files = jsFilesOf(group.chunks ?? []);
    const bytes = files.reduce((sum, f) => sum + gzipOf(f), 0);
    console.log(
      `${name}: ${kb(bytes)} gzip in ${files.length} chunk(s); ` +
        `first visit in console 4.22 downloads ${kb(entryBytes + bytes)} (PatternFly from console)`,
    );
  }
  const fallbackBytes = fallbackFiles.reduce((sum, f) => sum + gzipOf(f), 0);
  console.log(
    `shared-module fallbacks (PatternFly and the like, fetched only when console's versions ` +
      `do not satisfy the plugin's ranges): ${kb(fallbackBytes)} gzip in ${fallbackFiles.length} chunks`,
  );
  rmSync(outDir, { recursive: true, force: true });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
