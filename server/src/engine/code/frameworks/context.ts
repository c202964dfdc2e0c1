// What a framework adapter gets: the linted file's facts, a resolver for other files (recording
// dependencies), the auth analyzer, and the project's mount files.
import * as path from 'node:path';
import type { AuthAnalyzer } from '../auth';
import { allCallsOf, type FileFacts, type FnFacts, type Val } from '../facts';
import type { Resolver } from '../resolve';
import { uriToPath } from '../../uris';

export class AdapterContext {
  private mountFacts: Promise<FileFacts[]> | undefined;

  constructor(
    readonly file: FileFacts,
    readonly resolver: Resolver,
    readonly auth: AuthAnalyzer,
    private readonly mountFileUris: () => string[],
  ) {}

  /** Facts of the project's mount files (app/main/urls/settings…), the linted file excluded. */
  mountFiles(): Promise<FileFacts[]> {
    this.mountFacts ??= (async () => {
      const out: FileFacts[] = [];
      for (const uri of this.mountFileUris()) {
        if (uri === this.file.uri) continue;
        const facts = await this.resolver.facts(uri);
        if (facts) out.push(facts);
      }
      return out;
    })();
    return this.mountFacts;
  }

  relative(uri: string): string {
    return (
      path.relative(this.resolver.projectRoot, uriToPath(uri)).replace(/\\/g, '/') || path.basename(uriToPath(uri))
    );
  }

  /** The function a handler value stands for: inline, local, imported, `controller.method`, or wrapped
   * once (`asyncHandler(fn)`, `catchAsync(fn)`). */
  async handlerFn(file: FileFacts, val: Val, depth = 0): Promise<{ fn: FnFacts; file: FileFacts } | undefined> {
    if (depth > 3) return undefined;
    if (val.k === 'fn') return { fn: val.fn, file };
    if (val.k === 'call') {
      const sym = await this.resolver.valueSymbol(file, val.callee);
      if (sym?.kind === 'fn') {
        // a factory returning the handler: use what it returns
        const returned = sym.fn.returns.find((r) => r.k === 'fn');
        // a wrapper (`asyncHandler(fn)`, `catchErrors(controller())`) whose returned function calls the handler it is
        // given: the handler is the argument, not the wrapper's own function
        if (returned?.k === 'fn') {
          const called = new Set(allCallsOf(returned.fn).map((c) => c.path));
          for (let i = 0; i < val.args.length; i++) {
            const param = sym.fn.params[i]?.name;
            const arg = val.args[i]!;
            if (!param || !called.has(param) || !['fn', 'ref', 'member', 'call'].includes(arg.k)) continue;
            const inner = await this.handlerFn(file, arg, depth + 1);
            if (inner) return inner;
          }
        }
        if (returned?.k === 'fn' && val.args.every((a) => a.k !== 'fn')) return { fn: returned.fn, file: sym.file };
      }
      for (const arg of val.args) {
        if (arg.k === 'fn' || arg.k === 'ref' || arg.k === 'member') {
          const inner = await this.handlerFn(file, arg, depth + 1);
          if (inner) return inner;
        }
      }
      return undefined;
    }
    const sym = await this.resolver.valueSymbol(file, val);
    if (sym?.kind === 'fn') return { fn: sym.fn, file: sym.file };
    if (sym?.kind === 'value' && depth < 3) return this.handlerFn(sym.file, sym.val, depth + 1);
    return undefined;
  }
}
