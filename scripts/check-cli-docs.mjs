#!/usr/bin/env node
// Fails when docs/*.md or examples/*/README.md show a `kaspi-connect` command or flag that the
// runner's CLI does not have. Checked: code spans and code-block lines that start with
// `kaspi-connect <command>`, and any `…/runner/dist/cli.js <command>` (how docs call it from a clone).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'packages/runner/dist/index.js');
if (!existsSync(dist)) {
  console.error('packages/runner is not built; run `pnpm build` first.');
  process.exit(1);
}
// The command tree is internal (the root entry is the embedding API): read it from the source.
const runnerDir = join(root, 'packages/runner');
const tsxDir = dirname(createRequire(join(runnerDir, 'package.json')).resolve('tsx/package.json'));
const { tsImport } = await import(pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href);
const { mainCommand } = await tsImport(
  pathToFileURL(join(runnerDir, 'src/cli/main-command.ts')).href,
  import.meta.url,
);

const resolveValue = async (value) => (typeof value === 'function' ? value() : value);
const commands = new Map();
// Command groups (`cards submit`) are listed under "group sub" next to the group itself.
const entries = [];
for (const [name, command] of Object.entries((await resolveValue(mainCommand.subCommands)) ?? {})) {
  const resolved = await resolveValue(command);
  entries.push([name, resolved]);
  for (const [sub, child] of Object.entries((await resolveValue(resolved.subCommands)) ?? {}))
    entries.push([`${name} ${sub}`, await resolveValue(child)]);
}
for (const [name, resolved] of entries) {
  const args = (await resolveValue(resolved.args)) ?? {};
  const flags = new Set(['help', 'version']);
  for (const [arg, definition] of Object.entries(args)) {
    if (definition.type === 'positional') continue;
    flags.add(arg);
    for (const alias of [definition.alias ?? []].flat()) flags.add(alias);
    // citty accepts --no-<flag> for booleans.
    if (definition.type === 'boolean') flags.add(`no-${arg}`);
  }
  commands.set(name, flags);
}

const files = [
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(root, 'docs', name)),
  ...readdirSync(join(root, 'examples'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, 'examples', entry.name, 'README.md'))
    .filter((path) => existsSync(path)),
];

// The invocation, the command, and the rest of the shell line up to a comment, pipe or redirect.
const INVOCATION =
  /(?:^|`|\$ )\s*kaspi-connect[ \t]+([a-z][a-z-]*)([^`#|>;&\n]*)|cli\.js[ \t]+([a-z][a-z-]*)([^`#|>;&\n]*)/g;
const problems = [];
let checked = 0;
for (const file of files) {
  let inFence = false;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (/^\s*```/.test(line)) inFence = !inFence;
      // Prose mentions the product name; only code shows commands.
      const code = inFence
        ? line
        : [...line.matchAll(/`([^`]+)`/g)].map((m) => `\`${m[1]}`).join('\n');
      for (const match of code.matchAll(INVOCATION)) {
        const group = match[1] ?? match[3];
        const groupRest = match[2] ?? match[4] ?? '';
        const sub = /^\s+([a-z][a-z-]*)/.exec(groupRest)?.[1];
        const command = commands.has(`${group} ${sub}`) ? `${group} ${sub}` : group;
        const rest = command === group ? groupRest : groupRest.replace(/^\s+[a-z][a-z-]*/, '');
        checked += 1;
        if (process.env.DEBUG_CLI_DOCS)
          console.log(`${relative(root, file)}:${index + 1}: ${command}${rest}`);
        const where = `${relative(root, file)}:${index + 1}`;
        const flags = commands.get(command);
        if (flags === undefined) {
          problems.push(`${where}: no command "kaspi-connect ${command}"`);
          continue;
        }
        for (const flag of rest.matchAll(/(?:^|\s)--([a-z][a-z-]*)/g)) {
          if (!flags.has(flag[1])) {
            problems.push(`${where}: "kaspi-connect ${command}" has no --${flag[1]}`);
          }
        }
      }
    });
}

if (problems.length > 0) {
  console.error('The docs show CLI commands or flags the runner does not have:');
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(
  `CLI references in the docs match the runner (${checked} checked, ${commands.size} commands).`,
);
