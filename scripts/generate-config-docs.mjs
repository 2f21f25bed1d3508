#!/usr/bin/env node
// Writes docs/configuration.md from the runner's valibot config schema, so the reference cannot
// drift from what the runner validates. `--check` writes nothing and exits 1 when the committed
// file is not what the schema produces (or when a key has no meaning to show).
//
// Meaning of a key, first that exists: a valibot `description()` in its pipe, the TSDoc comment
// on the key in packages/runner/src/config/schema.ts, the "expected …" message of its schema.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runnerDir = join(root, 'packages/runner');
const schemaSource = join(runnerDir, 'src/config/schema.ts');
const loadConfigSource = join(runnerDir, 'src/config/load-config.ts');
const target = join(root, 'docs/configuration.md');
// The root has no dependencies of its own: borrow the runner's TypeScript and tsx.
const requireFromRunner = createRequire(join(runnerDir, 'package.json'));

const check = process.argv.includes('--check');

// Groups carry no schema message, and many leaf messages only name the expected value. These
// notes explain the keys until the runner schema carries valibot description() metadata itself
// (which wins over them). `--check` fails on a note whose key no longer exists.
const NOTES = {
  shop: 'Your Kaspi shop: what goes into the feed header and the points of sale of every offer.',
  'shop.company': "Your company name as shown on Kaspi; written to the feed's `<company>`.",
  'shop.stores':
    'Your points of sale (Kaspi cabinet → «Склады и магазины»); every offer lists its availability at each.',
  'shop.stores[]': 'A point of sale from the Kaspi cabinet.',
  'shop.stores[].preOrderDays':
    'Days added to pickup or delivery at this point (Kaspi maximum 30); 0 leaves `preOrder` out.',
  suppliers: 'Where products come from. At least one supplier must be configured.',
  'suppliers.alstyle': 'The Al-Style.kz supplier. The token comes from `ALSTYLE_TOKEN`.',
  'suppliers.alstyle.baseUrl':
    'API host without `/api`; unset means the production host `https://api.al-style.kz`. Set it only for a simulator.',
  pricing: 'How a supplier price becomes the Kaspi price.',
  'pricing.source':
    'Which supplier price to start from: the dealer (purchase) price, the retail price or the recommended retail price.',
  'pricing.markup': 'Default markup, used when no rule in `pricing.rules` matches.',
  'pricing.markup.percent': 'Markup in percent of the source price, applied first.',
  'pricing.markup.fixed': 'Markup in KZT, added after the percentage.',
  'pricing.rules':
    'Markup rules by category or brand; the first matching rule wins, and fields it leaves out come from `pricing.markup`.',
  'pricing.rules[]': 'A markup rule: the first rule whose category or brand matches wins.',
  'pricing.rules[].category': 'Supplier category ids this rule applies to.',
  'pricing.rules[].brand': 'Brand names this rule applies to.',
  'pricing.rules[].percent': 'Markup in percent for matching products.',
  'pricing.rules[].fixed': 'Markup in KZT for matching products.',
  'pricing.rounding':
    'Rounding of the final price: none, to a step (e.g. 10) or to an ending such as 990.',
  'pricing.minMarginPercent':
    'The price never falls below the dealer price plus this percentage (see `belowMinMargin`).',
  'pricing.belowMinMargin':
    'What to do with a product whose price would fall below `minMarginPercent`: raise the price to the minimum, or skip the product.',
  'pricing.onRequestAtOrBelow':
    'Supplier prices at or below this mean "price on request" (Al-Style sends 1); such products are never published.',
  'pricing.placeholderAtOrAbove':
    'Supplier prices at or above this are placeholders (Al-Style uses 9 999 999 on withdrawn items); never published.',
  'pricing.cityPrices':
    'Per-city prices. Empty: one `<price>` for every city. Otherwise every offer gets `<cityprices>` with one price per entry.',
  'pricing.cityPrices[]': 'A per-city price adjustment; with any, offers use `cityprices`.',
  'pricing.cityPrices[].cityId':
    '9-digit Kaspi city code, e.g. `750000000` (Almaty), `710000000` (Astana).',
  'pricing.cityPrices[].percent':
    'Adjustment of the price in this city, in percent (may be negative).',
  'pricing.cityPrices[].fixed': 'Adjustment of the price in this city, in KZT (may be negative).',
  filters: 'Which supplier products become offers.',
  'filters.includeCategories':
    'When set, only products in these supplier category ids are published.',
  'filters.excludeCategories': 'Products in these supplier category ids are never published.',
  'filters.includeBrands': 'When set, only products of these brands are published.',
  'filters.excludeBrands': 'Products of these brands are never published.',
  'filters.excludeProducts':
    'Supplier product keys (Al-Style article codes) that are never published.',
  stock: 'How supplier stock becomes `stockCount` and `available`.',
  guards:
    'Safety guards: a sync that trips one publishes nothing, and the previous feed stays live.',
  feed: 'Where the published feed and its history are written.',
  'feed.dir': 'Directory of the live feed; older feeds go to its `history` subdirectory.',
  'feed.fileName': 'File name of the live feed.',
  'feed.history': 'How many previously published feeds to keep in `history` (0 = none).',
  server: 'The built-in feed server that Kaspi fetches (put it behind a TLS reverse proxy).',
  'server.host':
    'Interface to listen on: `127.0.0.1` behind a reverse proxy on the same host, `0.0.0.0` in a container.',
  'server.port': 'TCP port of the feed server (`serve --port` overrides it).',
  'server.path':
    'The only URL path that serves the feed; paste `https://<your host><path>` into Kaspi.',
  'server.username':
    'User name for HTTP Basic auth on the feed; auth is on only when this and the password (`FEED_PASSWORD`) are both set.',
  schedule: 'When `kaspi-connect run` starts full syncs and fast refreshes.',
  'schedule.timezone': 'IANA time zone of the cron expressions.',
  'schedule.fullSync':
    'Cron expressions for full syncs (names, brands, new products); default 09:00, 15:00 and 21:45.',
  'schedule.refreshEveryMinutes':
    'Minutes between fast refreshes (one supplier request for every price and stock); 0 turns them off.',
  state: 'The embedded SQLite database: runs, published feeds, SKU mapping.',
  'state.path': 'Path of the SQLite database. Back it up: it holds the SKU mapping.',
};

const { schema, secretEnv, fileNames, origin } = await loadRunnerConfig();
const comments = readSchemaComments(readFileSync(schemaSource, 'utf8'));
const rows = [];
const sections = [];
collectRows(schema, '', 0);
const missing = rows.filter((row) => row.meaning === '' && !row.group).map((row) => row.key);
const markdown = render();

if (missing.length > 0) {
  console.error(`Config keys without a meaning to document: ${missing.join(', ')}`);
  console.error('Add a valibot description() or a /** comment */ to each in the runner schema.');
  process.exit(1);
}
if (check) {
  const stale = Object.keys(NOTES).filter(
    (key) => !rows.some((row) => row.key === key) && !key.endsWith('[]'),
  );
  if (stale.length > 0) {
    console.error(
      `Notes in scripts/generate-config-docs.mjs for keys the schema lacks: ${stale.join(', ')}`,
    );
    process.exit(1);
  }
  const unknown = unknownKeyReferences(new Set(rows.map((row) => row.key)));
  if (unknown.length > 0) {
    console.error('The docs name config keys that the runner schema does not have:');
    for (const line of unknown) console.error(`  ${line}`);
    process.exit(1);
  }
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== markdown) {
    console.error(
      `${relative(root, target)} is out of date with the runner's config schema. Run: node scripts/generate-config-docs.mjs`,
    );
    process.exit(1);
  }
  console.log(`${relative(root, target)} is current (${rows.length} keys).`);
} else {
  writeFileSync(target, markdown);
  console.log(`Wrote ${relative(root, target)} (${rows.length} keys, schema from ${origin}).`);
}

/** `file:line key` for every backticked config key in docs/*.md that the schema lacks. */
function unknownKeyReferences(known) {
  const docsDir = join(root, 'docs');
  const sectionNames = sections.map((section) => section.key).join('|');
  const pattern = new RegExp(`\`((?:${sectionNames})(?:\\.[A-Za-z0-9[\\]]+)+)`, 'g');
  const problems = [];
  for (const name of readdirSync(docsDir)) {
    if (!name.endsWith('.md') || join(docsDir, name) === target) continue;
    readFileSync(join(docsDir, name), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        for (const match of line.matchAll(pattern)) {
          // Error messages use valibot's paths (`shop.stores.0.id`); the reference uses `[]`.
          const key = match[1].replace(/\.\d+(?=\.|$)/g, '[]');
          if (!known.has(key)) problems.push(`docs/${name}:${index + 1} ${match[1]}`);
        }
      });
  }
  return problems;
}

async function loadRunnerConfig() {
  // Prefer the runner's public exports once it has them; until then read its source through tsx.
  const dist = join(runnerDir, 'dist/index.js');
  if (existsSync(dist)) {
    const built = await import(pathToFileURL(dist).href);
    if (built.configSchema !== undefined && built.SECRET_ENV !== undefined) {
      return {
        schema: built.configSchema,
        secretEnv: built.SECRET_ENV,
        fileNames: built.CONFIG_FILE_NAMES ?? [],
        origin: '@kaspi-connect/runner',
      };
    }
  }
  const tsxDir = dirname(requireFromRunner.resolve('tsx/package.json'));
  const { tsImport } = await import(pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href);
  const schemaModule = await tsImport(pathToFileURL(schemaSource).href, import.meta.url);
  const loadModule = await tsImport(pathToFileURL(loadConfigSource).href, import.meta.url);
  return {
    schema: schemaModule.configSchema,
    secretEnv: loadModule.SECRET_ENV,
    fileNames: loadModule.CONFIG_FILE_NAMES,
    origin: relative(root, schemaSource),
  };
}

/** Dotted key → TSDoc text, found by following object literals and `const xSchema` references. */
function readSchemaComments(text) {
  const ts = requireFromRunner('typescript');
  const file = ts.createSourceFile(schemaSource, text, ts.ScriptTarget.Latest, true);
  const consts = new Map();
  const readConsts = (source) => {
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer !== undefined) {
          consts.set(declaration.name.text, declaration.initializer);
        }
      }
    }
  };
  // Sections split into sibling files (`./orders-schema.js`) keep their key comments.
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const specifier = statement.moduleSpecifier.text;
    if (!/^\.\/[\w-]+\.js$/.test(specifier)) continue;
    const path = join(dirname(schemaSource), specifier.replace(/\.js$/, '.ts'));
    readConsts(ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true));
  }
  readConsts(file);
  const isObjectCall = (node) =>
    ts.isCallExpression(node) &&
    /\.(strictObject|object|looseObject)$/.test(node.expression.getText());
  // The first object-schema literal reachable from `node`, looking through wrappers and consts.
  const findObjectLiteral = (node, seen = new Set()) => {
    if (ts.isIdentifier(node) && consts.has(node.text) && !seen.has(node.text)) {
      seen.add(node.text);
      return findObjectLiteral(consts.get(node.text), seen);
    }
    if (
      isObjectCall(node) &&
      node.arguments[0] &&
      ts.isObjectLiteralExpression(node.arguments[0])
    ) {
      return node.arguments[0];
    }
    if (ts.isCallExpression(node) && /\.variant$/.test(node.expression.getText())) return undefined;
    if (ts.isCallExpression(node)) {
      for (const argument of node.arguments) {
        const found = findObjectLiteral(argument, seen);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  const result = new Map();
  const walk = (literal, prefix) => {
    for (const property of literal.properties) {
      if (!ts.isPropertyAssignment(property)) continue;
      const name = property.name.getText().replace(/^['"]|['"]$/g, '');
      const isArray = /\bv\.array\(/.test(property.initializer.getText());
      const key = prefix === '' ? name : `${prefix}.${name}`;
      const own = property.getSourceFile().text;
      const comment = ts
        .getLeadingCommentRanges(own, property.getFullStart())
        ?.map((range) => own.slice(range.pos, range.end))
        .filter((raw) => raw.startsWith('/**'))
        .map((raw) =>
          raw
            .replace(/^\/\*\*|\*\/$/g, '')
            .split('\n')
            .map((line) => line.replace(/^\s*\*\s?/, '').trim())
            .join(' ')
            .trim(),
        )
        .join(' ');
      if (comment) result.set(key, comment);
      const nested = findObjectLiteral(property.initializer);
      if (nested !== undefined) walk(nested, isArray ? `${key}[]` : key);
    }
  };
  const top = findObjectLiteral(consts.get('configSchema'));
  if (top === undefined) throw new Error(`configSchema not found in ${schemaSource}`);
  walk(top, '');
  return result;
}

/** Peels optional wrappers and pipes: the base schema, its actions, default and optionality. */
function inspect(schema) {
  let current = schema;
  let optional = false;
  let defaultValue;
  while (['optional', 'nullish', 'exact_optional', 'undefinedable'].includes(current.type)) {
    optional = true;
    if (current.default !== undefined && defaultValue === undefined) {
      defaultValue = typeof current.default === 'function' ? current.default() : current.default;
    }
    current = current.wrapped;
  }
  const actions = [];
  const collect = (node) => {
    if (Array.isArray(node.pipe)) {
      if (node.pipe[0] !== node) collect(node.pipe[0]);
      actions.push(...node.pipe.slice(1));
    }
  };
  collect(current);
  return { base: current, actions, optional, defaultValue };
}

function typeOf(base, actions) {
  const has = (type) => actions.find((action) => action.type === type);
  switch (base.type) {
    case 'string': {
      const parts = ['string'];
      if (has('url')) parts.push('URL');
      const regex = has('regex');
      if (regex) parts.push(`matching \`${regex.requirement.source}\``);
      return parts.join(', ');
    }
    case 'number': {
      const min = has('min_value')?.requirement;
      const maxes = actions.filter((a) => a.type === 'max_value').map((a) => a.requirement);
      const mins = actions.filter((a) => a.type === 'min_value').map((a) => a.requirement);
      const low = mins.length > 0 ? Math.max(...mins) : min;
      const high = maxes.length > 0 ? Math.min(...maxes) : undefined;
      const kind = has('integer') ? 'integer' : 'number';
      if (low !== undefined && high !== undefined) return `${kind}, ${low}–${high}`;
      if (low !== undefined) return `${kind} ≥ ${low}`;
      if (high !== undefined) return `${kind} ≤ ${high}`;
      return kind;
    }
    case 'boolean':
      return 'boolean';
    case 'picklist':
      return base.options.map((option) => `\`${JSON.stringify(option)}\``).join(' | ');
    case 'literal':
      return `\`${JSON.stringify(base.literal)}\``;
    case 'array': {
      const item = inspect(base.item);
      const min = has('min_length')?.requirement;
      const itemType =
        isObject(item.base) || item.base.type === 'variant'
          ? 'object'
          : typeOf(item.base, item.actions);
      return `list of ${itemType}${min ? ` (at least ${min})` : ''}`;
    }
    case 'variant':
      return `one of: ${base.options.map(describeVariantOption).join('; ')}`;
    default:
      return isObject(base) ? 'object' : base.type;
  }
}

function describeVariantOption(option) {
  const fields = Object.entries(option.entries).map(([name, entry]) => {
    const { base, actions, optional } = inspect(entry);
    return `${name}${optional ? '?' : ''}: ${typeOf(base, actions)}`;
  });
  return `\`{ ${fields.join(', ').replaceAll('`', '')} }\``;
}

function isObject(base) {
  return ['object', 'strict_object', 'loose_object'].includes(base.type);
}

function messageOf(base, actions) {
  const messages = [base.message, ...actions.map((action) => action.message)];
  const first = messages.find((message) => typeof message === 'string');
  if (first === undefined) return '';
  return first
    .replace(/^expected\s+/, '')
    .replace(/\s*\((a|an) [^)]*\)$/, '')
    .replace(/^./, (c) => c.toUpperCase());
}

function collectRows(schema, prefix, depth) {
  const { base } = inspect(schema);
  for (const [name, entry] of Object.entries(base.entries)) {
    const key = prefix === '' ? name : `${prefix}.${name}`;
    const info = inspect(entry);
    const description = info.actions.find((action) => action.type === 'description')?.description;
    const checks = info.actions
      .filter((action) => action.type === 'check' && typeof action.message === 'string')
      .map((action) => action.message.replace(/^expected\s+/, ''));
    const meaning =
      description ??
      comments.get(key) ??
      NOTES[key] ??
      (isObject(info.base) ? '' : messageOf(info.base, info.actions));
    const row = {
      key,
      depth,
      group: isObject(info.base),
      type: typeOf(info.base, info.actions),
      required: !info.optional,
      defaultValue: info.defaultValue,
      meaning: [sentence(meaning), ...checks.map((c) => `Must be ${c}.`)].filter(Boolean).join(' '),
    };
    if (depth === 0) sections.push(row);
    rows.push(row);
    if (isObject(info.base)) collectRows(info.base, key, depth + 1);
    if (info.base.type === 'array') {
      const item = inspect(info.base.item);
      if (isObject(item.base)) collectRows(item.base, `${key}[]`, depth + 1);
      // A list of variants (such as feed.targets): one block of rows per kind.
      if (item.base.type === 'variant') {
        for (const option of item.base.options) {
          collectRows(option, `${key}[${option.entries[item.base.key].literal}]`, depth + 1);
        }
      }
    }
  }
}

function sentence(text) {
  return text === '' || /[.!?…:]$/.test(text) ? text : `${text}.`;
}

function formatDefault(row) {
  if (row.required) return 'required';
  if (row.defaultValue === undefined) return '(unset)';
  if (typeof row.defaultValue === 'object' && !Array.isArray(row.defaultValue)) {
    return Object.keys(row.defaultValue).length === 0 ? '(defaults below)' : code(row.defaultValue);
  }
  return code(row.defaultValue);
}

function code(value) {
  return `\`${JSON.stringify(value)}\``;
}

function cell(text) {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function render() {
  const lines = [
    '<!-- Generated by scripts/generate-config-docs.mjs from the runner config schema. Do not edit. -->',
    '',
    '# Configuration reference',
    '',
    'Every key of `kaspi-connect.config.ts`, with its type, default and meaning. This page is',
    "generated from the runner's config schema (the same schema that validates your config at",
    'start-up), and `pnpm docs:check` fails when it is out of date.',
    '',
    `The runner looks for ${fileNames.map((name) => `\`${name}\``).join(', ')} in the working`,
    'directory, in that order. In a TypeScript config, end the object with `satisfies',
    'KaspiConnectConfigInput` (a type-only import from `@kaspi-connect/runner`, as `init` writes it)',
    'for type checking and completion. Keys you leave out get the default;',
    '"(unset)" means the feature is off unless you set it. Relative paths are resolved against the',
    'working directory.',
    '',
    '## Secrets',
    '',
    'Secrets come from the environment, or from a `.env` file in the working directory (real',
    'environment variables win over `.env`). They are never logged.',
    '',
    '| environment variable | secret |',
    '|---|---|',
    ...Object.entries(secretEnv).map(([name, variable]) => `| \`${variable}\` | \`${name}\` |`),
    '',
  ];
  for (const section of sections) {
    lines.push(`## \`${section.key}\``, '', cell(section.meaning), '');
    lines.push(
      `Type: ${section.type}. ${section.required ? 'Required.' : `Default: ${formatDefault(section)}.`}`,
      '',
    );
    const children = rows.filter((row) => row.key.startsWith(`${section.key}.`));
    if (children.length === 0) continue;
    lines.push('| key | type | default | meaning |', '|---|---|---|---|');
    for (const row of children) {
      lines.push(
        `| \`${row.key}\` | ${cell(row.type)} | ${formatDefault(row)} | ${cell(row.meaning)} |`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
