/**
 * The one list convention: `?limit=&cursor=&sort=`. `sort` names a field, `-field` for descending;
 * the answer carries `nextCursor` (null on the last page), an opaque token for the next request
 * with the same sort. Cursors survive inserts, unlike offsets.
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
    },
  } as const;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
