// Splits identifiers in any naming style into lower-case words: `userPassword`, `user_password`,
// `user-password`, `USER_PASSWORD`, `XMLHttpRequest` -> words. Used by every name-based check.

// The same names come back on every property of every lint (`id`, `name`, `created_at`…): remember them.
const cache = new Map<string, readonly string[]>();
const CACHE_LIMIT = 100_000;

export function splitIdentifier(name: string): string[] {
  let words = cache.get(name);
  if (!words) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    words = Object.freeze(split(name));
    cache.set(name, words);
  }
  return words as string[];
}

function split(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2') // camelCase boundary
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2') // acronym followed by a word: XMLHttp -> XML Http
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}
