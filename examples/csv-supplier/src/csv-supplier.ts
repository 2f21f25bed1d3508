import { readFile } from 'node:fs/promises';
import type {
  IterateCatalogueOptions,
  SnapshotOptions,
  StockAndPrice,
  Supplier,
  SupplierProduct,
} from '@kaspi-connect/runner';
import { parse } from 'csv-parse/sync';
import * as v from 'valibot';

/** A price cell: whole KZT, empty for "no such price". Spaces as thousands separators are fine. */
const price = v.pipe(
  v.string(),
  v.transform((cell) => cell.replace(/[\s\u00a0]/g, '')),
  v.regex(/^\d*$/, 'expected a whole number of KZT, or empty'),
  v.transform((cell) => (cell === '' ? undefined : Number(cell))),
);

/** One row of the price file. Column names are the header line of the CSV. */
const RowSchema = v.object({
  code: v.pipe(
    v.string(),
    v.regex(/^\d{1,15}$/, 'expected the product code as digits only (the SKU is prefix + code)'),
  ),
  name: v.pipe(v.string(), v.nonEmpty('expected a product name')),
  brand: v.optional(v.string(), ''),
  category: v.optional(v.string(), ''),
  dealer_price: v.optional(price),
  retail_price: price,
  stock: v.pipe(
    v.string(),
    v.regex(/^>?\d+$/, 'expected a whole number, or a lower bound such as ">10"'),
    v.transform((cell) =>
      cell.startsWith('>')
        ? { min: Number(cell.slice(1)) + 1, exact: false }
        : { min: Number(cell), exact: true },
    ),
  ),
});

type Row = v.InferOutput<typeof RowSchema>;

/** The price file is unreadable; names the file, line and column so a person can fix it. */
export class CsvPriceFileError extends Error {
  override readonly name = 'CsvPriceFileError';
}

/** Options of {@link CsvSupplier}. */
export interface CsvSupplierOptions {
  /** The CSV price file: a header line, then one product per line. */
  readonly path: string;
  /** Supplier id stored with every SKU; never change it once published. Default `"csv"`. */
  readonly id?: string;
  /** Field delimiter. Default `","`. */
  readonly delimiter?: string;
}

/**
 * A supplier that is a CSV price file, e.g. one a distributor mails every morning:
 *
 * ```csv
 * code,name,brand,category,dealer_price,retail_price,stock
 * 1001,Робот-пылесос S10,Dreame,vacuum,84000,99990,>10
 * ```
 *
 * This one class is all it takes to add a supplier: the runner's pipeline maps, prices, validates,
 * guards and publishes its products together with the other suppliers'. A file with one bad row
 * is refused as a whole (the sync fails and the last good feed stays live) rather than published
 * with products silently missing.
 */
export class CsvSupplier implements Supplier {
  readonly id: string;
  readonly #path: string;
  readonly #delimiter: string;

  constructor(options: CsvSupplierOptions) {
    this.id = options.id ?? 'csv';
    this.#path = options.path;
    this.#delimiter = options.delimiter ?? ',';
  }

  async *iterateCatalogue(options: IterateCatalogueOptions = {}): AsyncIterable<SupplierProduct> {
    const rows = await this.#read(options.signal);
    options.onProgress?.({ received: rows.length, total: rows.length });
    for (const row of rows) {
      yield {
        supplier: this.id,
        key: row.code,
        name: row.name,
        brand: row.brand.trim() === '' ? undefined : row.brand.trim(),
        category: row.category.trim() === '' ? undefined : row.category.trim(),
        prices: { dealer: row.dealer_price, retail: row.retail_price },
        stock: row.stock,
      };
    }
  }

  /** The file is local and cheap to read, so the "snapshot" is simply the whole file again. */
  async getStockAndPrices(
    options: SnapshotOptions = {},
  ): Promise<ReadonlyMap<string, StockAndPrice>> {
    const rows = await this.#read(options.signal);
    return new Map(
      rows.map((row) => [
        row.code,
        { prices: { dealer: row.dealer_price, retail: row.retail_price }, stock: row.stock },
      ]),
    );
  }

  async #read(signal: AbortSignal | undefined): Promise<Row[]> {
    const text = await readFile(this.#path, { encoding: 'utf8', ...(signal ? { signal } : {}) });
    let records: { record: Record<string, string>; info: { lines: number } }[];
    try {
      records = parse(text, {
        bom: true,
        columns: true,
        delimiter: this.#delimiter,
        info: true,
        skip_empty_lines: true,
        trim: true,
      });
    } catch (error) {
      throw new CsvPriceFileError(`${this.#path}: ${(error as Error).message}`, { cause: error });
    }
    const rows: Row[] = [];
    const seen = new Map<string, number>();
    for (const { record, info } of records) {
      const result = v.safeParse(RowSchema, record);
      if (!result.success) {
        const issue = result.issues[0];
        const column = issue.path?.map((item) => String(item.key)).join('.') ?? '(row)';
        throw new CsvPriceFileError(
          `${this.#path} line ${info.lines}, column ${column}: ${issue.message} (got ${JSON.stringify(issue.input)})`,
        );
      }
      const earlier = seen.get(result.output.code);
      if (earlier !== undefined) {
        throw new CsvPriceFileError(
          `${this.#path} line ${info.lines}: code ${result.output.code} already on line ${earlier}`,
        );
      }
      seen.set(result.output.code, info.lines);
      rows.push(result.output);
    }
    return rows;
  }
}
