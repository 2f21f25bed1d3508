/** What every page of a paged listing tells its caller. */
export interface PageInfo<T> {
  /** 0-based number of this page in the walk. */
  readonly pageNumber: number;
  /** Valid items of this page. */
  readonly items: readonly T[];
  /** Items (or pages, as the API counts) in the whole listing, when the API says. */
  readonly total: number | undefined;
}

/** A paged listing: iterate it for items, or call `pages()` for each page with its metadata. */
export interface Paged<T, P extends PageInfo<T>> extends AsyncIterable<T> {
  pages(): AsyncIterable<P>;
}

type ItemOf<P extends PageInfo<unknown>> = P['items'][number];

/** How to walk one listing. */
export interface PaginateOptions<P extends PageInfo<unknown>, C> {
  /** Cursor of the first page (an offset, a page number, a link). */
  readonly first: C;
  /** Loads the page at `cursor`; `pageNumber` counts from 0. */
  load(cursor: C, pageNumber: number): Promise<P>;
  /** Cursor of the page after `page`, or `undefined` when it was the last. */
  next(page: P, cursor: C): C | undefined;
  /** Items yielded once by key (e.g. an article repeated across pages); default: every item. */
  key?: ((item: ItemOf<P>) => unknown) | undefined;
}

/** Walks a paged listing lazily: no request before the first item or page is asked for. */
export function paginate<P extends PageInfo<unknown>, C>(
  options: PaginateOptions<P, C>,
): Paged<ItemOf<P>, P> {
  const pages = async function* (): AsyncGenerator<P> {
    let cursor: C | undefined = options.first;
    for (let pageNumber = 0; cursor !== undefined; pageNumber++) {
      const page = await options.load(cursor, pageNumber);
      yield page;
      cursor = options.next(page, cursor);
    }
  };
  return {
    pages: () => ({ [Symbol.asyncIterator]: pages }),
    async *[Symbol.asyncIterator]() {
      const { key } = options;
      const seen = new Set<unknown>();
      for await (const page of pages()) {
        for (const item of page.items as readonly ItemOf<P>[]) {
          const id = key?.(item);
          if (key !== undefined && seen.has(id)) continue;
          seen.add(id);
          yield item;
        }
      }
    },
  };
}

/**
 * The `next` rule of offset paging: advance by what actually arrived (so a short page never
 * skips items), stop at an empty page or at the total.
 */
export function nextOffset(
  offset: number,
  received: number,
  total: number | undefined,
): number | undefined {
  if (received === 0) return undefined;
  const next = offset + received;
  return total !== undefined && next >= total ? undefined : next;
}
