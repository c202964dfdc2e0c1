// The per-workspace code index: facts of every code file the analysis touches, read through the engine's
// FileReader (so unsaved editor buffers count), parsed and extracted once per text version, plus the list of
// "mount files" of each project (files that mount routers, include routers, register blueprints, set global
// guards or default permissions), refreshed lazily. Module resolution for JS/TS imports and Python modules.
import { readdirSync, statSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import type { FileReader } from '../fileReader';
import { pathToUri, uriToPath } from '../uris';
import { FactsExtractor } from './extract';
import type { FileFacts } from './facts';
import { grammarFor, languageOf, ParseCache, CODE_EXTENSIONS } from './parser';
import { FRAMEWORK_HINTS } from './frameworks/hints.generated';

const IGNORED_DIRECTORIES = new Set([
  'node_modules',
  '.git',
  'dist',
  'out',
  'build',
  '.venv',
  'venv',
  'env',
  '__pycache__',
  '.tox',
  'coverage',
  'site-packages',
  '.next',
  '.nuxt',
  '.mypy_cache',
  '.pytest_cache',
  '.apiwarden-cache',
]);
const PROJECT_MARKERS = [
  'package.json',
  'pyproject.toml',
  'setup.py',
  'setup.cfg',
  'requirements.txt',
  'manage.py',
  'Pipfile',
  '.git',
];
const MAX_LISTED_FILES = 20000;
const LISTING_TTL_MS = 10_000;
const MAX_CODE_FILE_CHARS = 2 * 1024 * 1024;
/** How long the text of a file read for context (imports, mounts) is trusted before it is read again. */
const REREAD_AFTER_MS = 2_000;

/** Text that marks a file as one that mounts, includes or configures routes for other files. */
// Calls that mount routers, register blueprints or set guards: each adapter names its own (hints.generated.ts).
const MOUNT_HINT_JS = new RegExp(FRAMEWORK_HINTS.jsMountCalls.join('|'));
const MOUNT_HINT_PY = new RegExp(FRAMEWORK_HINTS.pyMountCalls.join('|'));

interface ListedFile {
  path: string;
  mtimeMs: number;
  mountHint: boolean;
}

interface Listing {
  at: number;
  files: Map<string, ListedFile>;
}

export class CodeIndex {
  /** Bumped whenever a file's facts are replaced by a new version (not when a file is first read). */
  version = 0;
  readonly parses = new ParseCache();
  readonly extractor = new FactsExtractor();
  private readonly facts = new Map<string, FileFacts>();
  private readonly lastGood = new Map<string, FileFacts>();
  private readonly readAt = new Map<string, number>();
  private readonly listings = new Map<string, Listing>();
  private readonly rootOfDir = new Map<string, string>();
  /** Module resolutions (directory + specifier → file), refreshed as often as the file listing. */
  private readonly resolutions = new Map<string, { uri: string | undefined; at: number }>();

  constructor(private readonly reader: FileReader) {}

  /** Facts of a file at the given text (or as the FileReader has it); undefined when unreadable or not code. */
  async factsFor(uri: string, text?: string): Promise<FileFacts | undefined> {
    const grammar = grammarFor(uri);
    if (!grammar) return undefined;
    const cached = this.facts.get(uri);
    // Other files are re-read at most every few seconds (a workspace lint touches the same mount files for
    // every file); a file being linted always comes with its current text and refreshes its entry.
    const now = Date.now();
    if (text === undefined && cached && now - (this.readAt.get(uri) ?? 0) < REREAD_AFTER_MS) return cached;
    const source = text ?? this.reader.read(uri);
    this.readAt.set(uri, now);
    if (source === undefined || source.length > MAX_CODE_FILE_CHARS) {
      this.facts.delete(uri);
      return undefined;
    }
    if (cached && cached.text === source) return cached;
    const parsed = await this.parses.parse(uri, source, grammar);
    const facts = this.extractor.extract(uri, source, parsed.tree, languageOf(grammar));
    // A changed file may change what other files resolve to: results cached per version become stale.
    if (cached) this.version++;
    this.facts.set(uri, facts);
    if (!facts.hasErrors) this.lastGood.set(uri, facts);
    return facts;
  }

  /** The last version of a file that parsed without errors (its exports stand in while someone types). */
  lastGoodFacts(uri: string): FileFacts | undefined {
    return this.lastGood.get(uri);
  }

  /** A project file that is not code (an OpenAPI document a framework reads routes from), as the FileReader has it. */
  readText(uri: string): string | undefined {
    return this.reader.read(uri);
  }

  /** Whether a file exists for the FileReader (overlay or disk), reading it only when needed. */
  exists(uri: string): boolean {
    if (this.facts.has(uri)) return true;
    try {
      return existsSync(uriToPath(uri));
    } catch {
      return this.reader.read(uri) !== undefined;
    }
  }

  /** The project a file belongs to: the nearest folder with a project marker, bounded by the workspace roots. */
  projectRoot(fileUri: string, workspaceRoots: string[] = []): string {
    const filePath = uriToPath(fileUri);
    const roots = workspaceRoots.map((r) => uriToPath(r));
    let dir = path.dirname(filePath);
    const start = dir;
    const cached = this.rootOfDir.get(start);
    if (cached) return cached;
    let found: string | undefined;
    for (;;) {
      if (PROJECT_MARKERS.some((m) => existsSync(path.join(dir, m)))) {
        found = dir;
        break;
      }
      if (roots.includes(dir)) {
        found = dir;
        break;
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    const result = found ?? start;
    this.rootOfDir.set(start, result);
    return result;
  }

  /** Code files of a project that mount, include or configure routes (refreshed at most every few seconds). */
  mountFiles(projectRoot: string): string[] {
    const listing = this.listing(projectRoot);
    const out: string[] = [];
    for (const file of listing.files.values()) if (file.mountHint) out.push(pathToUri(file.path));
    return out;
  }

  /** Every code file of a project (for adapters that scan, e.g. Django settings). */
  projectFiles(projectRoot: string): string[] {
    return [...this.listing(projectRoot).files.keys()].map((p) => pathToUri(p));
  }

  /**
   * Keeps the mount hint of a file in step with a new text (a file being linted, or one that is not handler code
   * but is read for context, such as a config module others import constants from), and makes its next read
   * current when the text changed: other files' lints must not see its previous facts.
   */
  noteText(uri: string, text: string): void {
    if (this.facts.get(uri)?.text !== text) this.reread(uri);
    const filePath = uriToPath(uri);
    for (const listing of this.listings.values()) {
      const entry = listing.files.get(filePath);
      if (entry) entry.mountHint = hasMountHint(filePath, text);
    }
  }

  /** The next read of a file goes to the FileReader again (its editor buffer was closed: the disk text counts). */
  reread(uri: string): void {
    this.readAt.delete(uri);
  }

  private listing(projectRoot: string): Listing {
    const now = Date.now();
    const previous = this.listings.get(projectRoot);
    if (previous && now - previous.at < LISTING_TTL_MS) return previous;
    const files = new Map<string, ListedFile>();
    const walk = (dir: string) => {
      if (files.size >= MAX_LISTED_FILES) return;
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (entry.name.startsWith('.') && entry.isDirectory()) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!IGNORED_DIRECTORIES.has(entry.name)) walk(full);
        } else if (
          entry.isFile() &&
          CODE_EXTENSIONS.includes(path.extname(entry.name).toLowerCase()) &&
          !entry.name.endsWith('.d.ts')
        ) {
          let mtimeMs: number;
          try {
            mtimeMs = statSync(full).mtimeMs;
          } catch {
            continue;
          }
          const old = previous?.files.get(full);
          if (old && old.mtimeMs === mtimeMs) files.set(full, old);
          else {
            const text = this.reader.read(pathToUri(full));
            files.set(full, { path: full, mtimeMs, mountHint: text !== undefined && hasMountHint(full, text) });
          }
          if (files.size >= MAX_LISTED_FILES) return;
        }
      }
    };
    walk(projectRoot);
    const listing = { at: now, files };
    this.listings.set(projectRoot, listing);
    return listing;
  }

  // --- module resolution ---------------------------------------------------------------------------------

  /** Resolves an import specifier written in `fromUri` to a file uri in the workspace (undefined: a package). */
  resolveModule(fromUri: string, spec: string, projectRoot: string): string | undefined {
    const key = `${fromUri}\0${spec}\0${projectRoot}`;
    const now = Date.now();
    const cached = this.resolutions.get(key);
    if (cached && now - cached.at < LISTING_TTL_MS) return cached.uri;
    const fromPath = uriToPath(fromUri);
    const uri = fromPath.endsWith('.py')
      ? this.resolvePython(fromPath, spec, projectRoot)
      : this.resolveJs(fromPath, spec, projectRoot);
    this.resolutions.set(key, { uri, at: now });
    return uri;
  }

  private resolveJs(fromPath: string, spec: string, projectRoot: string): string | undefined {
    let base: string;
    if (spec.startsWith('.')) base = path.resolve(path.dirname(fromPath), spec);
    else if (spec.startsWith('@/') || spec.startsWith('~/')) base = path.join(projectRoot, 'src', spec.slice(2));
    else if (spec.startsWith('src/')) base = path.join(projectRoot, spec);
    else return undefined;
    const stem = base.replace(/\.(js|mjs|cjs|jsx)$/, '');
    const candidates = [
      base,
      ...['.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx', '.mts'].map((e) => stem + e),
      ...['index.ts', 'index.tsx', 'index.js', 'index.mjs'].map((i) => path.join(base, i)),
    ];
    for (const candidate of candidates) {
      if (!CODE_EXTENSIONS.includes(path.extname(candidate))) continue;
      const uri = pathToUri(candidate);
      if (this.exists(uri) && isFile(candidate)) return uri;
    }
    return undefined;
  }

  private resolvePython(fromPath: string, spec: string, projectRoot: string): string | undefined {
    const leading = /^\.*/.exec(spec)![0].length;
    const rest = spec.slice(leading).split('.').filter(Boolean);
    const bases: string[] = [];
    if (leading > 0) {
      let dir = path.dirname(fromPath);
      for (let i = 1; i < leading; i++) dir = path.dirname(dir);
      bases.push(dir);
    } else {
      bases.push(projectRoot, path.join(projectRoot, 'src'), path.join(projectRoot, 'app'));
      // scripts run from their own folder import siblings absolutely
      let dir = path.dirname(fromPath);
      while (dir.startsWith(projectRoot) && dir !== projectRoot) {
        bases.push(dir);
        dir = path.dirname(dir);
      }
    }
    for (const base of bases) {
      const target = path.join(base, ...rest);
      for (const candidate of [target + '.py', path.join(target, '__init__.py')]) {
        const uri = pathToUri(candidate);
        if (this.exists(uri) && isFile(candidate)) return uri;
      }
      if (rest.length === 0 && existsSync(path.join(base, '__init__.py')))
        return pathToUri(path.join(base, '__init__.py'));
    }
    return undefined;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return true; // an overlay-only buffer
  }
}

function hasMountHint(filePath: string, text: string): boolean {
  return filePath.endsWith('.py') ? MOUNT_HINT_PY.test(text) : MOUNT_HINT_JS.test(text);
}
