// What the JavaScript/TypeScript and Python extractors share: the facts of the statement being extracted, the
// innermost function scope, spans relative to the statement, and the values both languages build the same way
// (literals, member access, calls).
import type { Node } from 'web-tree-sitter';
import {
  Anchor,
  anchoredSpan,
  emptyStatementFacts,
  lastSegment,
  pathOf,
  type CallFact,
  type FnFacts,
  type Span,
  type StatementFacts,
  type Val,
} from './facts';

/** The statement being extracted (extraction is synchronous, one statement at a time). */
let anchor = new Anchor(0);
export const span = (node: Node): Span => anchoredSpan(anchor, node.startIndex, node.endIndex);

/** Starts a statement: spans from here on are kept relative to its start, so they move with it. */
export function anchorStatement(node: Node): Anchor {
  anchor = new Anchor(node.startIndex);
  return anchor;
}

/** A span from `start` to `end` within the statement being extracted. */
export function statementSpan(start: number, end: number): Span {
  return anchoredSpan(anchor, start, end);
}

export abstract class StatementExtractor {
  protected readonly out: StatementFacts;
  /** Innermost function scope; undefined at module level. */
  protected fn: FnFacts | undefined;

  constructor(
    protected readonly text: string,
    anchor: Anchor,
  ) {
    this.out = emptyStatementFacts(anchor);
  }

  protected src(node: Node): string {
    return this.text.slice(node.startIndex, node.endIndex);
  }

  protected lit(value: string, s: Span): Val {
    const v: Extract<Val, { k: 'str' }> = { k: 'str', value, span: s };
    this.out.strings.push(v);
    return v;
  }

  protected bindLocal(name: string, value: Val): void {
    if (!this.fn) return;
    const list = this.fn.locals.get(name);
    if (list) list.push(value);
    else this.fn.locals.set(name, [value]);
  }

  /** The value an expression node stands for, in the language's grammar. */
  protected abstract val(node: Node): Val;

  /** The value of a child node the grammar may leave out (error recovery): an opaque value in its place. */
  protected valOr(node: Node | null, s: Span): Val {
    return node ? this.val(node) : { k: 'other', parts: [], span: s };
  }

  /** `object.prop`, also `object['prop']`; the function that reads it is noted as referring to its path. */
  protected member(object: Val, prop: string, s: Span, propSpan: Span): Val {
    const v: Val = { k: 'member', object, prop, span: s, propSpan };
    this.fn?.refs.add(pathOf(v));
    return v;
  }

  /** `object[index]`: a member access when the index is a literal, else an index expression. */
  protected subscript(object: Val, index: Val | undefined, s: Span): Val {
    if (index?.k === 'str' || index?.k === 'num') return this.member(object, String(index.value), s, index.span);
    return { k: 'index', object, index: index ?? { k: 'other', parts: [], span: s }, span: s };
  }

  /** A call, noted for the file and for the function it is in (or the module, when `atModuleLevel`). */
  protected recordCall(call: Extract<Val, { k: 'call' }>, atModuleLevel = true): void {
    const path = pathOf(call.callee);
    const callee = call.callee;
    const fact: CallFact = {
      val: call,
      path,
      method: lastSegment(path),
      nameSpan: callee.k === 'member' ? callee.propSpan : callee.span,
    };
    this.out.allCalls.push(fact);
    if (this.fn) this.fn.calls.push(fact);
    else if (atModuleLevel) this.out.calls.push(fact);
  }
}
