// Runs the real command line (`node bin/footprint.js ...`) from the repository root, and checks
// the error contract: exit code, a first line "footprint: error:", no stack trace.
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ExecutionContext } from 'ava';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI_FIXTURES = 'test/fixtures/cli';

/** MaxMind's test databases, read in place; tests that need them are skipped when absent. */
export const MAXMIND_TEST_DATA = path.resolve(REPO_ROOT, '../shared/datasets/maxmind-test-data');
export const hasMaxmindTestData = existsSync(MAXMIND_TEST_DATA);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs footprint with `args` (cwd = repository root) and resolves with its exit code and output. */
export function runCli(args: readonly string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/footprint.js', ...args],
      { cwd: REPO_ROOT, env: { ...process.env, FOOTPRINT_DEBUG: '', ...options.env }, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        let code = 0;
        if (error) code = typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const createdFolders: string[] = [];
process.once('exit', () => {
  for (const folder of createdFolders) rmSync(folder, { recursive: true, force: true });
});

/** Creates a fresh temporary folder for files a test writes; it is removed when the test process exits. */
export async function temporaryFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'footprint-cli-'));
  createdFolders.push(folder);
  return folder;
}

/**
 * Asserts a clean failure: the exit code, stderr starting with "footprint: error:", no stack
 * trace lines ("    at "), nothing on stdout, and each expected fragment in stderr.
 */
export function assertCleanError(t: ExecutionContext, result: CliResult, code: number, fragments: readonly (string | RegExp)[]): void {
  t.is(result.code, code, `exit code; stderr: ${result.stderr}`);
  t.true(result.stderr.startsWith('footprint: error:'), `stderr starts with "footprint: error:": ${result.stderr}`);
  t.false(result.stderr.includes('    at '), `no stack trace in stderr: ${result.stderr}`);
  t.false(result.stderr.includes('internal error'), `no internal error: ${result.stderr}`);
  t.is(result.stdout, '', 'nothing on stdout');
  for (const fragment of fragments) {
    if (typeof fragment === 'string') t.true(result.stderr.includes(fragment), `stderr contains ${JSON.stringify(fragment)}: ${result.stderr}`);
    else t.regex(result.stderr, fragment);
  }
}

/** Parses the JSON output of a successful run, failing the test with stderr when it did not succeed. */
export function parseJsonOutput<T = any>(t: ExecutionContext, result: CliResult): T {
  t.is(result.code, 0, `exit code; stderr: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
