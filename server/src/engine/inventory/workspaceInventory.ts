// The inventory of a set of files (the CLI's paths, the language server's workspace folders): every OpenAPI
// document and every handler file among them, read through the engine's FileReader (open editor buffers win over
// the disk), turned into spec operations and code routes, matched into endpoints, and cross-checked.
//
// Kept between builds (the language server asks again after every change): a spec is loaded again only when its
// text or a file its `$ref`s read changed; code routes are computed again when any code file changed (a mount in
// one file changes the paths and middleware of routes in others), from facts the code index keeps per file version.
import * as path from 'node:path';
import { NEVER_CANCELLED, throwIfCancelled, type CancelSignal } from '../cancellation';
import { classifyDocument } from '../classify';
import { CodeAnalyzer } from '../code/lintCode';
import type { EngineSettings } from '../config/settings';
import { DEFAULT_SETTINGS } from '../config/settings';
import type { FileReader } from '../fileReader';
import type { Finding } from '../findings';
import { detectSecretFile } from '../secrets/secretFiles';
import { isGitIgnored } from '../secrets/gitIgnore';
import { pathToUri, uriToPath } from '../uris';
import { routesOfFile } from './codeRoutes';
import { crossCheck } from './crossChecks';
import { matchEndpoints, type ScopedRoute, type ScopedSpecOperation } from './matching';
import type { CodeRouteRef, Inventory } from './model';
import { loadSpec, type LoadedSpec } from './specOperations';

export interface InventoryRequest {
  /** Absolute paths of the candidate files (discoverFiles). */
  files: string[];
  /** Workspace folders (uris): bound the search for each file's project. */
  workspaceRoots: string[];
  settings?: EngineSettings;
  signal?: CancelSignal;
}

export interface InventoryResult {
  inventory: Inventory;
  /** The cross-check (`xref-…`) findings. */
  findings: Finding[];
  durationMs: number;
  /** How much was computed again: specs loaded, code files whose routes were computed. */
  recomputed: { specs: number; codeFiles: number };
}

interface SpecEntry {
  text: string;
  loaded: LoadedSpec;
  dependencyTexts: Map<string, string | undefined>;
}

export class WorkspaceInventory {
  private readonly analyzer: CodeAnalyzer;
  private readonly specs = new Map<string, SpecEntry>();
  private codeTexts = new Map<string, string>();
  private codeRoutes = new Map<string, CodeRouteRef[]>();
  private settingsKey = '';

  constructor(private readonly reader: FileReader) {
    this.analyzer = new CodeAnalyzer(reader);
  }

  async build(request: InventoryRequest): Promise<InventoryResult> {
    const started = performance.now();
    const settings = request.settings ?? DEFAULT_SETTINGS;
    const signal = request.signal ?? NEVER_CANCELLED;
    const errors: string[] = [];
    const settingsKey = JSON.stringify([settings.sensitiveData ?? null, settings.authNames ?? []]);
    if (settingsKey !== this.settingsKey) {
      this.specs.clear();
      this.codeTexts.clear();
      this.settingsKey = settingsKey;
    }
    // `.gitignore` files are read once per build, not once per file below them
    const ignoreFiles = new Map<string, string | undefined>();
    const ignoreReader: FileReader = {
      read: (uri) => {
        if (!ignoreFiles.has(uri)) ignoreFiles.set(uri, this.reader.read(uri));
        return ignoreFiles.get(uri);
      },
    };
    const specTexts = new Map<string, { text: string; syntax: 'yaml' | 'json' }>();
    const codeTexts = new Map<string, string>();
    for (const file of request.files) {
      const uri = pathToUri(file);
      const text = this.reader.read(uri);
      if (text === undefined || text.length > settings.maxFileSizeMb * 1024 * 1024) continue;
      const { kind, openapi } = classifyDocument(uri, text);
      if (kind === 'none' || isGitIgnored(uri, ignoreReader)) continue;
      if (openapi) specTexts.set(uri, { text, syntax: openapi.syntax });
      else if (kind === 'code' && !detectSecretFile(uri, text)) codeTexts.set(uri, text);
    }

    const recomputed = { specs: 0, codeFiles: 0 };
    for (const uri of [...this.specs.keys()]) if (!specTexts.has(uri)) this.specs.delete(uri);
    const specOps: ScopedSpecOperation[] = [];
    const specs: Inventory['specs'] = [];
    for (const [uri, { text, syntax }] of specTexts) {
      throwIfCancelled(signal);
      let entry = this.specs.get(uri);
      if (!entry || entry.text !== text || this.dependencyChanged(entry)) {
        try {
          const loaded = await loadSpec(uri, text, syntax, this.reader, settings.sensitiveData);
          entry = {
            text,
            loaded,
            dependencyTexts: new Map(loaded.dependencies.map((d) => [d, this.reader.read(d)])),
          };
          this.specs.set(uri, entry);
          recomputed.specs++;
        } catch (error) {
          errors.push(`inventory: ${uriToPath(uri)} could not be read as OpenAPI: ${String(error)}`);
          this.specs.delete(uri);
          continue;
        }
      }
      const project = this.projectOf(uri, request.workspaceRoots);
      specs.push({ ...entry.loaded.spec, project: pathToUri(project) });
      for (const op of entry.loaded.operations) specOps.push({ op, project });
    }

    const codeChanged =
      codeTexts.size !== this.codeTexts.size || [...codeTexts].some(([uri, text]) => this.codeTexts.get(uri) !== text);
    if (codeChanged) {
      const routes = new Map<string, CodeRouteRef[]>();
      for (const [uri, text] of codeTexts) {
        throwIfCancelled(signal);
        const out = await routesOfFile(this.analyzer, uri, text, settings, request.workspaceRoots, signal);
        errors.push(...out.errors);
        if (out.routes.length > 0) routes.set(uri, dedupe(out.routes));
        recomputed.codeFiles++;
      }
      this.codeRoutes = routes;
      this.codeTexts = codeTexts;
    }
    const scopedRoutes: ScopedRoute[] = [];
    for (const [uri, routes] of this.codeRoutes) {
      const project = this.projectOf(uri, request.workspaceRoots);
      for (const route of routes) scopedRoutes.push({ route, project });
    }

    const { endpoints, scopes } = matchEndpoints(specOps, scopedRoutes);
    const projects = new Map<string, { uri: string; specs: number; routes: number }>();
    for (const [project, scope] of scopes)
      projects.set(project, { uri: pathToUri(project), specs: scope.specs.size, routes: scope.routes });
    for (const { project } of scopedRoutes)
      if (![...scopes.keys()].some((p) => project === p || project.startsWith(p + path.sep)))
        projects.set(project, {
          uri: pathToUri(project),
          specs: 0,
          routes: (projects.get(project)?.routes ?? 0) + 1,
        });
    for (const endpoint of endpoints) endpoint.project = pathToUri(endpoint.project);
    const inventory: Inventory = {
      endpoints,
      specs,
      codeFiles: [...this.codeRoutes.keys()].sort(),
      projects: [...projects.values()].sort((a, b) => a.uri.localeCompare(b.uri)),
      errors,
    };
    const findings = crossCheck(inventory, settings, errors);
    return { inventory, findings, durationMs: performance.now() - started, recomputed };
  }

  private dependencyChanged(entry: SpecEntry): boolean {
    for (const [uri, text] of entry.dependencyTexts) if (this.reader.read(uri) !== text) return true;
    return false;
  }

  private projectOf(uri: string, workspaceRoots: string[]): string {
    return this.analyzer.index.projectRoot(uri, workspaceRoots);
  }
}

/** One entry per declaration and method (an adapter may report a route twice). */
function dedupe(routes: CodeRouteRef[]): CodeRouteRef[] {
  const seen = new Set<string>();
  return routes.filter((r) => {
    const key = `${r.range.start.line}:${r.range.start.character}:${r.method}:${r.pathTemplate}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
