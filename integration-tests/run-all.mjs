// `npm test`: every check of the project, in order, with one summary line at the end.
// Each non-Jest step counts as one check; Jest counts each test. A failing step does not
// stop the others, so one run reports everything that is wrong.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (command, args, env = {}) =>
  spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status === 0;

const steps = [
  ['lint', () => run('npm', ['run', '--silent', 'lint'])],
  ['typecheck', () => run('npm', ['run', '--silent', 'typecheck'])],
  ['i18n catalogue', () => run('npm', ['run', '--silent', 'i18n:check'])],
];

let passed = 0;
let failed = 0;
const failures = [];
for (const [name, step] of steps) {
  console.log(`\n=== ${name}`);
  if (step()) passed += 1;
  else {
    failed += 1;
    failures.push(name);
  }
}

console.log('\n=== jest');
const resultsDir = mkdtempSync(join(tmpdir(), 'kata-jest-'));
const resultsFile = join(resultsDir, 'results.json');
const jestOk = run('npx', ['jest', '--ci', '--json', `--outputFile=${resultsFile}`], {
  LANG: 'en_US.UTF-8',
});
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests + results.numRuntimeErrorTestSuites;
  if (results.numPendingTests + results.numTodoTests > 0) {
    failed += results.numPendingTests + results.numTodoTests;
    failures.push('skipped or todo tests are not allowed');
  }
  if (!jestOk && results.numFailedTests + results.numRuntimeErrorTestSuites === 0) {
    failed += 1;
    failures.push('jest exited with an error');
  } else if (!jestOk) failures.push('jest');
} catch {
  failed += 1;
  failures.push('jest produced no results');
}
rmSync(resultsDir, { recursive: true, force: true });

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
