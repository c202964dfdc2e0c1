// Finds what a name or member refers to, across files: local functions, classes and bindings, imports of
// workspace modules (JS/TS relative imports, Python modules), and packages (reported as external). Every file
// read is recorded as a dependency of the lint.
import type { ClassFacts, FileFacts, FnFacts, ImportFact, Val } from './facts';
import { fnOf } from './extract';
import type { CodeIndex } from './workspace';

export type Symbol =
  | { kind: 'fn'; fn: FnFacts; file: FileFacts; name: string }
  | { kind: 'class'; cls: ClassFacts; file: FileFacts; name: string }
  | { kind: 'value'; val: Val; file: FileFacts; name: string }
  | { kind: 'module'; file: FileFacts; name: string }
  | { kind: 'external'; module: string; imported: string; name: string };

export class Resolver {
  readonly dependencies = new Set<string>();

  constructor(
    readonly index: CodeIndex,
    readonly projectRoot: string,
    /** The file being linted (its facts are current). */
    readonly current: FileFacts,
  ) {}

  /** Files read during this lint: each is read and (if changed) parsed once per lint. */
  private readonly read = new Map<string, Promise<FileFacts | undefined>>();

  facts(uri: string): Promise<FileFacts | undefined> {
    if (uri === this.current.uri) return Promise.resolve(this.current);
    this.dependencies.add(uri);
    let facts = this.read.get(uri);
    if (!facts) this.read.set(uri, (facts = this.index.factsFor(uri)));
    return facts;
  }

  /** The text of a non-code project file, recorded as a dependency of this lint (an edit re-lints the reader). */
  readText(uri: string): string | undefined {
    this.dependencies.add(uri);
    return this.index.readText(uri);
  }

  async moduleFile(from: FileFacts, spec: string): Promise<FileFacts | undefined> {
    const uri = this.index.resolveModule(from.uri, spec, this.projectRoot);
    return uri ? this.facts(uri) : undefined;
  }

  /** What `name` means at module level of `file`. */
  async symbol(file: FileFacts, name: string, depth = 0): Promise<Symbol | undefined> {
    if (depth > 6) return undefined;
    const fn = file.functionsByName.get(name);
    if (fn) return { kind: 'fn', fn, file, name };
    const cls = file.classesByName.get(name);
    if (cls) return { kind: 'class', cls, file, name };
    const imp = file.importsByLocal.get(name);
    if (imp) return this.importTarget(file, imp, depth);
    const bound = file.bindingsByName.get(name);
    if (bound && bound.length > 0) {
      const last = bound[bound.length - 1]!;
      const asFn = fnOf(last);
      if (asFn) return { kind: 'fn', fn: asFn, file, name };
      return { kind: 'value', val: last, file, name };
    }
    return undefined;
  }

  async importTarget(file: FileFacts, imp: ImportFact, depth: number): Promise<Symbol | undefined> {
    const target = await this.moduleFile(file, imp.module);
    if (!target) {
      // Python: `from . import views` / `from app import routes` may name a submodule.
      if (file.lang === 'py' && imp.imported !== '*') {
        const sub = await this.moduleFile(
          file,
          imp.module.endsWith('.') ? imp.module + imp.imported : `${imp.module}.${imp.imported}`,
        );
        if (sub) return { kind: 'module', file: sub, name: imp.local };
      }
      return { kind: 'external', module: imp.module, imported: imp.imported, name: imp.local };
    }
    if (imp.imported === '*') return { kind: 'module', file: target, name: imp.local };
    const found = await this.exported(target, imp.imported, depth + 1);
    if (found) return found;
    if (file.lang === 'py') {
      const sub = await this.moduleFile(
        file,
        imp.module.endsWith('.') ? imp.module + imp.imported : `${imp.module}.${imp.imported}`,
      );
      if (sub) return { kind: 'module', file: sub, name: imp.local };
    }
    return undefined;
  }

  /** What a module exports under `name` (`default` for the default export / module.exports). */
  async exported(file: FileFacts, name: string, depth = 0): Promise<Symbol | undefined> {
    if (depth > 6) return undefined;
    if (file.lang === 'py') return this.symbol(file, name, depth);
    const exp = [...file.exports].reverse().find((e) => e.name === name);
    if (exp) {
      const v = exp.value;
      if (v.k === 'ref') {
        if (v.name.startsWith('\0reexport:')) {
          const imp = file.importsByLocal.get(v.name);
          return imp ? this.importTarget(file, imp, depth) : undefined;
        }
        return (await this.symbol(file, v.name, depth)) ?? { kind: 'value', val: v, file, name };
      }
      if (v.k === 'fn') return { kind: 'fn', fn: v.fn, file, name: v.fn.name ?? name };
      return { kind: 'value', val: v, file, name };
    }
    // Half-typed code: error recovery may swallow `export default router;` below the edit. The last version
    // that parsed cleanly says what was exported; its name is looked up in the current text.
    if (file.hasErrors) {
      const good = this.index.lastGoodFacts(file.uri);
      const before = good && good !== file ? [...good.exports].reverse().find((e) => e.name === name) : undefined;
      if (before?.value.k === 'ref' && !before.value.name.startsWith('\0')) {
        const now = await this.symbol(file, before.value.name, depth + 1);
        if (now) return now;
      }
    }
    // module.exports = { a, b }: named access to an object export
    const def = [...file.exports].reverse().find((e) => e.name === 'default');
    if (def?.value.k === 'obj') {
      const p = def.value.props.find((x) => x.key === name);
      if (p)
        return p.value.k === 'ref'
          ? this.symbol(file, p.value.name, depth)
          : p.value.k === 'fn'
            ? { kind: 'fn', fn: p.value.fn, file, name }
            : { kind: 'value', val: p.value, file, name };
    }
    return undefined;
  }

  /** What a value refers to: `requireAuth`, `auth.requireUser`, `views.user_detail`, `require('./x')`. */
  async valueSymbol(file: FileFacts, val: Val, depth = 0): Promise<Symbol | undefined> {
    if (depth > 6) return undefined;
    if (val.k === 'ref') return this.symbol(file, val.name, depth);
    if (val.k === 'fn') return { kind: 'fn', fn: val.fn, file, name: val.fn.name ?? '(inline function)' };
    if (val.k === 'member') {
      const base = await this.valueSymbol(file, val.object, depth + 1);
      if (!base) return undefined;
      if (base.kind === 'module')
        return file.lang === 'py'
          ? this.symbol(base.file, val.prop, depth + 1)
          : this.exported(base.file, val.prop, depth + 1);
      if (base.kind === 'external')
        return {
          kind: 'external',
          module: base.module,
          imported: `${base.imported === '*' || base.imported === 'default' ? '' : base.imported + '.'}${val.prop}`,
          name: `${base.name}.${val.prop}`,
        };
      if (base.kind === 'value' && base.val.k === 'obj') {
        const p = base.val.props.find((x) => x.key === val.prop);
        // `auth.required` where `const auth = { required: jwt({…}) }`: the property's value itself
        if (p)
          return (
            (await this.valueSymbol(base.file, p.value, depth + 1)) ?? {
              kind: 'value',
              val: p.value,
              file: base.file,
              name: val.prop,
            }
          );
      }
      if (base.kind === 'class') {
        const member = base.cls.members.find((m) => m.name === val.prop);
        if (member?.fn) return { kind: 'fn', fn: member.fn, file: base.file, name: `${base.cls.name}.${member.name}` };
      }
      return undefined;
    }
    if (val.k === 'call' && val.callee.k === 'ref' && val.callee.name === 'require' && val.args[0]?.k === 'str') {
      const target = await this.moduleFile(file, val.args[0].value);
      if (!target) return { kind: 'external', module: val.args[0].value, imported: 'default', name: val.args[0].value };
      return (
        (await this.exported(target, 'default', depth + 1)) ?? { kind: 'module', file: target, name: val.args[0].value }
      );
    }
    return undefined;
  }
}
