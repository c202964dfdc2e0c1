// Facts per file version, built one top-level statement at a time. A statement whose text did not change
// since the previous version is not walked again: its cached facts are reused, moved by the offset delta.
// Typing inside one handler of a 2,000-line file therefore re-walks only that handler's statement.
import type { Node, Tree } from 'web-tree-sitter';
import { extractJsStatement } from './extractJs';
import { extractPyStatement } from './extractPy';
import { type CodeLanguage, type FileFacts, type FnFacts, type StatementFacts, type Val } from './facts';

export interface ExtractStats {
  statements: number;
  reused: number;
}

/**
 * Per-file statement caches (key: statement type + text). A text can occur several times in a file (the same
 * route or middleware line written twice): each occurrence has its own facts, whose anchor is its own offset.
 */
export class FactsExtractor {
  private readonly caches = new Map<string, Map<string, StatementFacts[]>>();
  lastStats: ExtractStats = { statements: 0, reused: 0 };

  extract(uri: string, text: string, tree: Tree, lang: CodeLanguage): FileFacts {
    const previous = this.caches.get(uri);
    const next = new Map<string, StatementFacts[]>();
    const parts: StatementFacts[] = [];
    let reused = 0;
    let statements = 0;
    const root = tree.rootNode;
    const count = root.namedChildCount;
    for (let i = 0; i < count; i++) {
      const node = root.namedChild(i) as Node;
      if (node.type === 'comment') continue;
      statements++;
      const start = node.startIndex;
      const key = `${node.type}\0${text.slice(start, node.endIndex)}`;
      // A statement whose text is unchanged keeps its facts; moving its anchor moves every span in them. The
      // n-th occurrence of a text takes the facts of the n-th occurrence before.
      let occurrences = next.get(key);
      if (!occurrences) next.set(key, (occurrences = []));
      let facts = previous?.get(key)?.[occurrences.length];
      if (facts) {
        facts.anchor.offset = start;
        reused++;
      } else {
        facts = lang === 'py' ? extractPyStatement(node, text) : extractJsStatement(node, text);
      }
      occurrences.push(facts);
      parts.push(facts);
    }
    this.caches.set(uri, next);
    this.lastStats = { statements, reused };
    return assemble(uri, lang, text, root.hasError, parts);
  }

  forget(uri: string): void {
    this.caches.delete(uri);
  }
}

function assemble(
  uri: string,
  lang: CodeLanguage,
  text: string,
  hasErrors: boolean,
  parts: StatementFacts[],
): FileFacts {
  const file: FileFacts = {
    uri,
    lang,
    text,
    hasErrors,
    imports: [],
    exports: [],
    bindings: [],
    functions: [],
    classes: [],
    calls: [],
    assigns: [],
    allFunctions: [],
    allCalls: [],
    allAssigns: [],
    strings: [],
    props: [],
    statements: parts,
    functionsByName: new Map(),
    classesByName: new Map(),
    bindingsByName: new Map(),
    importsByLocal: new Map(),
  };
  for (const p of parts) {
    file.imports.push(...p.imports);
    file.exports.push(...p.exports);
    file.bindings.push(...p.bindings);
    file.functions.push(...p.functions);
    file.classes.push(...p.classes);
    file.calls.push(...p.calls);
    file.assigns.push(...p.assigns);
    file.allFunctions.push(...p.allFunctions);
    file.allCalls.push(...p.allCalls);
    file.allAssigns.push(...p.allAssigns);
    file.strings.push(...p.strings);
    file.props.push(...p.props);
  }
  for (const fn of file.functions) if (fn.name) file.functionsByName.set(fn.name, fn);
  for (const b of file.bindings) {
    const list = file.bindingsByName.get(b.name);
    if (list) list.push(b.value);
    else file.bindingsByName.set(b.name, [b.value]);
    const fn = fnOf(b.value);
    if (fn && !file.functionsByName.has(b.name)) file.functionsByName.set(b.name, fn);
  }
  for (const c of file.classes) file.classesByName.set(c.name, c);
  for (const i of file.imports) file.importsByLocal.set(i.local, i);
  return file;
}

/** The function a value is, directly or wrapped once (`asyncHandler(async (req, res) => …)`). */
export function fnOf(val: Val | undefined): FnFacts | undefined {
  if (!val) return undefined;
  if (val.k === 'fn') return val.fn;
  return undefined;
}
