/** One query parameter value; arrays are sent comma-separated (`form`, not exploded). */
export type QueryValue = string | number | boolean | readonly (string | number)[];

/** Query parameters; `undefined` ones are left out. */
export type QueryParams = Readonly<Record<string, QueryValue | undefined>>;

/** Builds `base + path + ?query` the way OpenAPI's `form`/`explode: false` style does. */
export function buildUrl(baseUrl: string, path: string, query: QueryParams = {}): URL {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}${path}`);
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const text = [value].flat().map(encodeURIComponent).join(',');
    parts.push(`${encodeURIComponent(name)}=${text}`);
  }
  if (parts.length > 0) url.search = parts.join('&');
  return url;
}

/** Fills `:name` segments of a path template, encoding each value. */
export function fillPath(
  template: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`path ${template} needs a value for :${name}`);
    return encodeURIComponent(String(value));
  });
}
