/**
 * The Dockerfiles under charts/images cannot be built here (no container engine), so their
 * inputs are checked: every COPY source exists, every `npm run` script exists, and the
 * reconciler's build (its tsconfig) compiles to JavaScript that plain node runs with only the
 * production dependencies.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, readRepoFile, run } from './chartTools';

jest.setTimeout(120_000);

const DOCKERFILES = ['charts/images/plugin.Dockerfile', 'charts/images/reconciler.Dockerfile'];

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions with continuation lines joined and comments dropped. */
const instructions = (text: string): Instruction[] =>
  text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });

const packageJson = JSON.parse(readRepoFile('package.json')) as {
  scripts: Record<string, string>;
  dependencies?: Record<string, string>;
};

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );

describe.each(DOCKERFILES)('%s', (dockerfile) => {
  const steps = instructions(readRepoFile(dockerfile));

  it('copies only files that exist in the repository (build context: the repository root)', () => {
    const copies = steps.filter((step) => step.keyword === 'COPY' || step.keyword === 'ADD');
    expect(copies.length).toBeGreaterThan(2);
    expect(steps.some((step) => step.keyword === 'ADD')).toBe(false);
    const missing = copies
      .filter((step) => !step.args.startsWith('--from='))
      .flatMap((step) => {
        const words = step.args.split(/\s+/).filter((word) => !word.startsWith('--'));
        return words.slice(0, -1);
      })
      .filter((source) => !existsSync(join(ROOT, source)));
    expect(missing).toEqual([]);
  });

  it('runs only npm scripts that package.json has', () => {
    const scripts = steps
      .filter((step) => step.keyword === 'RUN')
      .flatMap((step) => [...step.args.matchAll(/npm run (?:--\S+ )*([\w:-]+)/g)].map((m) => m[1]));
    for (const script of scripts) expect(Object.keys(packageJson.scripts)).toContain(script);
  });

  it('starts from UBI images and ends as a non-root user', () => {
    const froms = steps.filter((step) => step.keyword === 'FROM').map((step) => step.args);
    expect(froms.length).toBe(2);
    for (const from of froms) expect(from).toMatch(/^\$\{UBI_REGISTRY\}\/ubi9\//);
    const users = steps.filter((step) => step.keyword === 'USER').map((step) => step.args);
    expect(users.at(-1)).toBe('1001');
  });
});

describe('the images', () => {
  it("plugin: builds dist/ with npm run build and serves it with nginx on 9443 and the chart's nginx.conf", () => {
    const text = readRepoFile('charts/images/plugin.Dockerfile');
    expect(text).toMatch(/^FROM \$\{UBI_REGISTRY\}\/ubi9\/nodejs-22:\S+ AS build$/m);
    expect(text).toMatch(/^RUN npm ci\b/m);
    expect(text).toMatch(/^RUN npm run build$/m);
    expect(text).toMatch(/^FROM \$\{UBI_REGISTRY\}\/ubi9\/nginx-\d+:\S+$/m);
    expect(text).toContain(
      'COPY charts/kata-console-plugin/files/nginx.conf /etc/kata-console-plugin/nginx.conf',
    );
    expect(text).toContain('EXPOSE 9443');
  });

  it('reconciler: ubi minimal runtime with production dependencies only', () => {
    const text = readRepoFile('charts/images/reconciler.Dockerfile');
    expect(text).toMatch(/^FROM \$\{UBI_REGISTRY\}\/ubi9\/nodejs-22-minimal:\S+$/m);
    expect(text).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(text).toContain('ENTRYPOINT ["node", "out/reconciler/main.js"]');
  });

  it('reconciler: its tsconfig compiles the entry, which node runs (--help) and whose packages are production dependencies', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kata-reconciler-build-'));
    try {
      const compiled = await run('npx', [
        'tsc',
        '-p',
        'charts/images/tsconfig.reconciler.json',
        '--outDir',
        out,
        // Types are checked by `npm run typecheck`; this checks the emitted program.
        '--noCheck',
      ]);
      expect(compiled.stdout + compiled.stderr).toBe('');
      expect(existsSync(join(out, 'reconciler/main.js'))).toBe(true);
      const help = await run('node', [join(out, 'reconciler/main.js'), '--help'], {
        env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
      });
      expect(help).toEqual({
        code: 0,
        stdout: expect.stringContaining('usage: reconciler') as string,
        stderr: '',
      });
      const builtins = new Set(builtinModules);
      const packages = new Set(
        filesUnder(out)
          .filter((file) => file.endsWith('.js'))
          .flatMap((file) =>
            [...readFileSync(file, 'utf8').matchAll(/require\("([^".][^"]*)"\)/g)].map(
              (m) => m[1] ?? '',
            ),
          )
          .filter((name) => !name.startsWith('node:') && !builtins.has(name))
          .map((name) =>
            name
              .split('/')
              .slice(0, name.startsWith('@') ? 2 : 1)
              .join('/'),
          ),
      );
      expect([...packages].sort()).toEqual(['@kubernetes/client-node', 'prom-client']);
      // `npm ci --omit=dev` in the image installs exactly package.json "dependencies".
      for (const name of packages)
        expect(Object.keys(packageJson.dependencies ?? {})).toContain(name);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
