// `npm run i18n` rewrites locales/en from the sources; `--check` fails when it is out of date.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const outRoot = check ? mkdtempSync(join(tmpdir(), 'kata-i18n-')) : join(root, 'locales');

execFileSync(
  join(root, 'node_modules/.bin/i18next'),
  [
    '--config',
    join(root, '.config/i18next-parser.config.mjs'),
    '--output',
    join(outRoot, '$LOCALE/$NAMESPACE.json'),
    '--silent',
    'src/plugin/**/!(*.spec).{ts,tsx}',
    'console-extensions.json',
  ],
  { cwd: root, stdio: 'inherit' },
);

if (check) {
  const problems = [];
  for (const locale of readdirSync(outRoot)) {
    for (const file of readdirSync(join(outRoot, locale))) {
      const committedPath = join(root, 'locales', locale, file);
      const expected = readFileSync(join(outRoot, locale, file), 'utf8');
      if (!existsSync(committedPath)) problems.push(`locales/${locale}/${file} is missing`);
      else if (readFileSync(committedPath, 'utf8') !== expected) {
        const committed = JSON.parse(readFileSync(committedPath, 'utf8'));
        const wanted = JSON.parse(expected);
        const missing = Object.keys(wanted).filter((k) => !(k in committed));
        const stale = Object.keys(committed).filter((k) => !(k in wanted));
        problems.push(
          `locales/${locale}/${file} is out of date` +
            (missing.length
              ? `\n  missing: ${missing.map((k) => JSON.stringify(k)).join(', ')}`
              : '') +
            (stale.length ? `\n  unused: ${stale.map((k) => JSON.stringify(k)).join(', ')}` : ''),
        );
      }
    }
  }
  rmSync(outRoot, { recursive: true, force: true });
  if (problems.length) {
    console.error(`${problems.join('\n')}\nRun \`npm run i18n\` and commit the result.`);
    process.exit(1);
  }
  console.log('English catalogue is up to date.');
}
