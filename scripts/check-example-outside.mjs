#!/usr/bin/env node
// Proves that an example works outside this workspace, the way its README says: every package
// under packages/ packed with `pnpm pack`, the example copied into a temp folder with its own
// package.json (dependencies on the tarballs, overrides for the transitive ones) and tsconfig,
// `npm install` from the registry, type-checked, then run against the simulators on 127.0.0.1.
//
//   node scripts/check-example-outside.mjs [example] [--out <dir>]
//
// `example` defaults to custom-pricing; `--out` writes the project there and keeps it (a way to
// start your own project from an example). Needs `pnpm build` first. Exit 0 when the example
// ran and reported its checked outcome, 1 otherwise (with what failed and where).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  exampleNames,
  exportExample,
  packAll,
  root,
  workspacePackages,
} from './examples/outside-manifest.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log('usage: node scripts/check-example-outside.mjs [example] [--out <dir>]');
  process.exit(0);
}
const example = positionals[0] ?? 'custom-pricing';
if (!exampleNames().includes(example)) {
  fail(`no example "${example}"; there are: ${exampleNames().join(', ')}`);
}
const base = values.out
  ? resolve(values.out)
  : mkdtempSync(join(tmpdir(), 'kaspi-connect-outside-'));
if (!relative(root, base).startsWith('..')) {
  fail(`${base} is inside the workspace; npm would see the workspace's node_modules`);
}
for (const { name, dir } of workspacePackages()) {
  if (!existsSync(join(dir, 'dist'))) fail(`${name} is not built: run pnpm build first`);
}
const started = performance.now();
const project = join(base, example);
try {
  const tarballs = packAll(join(base, 'tarballs'));
  exportExample(example, project, tarballs);
  step(`packed ${Object.keys(tarballs).length} packages, copied examples/${example} to ${project}`);

  // Bounded, but generous: without a prebuilt better-sqlite3 (no GitHub access) npm compiles it,
  // about 10 minutes on a loaded 2-core machine; examples without the runner take under a minute.
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], 1200);
  checkLockedToTarballs(join(project, 'package-lock.json'));
  await run('npm', ['run', '--silent', 'typecheck'], 180);
  const output = await run('npm', ['run', '--silent', 'test'], 180);
  checkOutcome(output);
  step(`ok in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  process.exitCode = 1;
  console.error(`check-example-outside: ${error instanceof Error ? error.message : error}`);
} finally {
  if (!values.out) rmSync(base, { recursive: true, force: true });
}

/**
 * Runs a command in the project with a deadline. It gets its own process group, so a timeout
 * kills npm together with what it started (a compiler, the example's simulators).
 */
function run(command, args, timeoutS) {
  const label = `${command} ${args.join(' ')}`;
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(command, args, { cwd: project, env: cleanEnv(), detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid, 'SIGKILL');
    }, timeoutS * 1000);
    child.on('error', (error) => {
      clearTimeout(timer);
      rejectRun(new Error(`${label} in ${project}: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) rejectRun(new Error(`${label} in ${project} took longer than ${timeoutS} s`));
      else if (code !== 0) {
        rejectRun(new Error(`${label} in ${project} exited with ${code}\n${stdout}${stderr}`));
      } else {
        step(`${label}: ok`);
        resolveRun(stdout);
      }
    });
  });
}

/** pnpm's npm_config_* variables would steer npm when this script runs under pnpm. */
function cleanEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_)/i.test(key)),
  );
}

/** Every @kaspi-connect package npm installed must come from a tarball, never the registry. */
function checkLockedToTarballs(lockFile) {
  const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
  const ours = new Set(workspacePackages().map((p) => p.name));
  const installed = Object.entries(lock.packages ?? {}).filter(([path]) =>
    ours.has(path.replace(/^.*node_modules\//, '')),
  );
  if (installed.length === 0) throw new Error('npm installed no @kaspi-connect package');
  for (const [path, entry] of installed) {
    const resolvedFrom = entry.resolved ?? '';
    if (!resolvedFrom.startsWith('file:') || !resolvedFrom.endsWith('.tgz')) {
      throw new Error(
        `${path} was installed from ${resolvedFrom || 'an unknown source'}, not from a packed tarball`,
      );
    }
  }
  step(`${installed.length} @kaspi-connect packages installed, all from tarballs`);
}

/**
 * The example asserts against the simulators' own records and prints one summary line; for
 * custom-pricing the line's offer count must also equal what the simulated Kaspi accepted.
 */
function checkOutcome(output) {
  const summary = output.split('\n').find((line) => line.startsWith(`${example}: `));
  if (!summary) throw new Error(`examples/${example} printed no "${example}:" summary:\n${output}`);
  if (example === 'custom-pricing') {
    const offers = Number(/: (\d+) offers/.exec(summary)?.[1]);
    const accepted = Number(/Kaspi accepted (\d+)/.exec(summary)?.[1]);
    if (!(offers > 0) || offers !== accepted) {
      throw new Error(
        `expected the simulated Kaspi to accept every offer of a non-empty feed: ${summary}`,
      );
    }
  }
  step(summary);
}

function step(message) {
  console.log(`check-example-outside: ${message}`);
}

function fail(message) {
  console.error(`check-example-outside: ${message}`);
  process.exit(1);
}
