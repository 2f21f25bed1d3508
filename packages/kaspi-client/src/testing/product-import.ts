import type { RouteTable } from '@kaspi-connect/sim-kit';
import * as v from 'valibot';
import { ProductImportItemSchema, ProductImportSchema } from '../products.js';
import { SIM_CATEGORIES, type SimulatedAttribute, simCategoryAttributes } from './categories.js';
import { TITLES } from './titles.js';
import { HttpRefusal, jsonBody, type KaspiWorld, ok } from './world.js';

/** The parts of a valibot schema the import schema is built from. */
interface SchemaNode {
  readonly kind: string;
  readonly type: string;
  readonly pipe?: readonly SchemaNode[];
  readonly item?: SchemaNode;
  readonly entries?: Readonly<Record<string, SchemaNode>>;
  readonly options?: readonly SchemaNode[];
  readonly wrapped?: SchemaNode;
  readonly requirement?: unknown;
}

/** Draft-04 JSON Schema of the shapes the import schema uses; anything else is refused. */
function jsonSchemaOf(node: SchemaNode): Record<string, unknown> {
  if (node.type === 'exact_optional' && node.wrapped) return jsonSchemaOf(node.wrapped);
  const out: Record<string, unknown> = {};
  if (node.type === 'union') out.oneOf = node.options?.map(jsonSchemaOf);
  else if (node.type === 'strict_object') {
    const entries = Object.entries(node.entries ?? {});
    out.type = 'object';
    out.additionalProperties = false;
    out.required = entries.filter(([, e]) => e.type !== 'exact_optional').map(([k]) => k);
    out.properties = Object.fromEntries(entries.map(([k, e]) => [k, jsonSchemaOf(e)]));
  } else if (node.type === 'array' && node.item) {
    out.type = 'array';
    out.items = jsonSchemaOf(node.item);
  } else if (['string', 'number', 'boolean'].includes(node.type)) out.type = node.type;
  else throw new TypeError(`no JSON Schema for a valibot ${node.type}`);
  const length = node.type === 'array' ? 'Items' : 'Length';
  for (const action of node.pipe ?? []) {
    if (action.kind === 'schema') continue;
    if (action.type === 'min_length') out[`min${length}`] = action.requirement;
    else if (action.type === 'max_length') out[`max${length}`] = action.requirement;
    else if (action.type === 'regex') out.pattern = (action.requirement as RegExp).source;
    // The import schema's only custom checks are those that array items are unique.
    else if (action.type === 'check' && node.type === 'array') out.uniqueItems = true;
    else throw new TypeError(`no JSON Schema for a valibot ${action.type}`);
  }
  return out;
}

/**
 * The import schema the simulator serves at `products/import/schema` (draft-04, guide q3223),
 * built from the client's own card schema so the two cannot drift.
 */
export const SIM_IMPORT_SCHEMA: Readonly<Record<string, unknown>> = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  ...jsonSchemaOf(ProductImportSchema as unknown as SchemaNode),
};

/** Per-SKU line of an import result, in the guide's shape plus `errors` on a rejection. */
export interface SimImportLine {
  readonly state: 'FINISHED' | 'ERROR';
  readonly errors?: readonly string[];
}

/** Options that shape the simulator's answers to imports. */
export interface SimImportRules {
  /** Cards Kaspi already has (brand + title, case-insensitive): an import of one is a duplicate. */
  readonly existingCards?: readonly { readonly brand: string; readonly title: string }[];
  /** Image URLs that do not download to a picture. Default: a path not ending in an image type. */
  readonly brokenImage?: (url: string) => boolean;
}

const IMAGE_PATH = /\.(jpe?g|png|webp|gif)$/i;

const pathOf = (url: string): string => (URL.canParse(url) ? new URL(url).pathname : '');

const key = (brand: string, title: string) =>
  `${brand.trim().toLowerCase()}\u0000${title.trim().toLowerCase()}`;

function valueProblem(attr: SimulatedAttribute, value: unknown): string | undefined {
  const values = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && !attr.multiValued) return `${attr.code} takes one value`;
  for (const one of values) {
    if (attr.type === 'number' && typeof one !== 'number') return `${attr.code} must be a number`;
    if (attr.type === 'boolean' && typeof one !== 'boolean')
      return `${attr.code} must be a boolean`;
    if (attr.type === 'enum' && !attr.values?.some((allowed) => allowed.code === one))
      return `${attr.code}: value "${String(one)}" is not in the attribute's value list`;
  }
  return undefined;
}

/** What Kaspi would say about one card: `[]` means it becomes a card. */
export function checkImportItem(item: unknown, rules: SimImportRules = {}): string[] {
  const parsed = v.safeParse(ProductImportItemSchema, item);
  if (!parsed.success)
    return parsed.issues.map(
      (issue) => `${issue.path?.map((p) => String(p.key)).join('.') ?? ''}: ${issue.message}`,
    );
  const card = parsed.output;
  const attributes = simCategoryAttributes(card.category);
  if (attributes === undefined) return [`category: ${card.category} is not a leaf category`];
  const problems: string[] = [];
  const given = new Map(card.attributes.map((a) => [a.code, a.value]));
  for (const attr of attributes) {
    const value = given.get(attr.code);
    if (value === undefined) {
      if (attr.mandatory) problems.push(`${attr.code} is mandatory`);
      continue;
    }
    const problem = valueProblem(attr, value);
    if (problem !== undefined) problems.push(problem);
  }
  for (const code of given.keys())
    if (!attributes.some((a) => a.code === code))
      problems.push(`${code} is not an attribute of ${card.category}`);
  const broken = rules.brokenImage ?? ((url: string) => !IMAGE_PATH.test(pathOf(url)));
  for (const image of card.images)
    if (broken(image.url)) problems.push(`images: ${image.url} is not a valid picture`);
  const existing = new Set((rules.existingCards ?? []).map((c) => key(c.brand, c.title)));
  if (existing.has(key(card.brand, card.title)))
    problems.push('[simulator] a card with this brand and title already exists');
  return problems;
}

/** The per-SKU result of a whole import, as `products/import/result` answers. */
function importResultOf(items: readonly unknown[], rules: SimImportRules = {}) {
  const result: Record<string, SimImportLine> = {};
  let errors = 0;
  for (const [i, item] of items.entries()) {
    const sku =
      item && typeof item === 'object' && 'sku' in item && typeof item.sku === 'string'
        ? item.sku
        : `#${i}`;
    const problems = checkImportItem(item, rules);
    if (problems.length === 0) result[sku] = { state: 'FINISHED' };
    else {
      errors += 1;
      result[sku] = { state: 'ERROR', errors: problems };
    }
  }
  return { errors, warnings: 0, skipped: 0, total: items.length, result };
}

const CATEGORY_LIST = SIM_CATEGORIES.map(({ code, title }) => ({ code, title }));

function importJob(world: KaspiWorld, code: string) {
  const job = world.imports.get(code);
  if (!job) throw new HttpRefusal(404, TITLES.notFound(`Import ${code}`));
  return job;
}

/** Product import (upload, status, result, schema) and the classification. */
export function productRoutes(world: KaspiWorld): RouteTable {
  const checksBeforeFinished = world.options.importChecksBeforeFinished ?? 1;
  return {
    'POST /products/import': async (req) => {
      const body = await jsonBody(req);
      if (!Array.isArray(body) || body.length === 0 || body.length > 10_000)
        throw new HttpRefusal(400, TITLES.badBody('expected an array of 1 to 10 000 products'));
      const code = `import-${world.nextOperation++}`;
      world.imports.set(code, { checks: 0, items: body });
      return ok(req, { code, status: 'UPLOADED' });
    },
    'GET /products/import': (req) => {
      const code = req.query.get('i') ?? '';
      const job = importJob(world, code);
      job.checks += 1;
      return ok(req, { code, status: job.checks > checksBeforeFinished ? 'FINISHED' : 'UPLOADED' });
    },
    'GET /products/import/result': (req) => {
      const { items } = importJob(world, req.query.get('i') ?? '');
      return ok(req, importResultOf(items, world.options.importRules));
    },
    'GET /products/import/schema': (req) => ok(req, SIM_IMPORT_SCHEMA),
    'GET /products/classification/categories': (req) => ok(req, CATEGORY_LIST),
    'GET /products/classification/attributes': (req) => {
      const attrs = simCategoryAttributes(req.query.get('c') ?? '');
      if (!attrs) throw new HttpRefusal(400, TITLES.badBody('c must be a leaf category code'));
      // Served without their value lists (those are `attribute/values`).
      const served = attrs.map(({ values: _, ...attribute }) => attribute);
      return ok(req, served);
    },
    'GET /products/classification/attribute/values': (req) => {
      const attr = simCategoryAttributes(req.query.get('c') ?? '')?.find(
        (x) => x.code === req.query.get('a'),
      );
      if (!attr) throw new HttpRefusal(400, TITLES.badBody('c and a must name an attribute'));
      return ok(req, attr.values ?? []);
    },
  };
}
