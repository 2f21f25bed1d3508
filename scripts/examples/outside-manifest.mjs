// What an example needs to live outside this workspace: a package.json with real versions instead
// of `workspace:`/`catalog:` specifiers, a tsconfig that does not extend the repository's, and
// (until the packages are published) the packages packed as tarballs.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** Every workspace package under packages/, read from its package.json. */
export function workspacePackages() {
  return readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() && existsSync(join(root, 'packages', entry.name, 'package.json')),
    )
    .map((entry) => {
      const dir = join(root, 'packages', entry.name);
      const { name, version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { name, version, dir };
    });
}

/** The example folders' names (examples/<name>/package.json). */
export function exampleNames() {
  return readdirSync(join(root, 'examples'), { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() && existsSync(join(root, 'examples', entry.name, 'package.json')),
    )
    .map((entry) => entry.name)
    .sort();
}

/**
 * Resolved versions of one importer in pnpm-lock.yaml: `{ 'valibot': { specifier, version } }`.
 * Read line by line: the importers section is a fixed two-level layout, and the repository's
 * scripts have no YAML parser among their dependencies.
 */
function lockedVersions(importer) {
  const lines = readFileSync(join(root, 'pnpm-lock.yaml'), 'utf8').split('\n');
  const start = lines.indexOf(`  ${importer}:`);
  if (start < 0) throw new Error(`pnpm-lock.yaml has no importer ${importer}: run pnpm install`);
  const locked = {};
  let name;
  for (const line of lines.slice(start + 1)) {
    if (/^ {0,2}\S/.test(line)) break;
    const dep = /^ {6}'?([^':]+)'?:$/.exec(line);
    if (dep) name = dep[1];
    const field = /^ {8}(specifier|version): '?([^']+)'?$/.exec(line);
    if (field && name) locked[name] = { ...locked[name], [field[1]]: field[2] };
  }
  return locked;
}

/** `^` + the locked version, or `~` where the workspace pins the minor (see the catalog's notes). */
function catalogRange(name, locked) {
  const catalog = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const entry = new RegExp(`^  "?${name.replace(/[/.]/g, '\\$&')}"?: *(\\S+)`, 'm').exec(catalog);
  const specifier = locked.specifier === 'catalog:' ? entry?.[1] : locked.specifier;
  const operator = specifier?.startsWith('~') ? '~' : '^';
  return `${operator}${locked.version.replace(/\(.*$/, '')}`;
}

/** The example's package.json and tsconfig.json as a project of its own, with registry versions. */
export function outsideManifest(example) {
  const dir = join(root, 'examples', example);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const locked = lockedVersions(`examples/${example}`);
  const ours = new Map(workspacePackages().map((p) => [p.name, p.version]));
  const versions = (deps = {}) =>
    Object.fromEntries(
      Object.keys(deps).map((name) => {
        if (ours.has(name)) return [name, `^${ours.get(name)}`];
        if (!locked[name]?.version)
          throw new Error(`${name} of examples/${example} is not in pnpm-lock.yaml`);
        return [name, catalogRange(name, locked[name])];
      }),
    );
  const packageJson = {
    name: pkg.name.replace(/^@kaspi-connect\//, 'kaspi-connect-'),
    version: '0.1.0',
    private: true,
    type: 'module',
    engines: pkg.engines,
    scripts: pkg.scripts,
    dependencies: versions(pkg.dependencies),
    devDependencies: versions(pkg.devDependencies),
  };
  const base = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
  const tsconfig = { compilerOptions: base.compilerOptions, include: ['src'] };
  return { packageJson, tsconfig };
}

/** `pnpm pack` every package under packages/ into `dest`: package name → tarball path. */
export function packAll(dest) {
  mkdirSync(dest, { recursive: true });
  const tarballs = {};
  for (const { name, version, dir } of workspacePackages()) {
    execFileSync('pnpm', ['pack', '--pack-destination', dest], { cwd: dir, stdio: 'pipe' });
    const file = join(dest, `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`);
    if (!existsSync(file)) throw new Error(`pnpm pack of ${name} did not write ${file}`);
    tarballs[name] = file;
  }
  return tarballs;
}

/**
 * Point every @kaspi-connect dependency at its tarball, and override all of them, so that the
 * packages' dependencies on each other also come from the tarballs instead of the registry.
 * npm wants a direct dependency and its override to be the same spec, hence one map for both.
 */
export function withTarballs(packageJson, tarballs) {
  const spec = Object.fromEntries(
    Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]),
  );
  const point = (deps) =>
    Object.fromEntries(Object.entries(deps).map(([name, range]) => [name, spec[name] ?? range]));
  return {
    ...packageJson,
    dependencies: point(packageJson.dependencies),
    devDependencies: point(packageJson.devDependencies),
    overrides: spec,
  };
}

/** Copy an example's sources into `dest` with its own manifests; `tarballs` as from packAll. */
export function exportExample(example, dest, tarballs) {
  const { packageJson, tsconfig } = outsideManifest(example);
  const src = join(root, 'examples', example);
  mkdirSync(dest, { recursive: true });
  cpSync(join(src, 'src'), join(dest, 'src'), { recursive: true });
  cpSync(join(src, 'README.md'), join(dest, 'README.md'));
  const manifest = tarballs ? withTarballs(packageJson, tarballs) : packageJson;
  writeFileSync(join(dest, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dest, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  return manifest;
}
