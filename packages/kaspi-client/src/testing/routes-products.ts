import type { RouteTable } from '@kaspi-connect/sim-kit';
import { SIM_CATEGORIES, simCategoryAttributes } from './categories.js';
import { importResultOf, SIM_IMPORT_SCHEMA } from './product-import.js';
import { TITLES } from './titles.js';
import { HttpRefusal, jsonBody, type KaspiWorld, ok } from './world.js';

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
    'GET /products/import/result': (req) =>
      ok(
        req,
        importResultOf(importJob(world, req.query.get('i') ?? '').items, world.options.importRules),
      ),
    'GET /products/import/schema': (req) => ok(req, SIM_IMPORT_SCHEMA),
    'GET /products/classification/categories': (req) =>
      ok(
        req,
        SIM_CATEGORIES.map(({ code, title }) => ({ code, title })),
      ),
    'GET /products/classification/attributes': (req) => {
      const attrs = simCategoryAttributes(req.query.get('c') ?? '');
      if (!attrs) throw new HttpRefusal(400, TITLES.badBody('c must be a leaf category code'));
      return ok(
        req,
        attrs.map(({ values: _, ...attribute }) => attribute),
      );
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
