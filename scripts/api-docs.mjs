#!/usr/bin/env node
// The TypeDoc API reference of the four packages (config: typedoc.json).
//   node scripts/api-docs.mjs build   → HTML in dist/api-reference (git-ignored)
//   node scripts/api-docs.mjs check   → exit 1 when an exported symbol has no TSDoc summary
// `check --members` also lists undocumented members (properties, methods) without failing on them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// TypeDoc is a root devDependency (0.28 supports the workspace's TypeScript 5.9 on Node 20).
const require = createRequire(join(root, 'package.json'));
const TYPEDOC_BIN = join(dirname(require.resolve('typedoc/package.json')), 'bin/typedoc');

const KIND = {
  Module: 2,
  Namespace: 4,
  Enum: 8,
  Variable: 32,
  Function: 64,
  Class: 128,
  Interface: 256,
  Property: 1024,
  Method: 2048,
  Accessor: 262144,
  TypeAlias: 2097152,
  Reference: 4194304,
};
const KIND_NAME = Object.fromEntries(Object.entries(KIND).map(([name, id]) => [id, name]));
const MEMBER_KINDS = new Set([KIND.Property, KIND.Method, KIND.Accessor]);

const [mode = 'build', ...flags] = process.argv.slice(2);
if (mode === 'build') {
  process.exit(runTypedoc([]));
} else if (mode === 'check') {
  const dir = mkdtempSync(join(tmpdir(), 'kaspi-connect-api-'));
  try {
    const json = join(dir, 'api.json');
    const status = runTypedoc(['--json', json, '--logLevel', 'Error']);
    if (status !== 0 || !existsSync(json)) {
      console.error('TypeDoc failed; see the messages above.');
      process.exit(status || 1);
    }
    process.exit(
      checkDocumented(JSON.parse(readFileSync(json, 'utf8')), flags.includes('--members')),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  console.error('usage: node scripts/api-docs.mjs build | check [--members]');
  process.exit(2);
}

function runTypedoc(args) {
  const result = spawnSync(process.execPath, [TYPEDOC_BIN, ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.error !== undefined) throw result.error;
  return result.status ?? 1;
}

/** Prints undocumented exports grouped by package and entry point; 1 when there is any. */
function checkDocumented(project, listMembers) {
  let missingExports = 0;
  let missingMembers = 0;
  for (const pkg of project.children ?? []) {
    const entries = (pkg.children ?? []).every((child) => child.kind === KIND.Module)
      ? pkg.children
      : [{ name: 'index', children: pkg.children ?? [] }];
    const lines = [];
    let exported = 0;
    for (const entry of entries) {
      const subpath = entry.name === 'index' ? pkg.name : `${pkg.name}/${entry.name}`;
      for (const declaration of entry.children ?? []) {
        if (declaration.kind === KIND.Reference) continue;
        exported += 1;
        if (!hasSummary(declaration)) {
          missingExports += 1;
          lines.push(
            `  ${subpath}: ${KIND_NAME[declaration.kind] ?? declaration.kind} ${declaration.name}`,
          );
        }
        for (const member of declaration.children ?? []) {
          if (!MEMBER_KINDS.has(member.kind) || member.flags?.isPrivate || member.inheritedFrom)
            continue;
          if (hasSummary(member)) continue;
          missingMembers += 1;
          if (listMembers) {
            lines.push(`  ${subpath}: (member) ${declaration.name}.${member.name}`);
          }
        }
      }
    }
    const undocumented = lines.filter((line) => !line.includes('(member)')).length;
    console.log(`${pkg.name}: ${exported} exports, ${undocumented} without TSDoc`);
    for (const line of lines) console.log(line);
  }
  console.log(
    `\n${missingExports} exported symbols without TSDoc; ${missingMembers} undocumented members (not enforced${listMembers ? '' : ', list them with --members'}).`,
  );
  return missingExports === 0 ? 0 : 1;
}

function hasSummary(reflection) {
  const texts = [reflection.comment, ...(reflection.signatures ?? []).map((s) => s.comment)];
  if (reflection.getSignature) texts.push(reflection.getSignature.comment);
  if (reflection.type?.declaration?.signatures) {
    texts.push(...reflection.type.declaration.signatures.map((s) => s.comment));
  }
  return texts.some((comment) =>
    (comment?.summary ?? []).some((part) => (part.text ?? '').trim() !== ''),
  );
}
