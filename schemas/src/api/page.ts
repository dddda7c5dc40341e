/**
 * The one list convention: `?limit=&cursor=&sort=`. `sort` names a field, `-field` for descending;
 * the answer carries `nextCursor` (null on the last page), an opaque token for the next request
 * with the same sort. Cursors survive inserts, unlike offsets.
 *
 * Lists that grow with a shop's history read a bounded number of documents per request, whatever
 * the history. Filtered, such a page can come back with fewer items than `limit` and a
 * `nextCursor` that goes on searching: `scannedTo` then says how far back (or forward) it got.
 * A sort that would need the whole history is refused with a 400 naming `querystring/sort`.
 */
export const PAGE_LIMIT_DEFAULT = 20;
export const PAGE_LIMIT_MAX = 100;

export interface PageQuery {
  limit?: number;
  cursor?: string;
  sort?: string;
}

/** Querystring schema of a list: the sortable fields, the first being the default sort. */
export function pageQuerySchema<F extends string>(
  sortFields: readonly [F, ...F[]],
  defaultSort: `${'' | '-'}${F}`,
) {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      limit: { type: 'integer', minimum: 1, maximum: PAGE_LIMIT_MAX, default: PAGE_LIMIT_DEFAULT },
      cursor: {
        type: 'string',
        minLength: 1,
        maxLength: 512,
        description: 'nextCursor of the previous page',
      },
      sort: {
        type: 'string',
        enum: sortFields.flatMap((f) => [f, `-${f}`]),
        default: defaultSort,
        description: 'Field to sort by; prefix with - for descending',
      },
    },
  } as const;
}

/** Response schema of a list of `item`. */
export function pageSchema<T extends object>(item: T) {
  return {
    type: 'object',
    required: ['items', 'nextCursor'],
    additionalProperties: false,
    properties: {
      items: { type: 'array', items: item },
      nextCursor: { type: ['string', 'null'] },
      /** How many items match, where the list knows it (a working set, a maintained counter). */
      total: { type: 'integer', minimum: 0 },
      /**
       * The page is short because the request read as much as one request may: the creation time
       * of the last item it looked at. nextCursor goes on from there.
       */
      scannedTo: { type: 'string', format: 'date-time' },
    },
  } as const;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
  scannedTo?: string;
}
