// What one handler file serves, for the inventory: its routes (the code path's adapters, without the rules) with
// their auth verdict, the data classes of the fields their responses name (the shared classifier) and whether they
// call an LLM.
import { atLeast, classifyField, type ClassifierOptions, type DataClass } from '@apiwarden/sensitive';
import type { CancelSignal } from '../cancellation';
import type { EngineSettings } from '../config/settings';
import type { CodeAnalyzer } from '../code/lintCode';
import { localsOf, type FileFacts, type FnFacts, type Val } from '../code/facts';
import { isLlmCall } from '../code/llm';
import type { Route } from '../code/model';
import { LineIndex } from '../positions';
import type { CodeRouteRef } from './model';
import { displayPath } from './paths';

export interface FileRoutes {
  routes: CodeRouteRef[];
  errors: string[];
}

export async function routesOfFile(
  analyzer: CodeAnalyzer,
  uri: string,
  text: string,
  settings: EngineSettings,
  workspaceRoots: string[],
  signal: CancelSignal,
): Promise<FileRoutes> {
  const out = await analyzer.routes({ uri, text, settings, signal, workspaceRoots });
  const lines = new Map<string, LineIndex>([[uri, new LineIndex(text)]]);
  const linesOf = (fileUri: string): LineIndex | undefined => {
    let index = lines.get(fileUri);
    if (!index) {
      const other = analyzer.index.readText(fileUri);
      if (other === undefined) return undefined;
      lines.set(fileUri, (index = new LineIndex(other)));
    }
    return index;
  };
  const routes: CodeRouteRef[] = [];
  for (const route of out.routes) {
    // a route file is linted on its own and as a mount's target: each route is kept where it is declared
    if (route.file !== uri) continue;
    const index = linesOf(route.file);
    if (!index) continue;
    const handlerLines = route.handlerFile ? linesOf(route.handlerFile.uri) : index;
    routes.push(routeRef(route, index, handlerLines, out.file, settings.sensitiveData));
  }
  return { routes, errors: out.errors };
}

function routeRef(
  route: Route,
  lines: LineIndex,
  handlerLines: LineIndex | undefined,
  file: FileFacts | undefined,
  classifier: ClassifierOptions | undefined,
): CodeRouteRef {
  const required = route.authEvidence.some((e) => !e.optional);
  const handlerFile = route.handlerFile ?? file;
  const fields = responseFields(route, classifier);
  const handlerUri = route.handlerFile?.uri ?? route.file;
  return {
    uri: route.file,
    method: route.method,
    pathTemplate: route.pathTemplate,
    path: displayPath(route.pathTemplate),
    range: lines.rangeOf(route.range.start, route.range.end),
    framework: route.framework,
    auth: required ? 'required' : route.authEvidence.length > 0 ? 'optional' : 'none',
    authEvidence: route.authEvidence.map((e) => `${e.name} (${e.detail})`),
    roleChecks: route.roleChecks.map((r) => `${r.name} (${r.detail})`),
    unmounted: route.unmounted === true,
    ...(route.hiddenFromDocs ? { hiddenFromDocs: route.hiddenFromDocs } : {}),
    ...(route.publicMarker ? { publicMarker: route.publicMarker } : {}),
    dataClasses: [...new Set(fields.flatMap((f) => f.classes))].sort(),
    responseFields: handlerLines
      ? fields.map((f) => ({
          name: f.name,
          ...(f.classes.length ? { dataClasses: f.classes } : {}),
          uri: handlerUri,
          range: handlerLines.rangeOf(f.span.start, f.span.end),
        }))
      : [],
    aiLinked: handlerFile !== undefined && route.calls.some((call) => isLlmCall(call, handlerFile)),
  };
}

/**
 * The property names the handler's response objects carry (nested objects, locals and `.map` callbacks followed),
 * with the classes the classifier gives them.
 */
function responseFields(
  route: Route,
  classifier: ClassifierOptions | undefined,
): { name: string; classes: DataClass[]; span: { start: number; end: number } }[] {
  const out: { name: string; classes: DataClass[]; span: { start: number; end: number } }[] = [];
  const seen = new Set<Val>();
  const visit = (val: Val, depth: number): void => {
    if (depth > 4 || seen.has(val)) return;
    seen.add(val);
    if (val.k === 'ref' && route.handler) {
      const values = localsOf(route.handler, val.name);
      if (values?.length) visit(values[values.length - 1]!, depth + 1);
      return;
    }
    if (val.k === 'obj') {
      for (const p of val.props) {
        const classes = atLeast(classifyField({ name: p.key }, classifier), 'medium').map((m) => m.dataClass);
        out.push({ name: p.key, classes, span: p.keySpan });
        visit(p.value, depth + 1);
      }
      val.spreads.forEach((s) => visit(s, depth + 1));
    } else if (val.k === 'arr') val.items.forEach((item) => visit(item, depth + 1));
    else if (val.k === 'spread') visit(val.value, depth + 1);
    else if (val.k === 'call' && isMapCall(val)) {
      const callback = val.args[0] as Extract<Val, { k: 'fn' }>;
      returnsOf(callback.fn).forEach((r) => visit(r, depth + 1));
    }
  };
  for (const response of route.responseExpressions) visit(response.val, 0);
  return out;
}

function isMapCall(val: Extract<Val, { k: 'call' }>): boolean {
  return val.callee.k === 'member' && /^(map|flatMap)$/.test(val.callee.prop) && val.args[0]?.k === 'fn';
}

function returnsOf(fn: FnFacts): Val[] {
  return fn.returns;
}
