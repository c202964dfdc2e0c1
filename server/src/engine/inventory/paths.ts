// Path templates of every framework and of OpenAPI, brought to one form so that a spec operation and a code route
// can be compared: `/users/:id`, `/users/{id}`, `/users/<int:id>`, `/users/{user_id}`, `/users/{id:[0-9]+}` (Go),
// `/users/{id:.+}` (Spring), `^users/(?P<id>\d+)/$` (Django) all become the key `/users/{}`, and display as
// `/users/{id}`.

/** The matching key: parameters anonymous (`{}`), no trailing slash, no doubled slashes. */
export function pathKey(template: string): string {
  return displayPath(template).replace(/\{[^}]*\}/g, '{}');
}

/** The OpenAPI spelling of a template, parameter names kept: `/users/:id` -> `/users/{id}`. */
export function displayPath(template: string): string {
  let p = template.trim().replace(/^\^/, '').replace(/\$$/, '');
  p = p
    // Django regex groups: (?P<id>\d+)
    .replace(/\(\?P<([^>]+)>[^)]*\)/g, '{$1}')
    // Flask / Django converters: <int:id>, <id>
    .replace(/<(?:[^:>]+:)?([^>]+)>/g, '{$1}')
    // Go / Spring patterns inside braces: {id:[0-9]+}
    .replace(/\{([^}:]+):[^}]*\}/g, '{$1}')
    // Express / Koa / Fastify: :id, :id(\\d+), :id?
    .replace(/:([A-Za-z_][\w]*)(\([^)]*\))?\??/g, '{$1}')
    // wildcards: *, *rest
    .replace(/\*([A-Za-z_]\w*)/g, '{$1}')
    .replace(/\*/g, '{wildcard}');
  if (!p.startsWith('/')) p = '/' + p;
  p = p.replace(/\/{2,}/g, '/');
  if (p.length > 1) p = p.replace(/\/+$/, '');
  return p;
}

/** Joins a base path and a path: `/api/` + `/users` -> `/api/users`; `/` + `/users` -> `/users`. */
export function joinBasePath(base: string, path: string): string {
  const b = base.replace(/\/+$/, '');
  const rest = path.startsWith('/') ? path : `/${path}`;
  return b === '' ? rest : `${b}${rest === '/' ? '' : rest}`;
}

/**
 * The path part of a server URL (`https://api.example.com/v1` -> `/v1`, `/api` -> `/api`, `{scheme}://{host}/base`
 * with variables replaced by their defaults). Undefined when it cannot be read.
 */
export function serverBasePath(url: string, variables?: Record<string, unknown>): string | undefined {
  let expanded = url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables?.[name];
    const value = variable && typeof variable === 'object' ? (variable as { default?: unknown }).default : undefined;
    return typeof value === 'string' ? value : whole;
  });
  expanded = expanded.trim();
  // `https://host/base`, and `{scheme}://{host}/base` whose scheme and host have no default
  const match = /^[^/]*:\/\/[^/]*(\/.*)?$/i.exec(expanded);
  const path = match ? (match[1] ?? '/') : expanded.startsWith('/') ? expanded : expanded === '' ? '/' : undefined;
  if (path === undefined || /\{/.test(path)) return undefined;
  const clean = path.split(/[?#]/)[0]!.replace(/\/+$/, '');
  return clean === '' ? '/' : clean;
}
