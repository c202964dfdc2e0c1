// Values from a Python syntax tree: what each expression node becomes as a Val, and what assigning a value to a
// name records (module bindings and assignments, function locals, class attributes). `extractPy.ts` walks the
// statements, functions and classes around them; see facts.ts for the shapes.
import type { Node } from 'web-tree-sitter';
import { pathOf, type ClassFacts, type FnFacts, type KwArg, type Prop, type Span, type Val } from './facts';
import { span, StatementExtractor, statementSpan } from './statementExtractor';

/** Expressions and bindings of the Python extractor; `extractPy.ts` supplies the hooks. */
export abstract class PyValueExtractor extends StatementExtractor {
  /** Set while walking a class body: its attributes and methods go to the class. */
  protected cls: ClassFacts | undefined;

  /** A function's facts (a `def` or a lambda), with the function as the scope of its body. */
  protected abstract functionNode(node: Node, decorators: Val[]): FnFacts;
  /** The statements of a block, or the value of an expression in a block's place. */
  protected abstract block(node: Node): void;

  // --- bindings ------------------------------------------------------------------------------------------

  protected assign(left: Node, value: Val, s: Span): void {
    if (left.type === 'identifier') {
      this.bindName(this.src(left), value, s, span(left));
      return;
    }
    if (left.type === 'pattern_list' || left.type === 'tuple_pattern') {
      const items =
        value.k === 'arr' || (value.k === 'other' && value.text === ',')
          ? value.k === 'arr'
            ? value.items
            : value.parts
          : undefined;
      left.namedChildren.forEach((target, i) => {
        if (target?.type === 'identifier') this.bindName(this.src(target), items?.[i] ?? value, s, span(target));
      });
      return;
    }
    const target = this.val(left);
    const fact = {
      target: pathOf(target),
      targetSpan: target.k === 'member' ? target.propSpan : span(left),
      value,
      span: s,
    };
    this.out.allAssigns.push(fact);
    if (this.fn) this.fn.assigns.push(fact);
    else if (!this.cls) this.out.assigns.push(fact);
  }

  protected bindName(name: string, value: Val, whole: Span, nameSpan: Span): void {
    if (this.cls) {
      this.cls.members.push({ name, nameSpan, value, decorators: [], isStatic: true });
      return;
    }
    if (this.fn) {
      this.bindLocal(name, value);
      return;
    }
    this.out.bindings.push({ name, value, span: whole, nameSpan });
    // A module-level NAME = value is also an assignment (settings.py: DEBUG = True, SECRET_KEY = '…').
    const fact = { target: name, targetSpan: nameSpan, value, span: whole };
    this.out.assigns.push(fact);
    this.out.allAssigns.push(fact);
  }

  // --- expressions ---------------------------------------------------------------------------------------

  // One switch over the grammar's expression node types, kept as one dispatch on purpose: a reader checking how a
  // Python expression becomes a Val finds every kind in one place; the longer kinds have their own methods below.
  protected val(node: Node): Val {
    const s = span(node);
    switch (node.type) {
      case 'string':
        return this.stringLiteral(node, s);
      case 'concatenated_string': {
        const parts: Val[] = [];
        for (const child of node.namedChildren) {
          if (!child) continue;
          const v = this.val(child);
          if (v.k === 'tmpl') parts.push(...v.parts);
          else parts.push(v);
        }
        if (parts.every((p) => p.k === 'str'))
          return this.lit(parts.map((p) => (p as { value: string }).value).join(''), s);
        return { k: 'tmpl', parts, span: s };
      }
      case 'integer':
      case 'float':
        return { k: 'num', value: Number(this.src(node).replace(/_/g, '')), span: s };
      case 'true':
      case 'false':
        return { k: 'bool', value: node.type === 'true', span: s };
      case 'none':
        return { k: 'null', span: s };
      case 'identifier': {
        const name = this.src(node);
        this.fn?.refs.add(name);
        return { k: 'ref', name, span: s };
      }
      case 'attribute': {
        const objectNode = node.childForFieldName('object');
        const attr = node.childForFieldName('attribute');
        return this.member(this.valOr(objectNode, s), attr ? this.src(attr) : '?', s, attr ? span(attr) : s);
      }
      case 'subscript': {
        const valueNode = node.childForFieldName('value');
        // `Annotated[User, Depends(get_user)]`: every subscript, as a tuple when there are several
        const subscripts = node.childrenForFieldName('subscript').filter((c): c is Node => c !== null);
        const object = this.valOr(valueNode, s);
        if (subscripts.length > 1) {
          const items = subscripts.map((c) => this.val(c));
          return this.subscript(object, { k: 'arr', items, span: s }, s);
        }
        return this.subscript(object, subscripts[0] ? this.val(subscripts[0]) : undefined, s);
      }
      case 'call':
        return this.callExpression(node, s);
      case 'binary_operator':
        return this.binaryOperator(node, s);
      case 'boolean_operator': {
        const items = ['left', 'right']
          .map((f) => node.childForFieldName(f))
          .filter((x): x is Node => x !== null)
          .map((x) => this.val(x));
        const op = node.childForFieldName('operator');
        if (op && this.src(op) === 'or') return { k: 'or', items, span: s };
        return { k: 'other', parts: items, span: s, text: op ? this.src(op) : '' };
      }
      case 'conditional_expression': {
        const children = node.namedChildren.filter((c): c is Node => c !== null);
        const vals = children.map((c) => this.val(c));
        const items = [vals[0], vals[2]].filter((x): x is Val => x !== undefined);
        return vals.length === 3 ? { k: 'or', items, span: s, test: vals[1]! } : { k: 'or', items, span: s };
      }
      case 'dictionary':
        return this.dictionary(node, s);
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list': {
        const items: Val[] = [];
        for (const child of node.namedChildren) if (child && child.type !== 'comment') items.push(this.val(child));
        return { k: 'arr', items, span: s };
      }
      case 'list_splat':
      case 'dictionary_splat': {
        const inner = node.namedChild(0);
        return { k: 'spread', value: inner ? this.val(inner) : { k: 'other', parts: [], span: s }, span: s };
      }
      case 'lambda':
        return { k: 'fn', fn: this.functionNode(node, []), span: s };
      case 'parenthesized_expression':
      case 'await': {
        const inner = node.namedChild(0);
        return inner ? this.val(inner) : { k: 'other', parts: [], span: s };
      }
      case 'keyword_argument': {
        const value = node.childForFieldName('value');
        return value ? this.val(value) : { k: 'other', parts: [], span: s };
      }
      case 'assignment':
      case 'augmented_assignment':
      case 'named_expression': {
        const left = node.childForFieldName(node.type === 'named_expression' ? 'name' : 'left');
        const right = node.childForFieldName(node.type === 'named_expression' ? 'value' : 'right');
        const value = this.valOr(right, s);
        if (left) this.assign(left, value, s);
        return value;
      }
      default: {
        const parts: Val[] = [];
        for (const child of node.namedChildren) {
          if (!child || child.type === 'comment') continue;
          if (child.type === 'block') this.block(child);
          else parts.push(this.val(child));
        }
        return {
          k: 'other',
          parts,
          span: s,
          // comparisons keep their operators (`==`, `in`, `not in`): tests on `self.action` are read by them
          text:
            node.type === 'comparison_operator'
              ? node
                  .childrenForFieldName('operators')
                  .map((op) => (op ? this.src(op).replace(/\s+/g, ' ') : ''))
                  .join(' ')
              : node.type === 'not_operator'
                ? 'not'
                : // `[body for x in xs]`: parts[0] is what each element becomes
                  /^(list|set|dictionary)_comprehension$|^generator_expression$/.test(node.type)
                  ? 'comprehension'
                  : undefined,
        };
      }
    }
  }

  /** A string: a literal, or a template of its parts when it interpolates (f-strings). */
  private stringLiteral(node: Node, s: Span): Val {
    const parts: Val[] = [];
    let plain = true;
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'string_content' || child.type === 'escape_sequence') {
        const last = parts[parts.length - 1];
        if (last?.k === 'str') {
          last.value += this.src(child);
          last.span = statementSpan(last.span.start, child.endIndex);
        } else parts.push({ k: 'str', value: this.src(child), span: span(child) });
      } else if (child.type === 'interpolation') {
        plain = false;
        const expr = child.childForFieldName('expression') ?? child.namedChild(0);
        if (expr) parts.push(this.val(expr));
      }
    }
    if (plain) return this.lit(parts.map((p) => (p.k === 'str' ? p.value : '')).join(''), s);
    return { k: 'tmpl', parts, span: s };
  }

  /** A call with its arguments and keyword arguments, recorded for the file and the function it is in. */
  private callExpression(node: Node, s: Span): Val {
    const calleeNode = node.childForFieldName('function');
    const argsNode = node.childForFieldName('arguments');
    const callee = this.valOr(calleeNode, s);
    const args: Val[] = [];
    const kwargs: KwArg[] = [];
    for (const a of argsNode?.namedChildren ?? []) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        const name = a.childForFieldName('name');
        const value = a.childForFieldName('value');
        if (name && value) kwargs.push({ name: this.src(name), value: this.val(value), span: span(a) });
      } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') {
        const inner = a.namedChild(0);
        args.push({
          k: 'spread',
          value: inner ? this.val(inner) : { k: 'other', parts: [], span: span(a) },
          span: span(a),
        });
      } else args.push(this.val(a));
    }
    // "…{}…".format(x) and "…%s…" % x are string building: keep them as templates for taint.
    if (
      callee.k === 'member' &&
      callee.prop === 'format' &&
      (callee.object.k === 'str' || callee.object.k === 'tmpl')
    ) {
      const call: Extract<Val, { k: 'call' }> = { k: 'call', callee, args, kwargs, isNew: false, span: s };
      this.recordCall(call, !this.cls);
      return { k: 'tmpl', parts: [callee.object, ...args, ...kwargs.map((k) => k.value)], span: s };
    }
    const call: Extract<Val, { k: 'call' }> = { k: 'call', callee, args, kwargs, isNew: false, span: s };
    this.recordCall(call, !this.cls);
    return call;
  }

  /** `a + b` and `"…%s…" % x` are string building (templates); any other operator is opaque. */
  private binaryOperator(node: Node, s: Span): Val {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const op = node.childForFieldName('operator');
    const operator = op ? this.src(op) : '';
    const items = [left, right].filter((x): x is Node => x !== null).map((x) => this.val(x));
    if (operator === '+' || (operator === '%' && items[0]?.k === 'str')) {
      const parts: Val[] = [];
      for (const item of items) {
        if (item.k === 'tmpl') parts.push(...item.parts);
        else if (operator === '%' && item.k === 'arr') parts.push(...item.items);
        else parts.push(item);
      }
      return { k: 'tmpl', parts, span: s };
    }
    return { k: 'other', parts: items, span: s, text: operator };
  }

  /** A dict literal: its entries (also recorded for option checks) and `**` spreads. */
  private dictionary(node: Node, s: Span): Val {
    const props: Prop[] = [];
    const spreads: Val[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'pair') {
        const key = child.childForFieldName('key');
        const value = child.childForFieldName('value');
        if (!key || !value) continue;
        const k = this.val(key);
        props.push({ key: k.k === 'str' ? k.value : this.src(key), keySpan: span(key), value: this.val(value) });
      } else if (child.type === 'dictionary_splat') {
        const inner = child.namedChild(0);
        if (inner) spreads.push(this.val(inner));
      }
    }
    this.out.props.push(...props);
    return { k: 'obj', props, spreads, span: s };
  }

  /** Type expressions (`Annotated[User, Depends(get_user)]`) as values, so dependencies inside are found. */
  protected typeVal(node: Node): Val {
    if (node.type === 'generic_type' || node.type === 'type_parameter' || node.type === 'type') {
      const parts: Val[] = [];
      for (const child of node.namedChildren) if (child) parts.push(this.typeVal(child));
      return {
        k: 'other',
        parts,
        span: span(node),
        text: node.type === 'generic_type' ? this.src(node.namedChild(0) ?? node) : '',
      };
    }
    return this.val(node);
  }
}
