// Simple intra-handler taint tracking: does a value come from the request (through local variables,
// destructuring, string building and calls)? Returns the source as written, for messages such as
// "`req.query.url` flows to `fetch` on line 40".
import { localsOf, pathOf, rootOf, type FnFacts, type Span, type Val } from './facts';
import type { RequestModel } from './model';

export interface TaintSource {
  /** The request expression as written (`req.query.url`, `request.args.get()`, `url`). */
  text: string;
  span: Span;
}

const SANITIZERS =
  /^(parseInt|parseFloat|Number|Boolean|int|float|bool|len|isValid\w*|validate\w*|encodeURIComponent|escape|quote|uuid\.UUID|UUID|ObjectId|isUUID)$/;

/** Calls whose result is not made of their arguments: a vector search returns stored documents, not the query. */
const RESULT_NOT_FROM_ARGUMENTS =
  /^(similaritySearch|similaritySearchWithScore|similarity_search|similarity_search_with_score|max_marginal_relevance_search|get_relevant_documents|getRelevantDocuments|aget_relevant_documents)$/;

export class Taint {
  constructor(
    private readonly fn: FnFacts,
    private readonly model: RequestModel,
  ) {}

  /** The first request source a value is built from, or undefined. */
  sourceOf(val: Val | undefined, depth = 0, seen = new Set<string>()): TaintSource | undefined {
    if (!val || depth > 12) return undefined;
    switch (val.k) {
      case 'ref': {
        if (this.model.whole.has(val.name)) return { text: val.name, span: val.span };
        if (seen.has(val.name)) return undefined;
        seen.add(val.name);
        const values = localsOf(this.fn, val.name);
        for (const v of values ?? []) {
          const s = this.sourceOf(v, depth + 1, seen);
          if (s) return s;
        }
        return undefined;
      }
      case 'member':
      case 'index':
      case 'call': {
        const direct = this.requestPath(val);
        if (direct) return direct;
        if (val.k === 'call') {
          const name = pathOf(val.callee).split('.').pop() ?? '';
          if (SANITIZERS.test(name) || SANITIZERS.test(pathOf(val.callee)) || RESULT_NOT_FROM_ARGUMENTS.test(name))
            return undefined;
          for (const a of [...val.args, ...val.kwargs.map((k) => k.value)]) {
            const s = this.sourceOf(a, depth + 1, seen);
            if (s) return s;
          }
          // method on a tainted value: url.trim(), body.get('x')
          if (val.callee.k === 'member') return this.sourceOf(val.callee.object, depth + 1, seen);
          return undefined;
        }
        return this.sourceOf(val.object, depth + 1, seen);
      }
      case 'tmpl':
      case 'or':
      case 'other':
      case 'arr': {
        const parts =
          val.k === 'tmpl' ? val.parts : val.k === 'or' ? val.items : val.k === 'arr' ? val.items : val.parts;
        for (const p of parts) {
          const s = this.sourceOf(p, depth + 1, seen);
          if (s) return s;
        }
        return undefined;
      }
      case 'obj': {
        for (const p of val.props) {
          const s = this.sourceOf(p.value, depth + 1, seen);
          if (s) return s;
        }
        for (const p of val.spreads) {
          const s = this.sourceOf(p, depth + 1, seen);
          if (s) return s;
        }
        return undefined;
      }
      case 'spread':
        return this.sourceOf(val.value, depth + 1, seen);
      default:
        return undefined;
    }
  }

  /** `req.query.url`, `request.args.get('x')`, `ctx.request.body` directly. */
  requestPath(val: Val): TaintSource | undefined {
    const path = pathOf(val).replace(/\(\)/g, '');
    const root = rootOf(val);
    if (!root) return undefined;
    if (this.model.whole.has(root) && path !== root) return { text: pathOf(val), span: val.span };
    for (const [key, members] of this.model.members) {
      if (!path.startsWith(key + '.')) continue;
      const next = path.slice(key.length + 1).split('.')[0]!;
      if (members.has(next)) return { text: pathOf(val).replace(/\(\)$/, '()'), span: val.span };
    }
    return undefined;
  }

  /** Whether a value is the whole request body (`req.body`, `request.json`, `request.data`, a body parameter). */
  isWholeBody(val: Val | undefined, depth = 0): TaintSource | undefined {
    if (!val || depth > 6) return undefined;
    if (val.k === 'ref') {
      if (
        this.model.whole.has(val.name) &&
        /body|data|payload|dto|input|update|create|item|user|^obj$/i.test(val.name)
      ) {
        // a parameter typed with a schema class (Nest DTO, Pydantic model) is not "everything the client sent":
        // its declared fields are what is accepted (privileged fields in it are checked separately)
        const type = this.fn.params.find((p) => p.name === val.name)?.typeText?.trim();
        if (type && /^[A-Z]\w*$/.test(type) && !/^(Any|Dict|Object|Record|Request|Body)$/.test(type)) return undefined;
        return { text: val.name, span: val.span };
      }
      for (const v of localsOf(this.fn, val.name) ?? []) {
        const s = this.isWholeBody(v, depth + 1);
        if (s) return s;
      }
      return undefined;
    }
    if (val.k === 'spread') return this.isWholeBody(val.value, depth + 1);
    if (val.k === 'call') {
      const p = pathOf(val.callee);
      // request.get_json(), await request.json(), payload.dict(), payload.model_dump()
      if (/(^|\.)(get_json|json|model_dump|dict)$/.test(p) && val.callee.k === 'member') {
        const object = val.callee.object;
        if (object.k === 'ref' && this.model.whole.has(object.name))
          return this.isWholeBody(object, depth + 1) ? { text: pathOf(val), span: val.span } : undefined;
        if (this.requestPath(val)) return { text: pathOf(val), span: val.span };
        return this.isWholeBody(val.callee.object, depth + 1);
      }
      return undefined;
    }
    if (val.k === 'member') {
      const path = pathOf(val).replace(/\(\)/g, '');
      if (/\.(body|json|data|POST|form|validated_data|payload)$/.test(path) || /\.request\.body$/.test(path)) {
        if (this.requestPath(val)) return { text: pathOf(val), span: val.span };
      }
    }
    return undefined;
  }
}
