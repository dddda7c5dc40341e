const PLACEHOLDER =
  /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*(?:\|\s*default:\s*"([^"{}]*)"\s*)?\}\}/g;

/**
 * Logic-less templates: `{{contact.name}}` is replaced by that value, nothing else is interpreted,
 * so an owner's text can never run code. A missing or empty value renders as empty text, or as the
 * placeholder's fallback, `{{contact.name | default: "there"}}` (the one filter, spelled as in
 * Liquid, which shop owners meet in Shopify), so "Hi {{contact.name}}" need not say "Hi ".
 * With `objectsAsJson` an object or list (a saved JSON answer) renders as its JSON; else as empty.
 */
export function renderTemplate(
  template: string,
  scope: Record<string, unknown>,
  options: { objectsAsJson?: boolean } = {},
): string {
  return template.replace(PLACEHOLDER, (_match, path: string, fallback: string | undefined) => {
    const value = readPath(scope, path);
    const text =
      value === undefined || value === null
        ? ''
        : typeof value !== 'object'
          ? String(value)
          : options.objectsAsJson
            ? JSON.stringify(value)
            : '';
    return text.trim() === '' && fallback !== undefined ? fallback : text;
  });
}

/** Placeholder paths used in a template, for the compiler's variable checks. */
export function templatePaths(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

function readPath(scope: Record<string, unknown>, path: string): unknown {
  let value: unknown = scope;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key))
      return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
