#!/usr/bin/env node
// Structure check: no hand-written source file over 400 lines, no function over 100 lines, and a
// small runtime surface for the runner's root entry. Generated files are exempt.
// Usage: node scripts/check-structure.mjs [--report]   (--report prints offenders but exits 0)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(join(root, 'packages/runner/package.json'));
const ts = require('typescript');

const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 100;
const MAX_RUNNER_ROOT_VALUES = 30;
const report = process.argv.includes('--report');

function isGenerated(path) {
  return /\.generated\.ts$/.test(path) || /\/generated\//.test(path);
}

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

const roots = [];
for (const group of ['packages', 'examples']) {
  const base = join(root, group);
  if (!existsSync(base)) continue;
  for (const name of readdirSync(base)) {
    const src = join(base, name, 'src');
    if (existsSync(src)) roots.push(src);
  }
}

const problems = [];
for (const src of roots) {
  for (const path of sourceFiles(src)) {
    if (isGenerated(path)) continue;
    const text = readFileSync(path, 'utf8');
    const rel = relative(root, path);
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (lines > MAX_FILE_LINES) problems.push(`${rel}: ${lines} lines (max ${MAX_FILE_LINES})`);
    const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
        const end = file.getLineAndCharacterOfPosition(node.getEnd()).line;
        const span = end - start + 1;
        if (span > MAX_FUNCTION_LINES) {
          const name =
            node.name?.getText(file) ?? node.parent?.name?.getText?.(file) ?? '(anonymous)';
          problems.push(
            `${rel}:${start + 1}: function ${name} is ${span} lines (max ${MAX_FUNCTION_LINES})`,
          );
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
}

const runnerEntry = join(root, 'packages/runner/dist/index.js');
if (existsSync(runnerEntry)) {
  const values = Object.keys(await import(pathToFileURL(runnerEntry).href));
  if (values.length > MAX_RUNNER_ROOT_VALUES) {
    problems.push(
      `@kaspi-connect/runner root exports ${values.length} runtime values (max ${MAX_RUNNER_ROOT_VALUES})`,
    );
  }
} else {
  problems.push('packages/runner/dist/index.js missing: run `pnpm build` first');
}

for (const problem of problems) console.log(problem);
console.log(`${problems.length} structure problem(s)`);
if (problems.length > 0 && !report) process.exit(1);
