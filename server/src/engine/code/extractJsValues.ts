// Values from a JavaScript/TypeScript syntax tree: what each expression node becomes as a Val, and what binding a
// value to a name records (declarators, destructuring, assignments, CommonJS exports). `extractJs.ts` walks the
// statements, functions and classes around them; see facts.ts for the shapes.
import type { Node } from 'web-tree-sitter';
import { lastSegment, pathOf, type FnFacts, type Prop, type Span, type Val } from './facts';
import { span, StatementExtractor, statementSpan } from './statementExtractor';

const FUNCTION_TYPES = new Set([
  'function_declaration',
  'generator_function_declaration',
  'function_expression',
  'function',
  'arrow_function',
  'generator_function',
  'method_definition',
]);
const TRANSPARENT = new Set([
  'parenthesized_expression',
  'await_expression',
  'as_expression',
  'satisfies_expression',
  'non_null_expression',
  'type_assertion',
  'yield_expression',
]);

/** Expressions and bindings of the JavaScript/TypeScript extractor; `extractJs.ts` supplies the hooks. */
export abstract class JsValueExtractor extends StatementExtractor {
  /** A function's facts (declaration, expression, arrow or method), with the function as the scope of its body. */
  protected abstract functionNode(node: Node, decorators?: Val[]): FnFacts;
  /** A class's facts, recorded for the module or bound in the enclosing function. */
  protected abstract classNode(node: Node, decorators: Val[]): void;
  /** The statements of a block. */
  protected abstract block(node: Node): void;

  // --- bindings ------------------------------------------------------------------------------------------

  protected declarator(node: Node): void {
    const nameNode = node.childForFieldName('name');
    const valueNode = node.childForFieldName('value');
    if (!nameNode) return;
    const value = valueNode ? this.val(valueNode) : undefined;
    if (nameNode.type === 'identifier') {
      const name = this.src(nameNode);
      if (value?.k === 'fn' && !value.fn.name) {
        value.fn.name = name;
        value.fn.nameSpan = span(nameNode);
      }
      if (value && isRequire(value) && !this.fn) {
        this.out.imports.push({ local: name, module: strArg(value), imported: 'default', span: span(nameNode) });
        return;
      }
      if (value) this.bind(name, value, span(node), span(nameNode));
      return;
    }
    if (nameNode.type === 'object_pattern' && value) this.destructure(nameNode, value);
  }

  /** `const { a, b: c } = value` binds a = value.a, c = value.b; `const { Router } = require('express')` imports. */
  private destructure(pattern: Node, value: Val): void {
    for (const part of pattern.namedChildren) {
      if (!part) continue;
      let key: string | undefined;
      let local: Node | null = null;
      if (part.type === 'shorthand_property_identifier_pattern') {
        key = this.src(part);
        local = part;
      } else if (part.type === 'pair_pattern') {
        const k = part.childForFieldName('key');
        let v = part.childForFieldName('value');
        if (v?.type === 'assignment_pattern') v = v.childForFieldName('left');
        key = k ? stringContent(this.src(k)) : undefined;
        local = v?.type === 'identifier' ? v : null;
      } else if (part.type === 'object_assignment_pattern') {
        const left = part.childForFieldName('left');
        key = left ? this.src(left) : undefined;
        local = left;
      }
      if (!key || !local) continue;
      const name = this.src(local);
      if (isRequire(value) && !this.fn) {
        this.out.imports.push({ local: name, module: strArg(value), imported: key, span: span(local) });
        continue;
      }
      this.bind(
        name,
        { k: 'member', object: value, prop: key, span: span(part), propSpan: span(local) },
        span(part),
        span(local),
      );
    }
  }

  private bind(name: string, value: Val, whole: Span, nameSpan: Span): void {
    if (this.fn) this.bindLocal(name, value);
    else this.out.bindings.push({ name, value, span: whole, nameSpan });
  }

  private assign(left: Node, value: Val, s: Span): void {
    if (left.type === 'identifier') {
      const name = this.src(left);
      if (this.fn) this.bindLocal(name, value);
      else this.out.bindings.push({ name, value, span: s, nameSpan: span(left) });
      return;
    }
    if (left.type === 'object_pattern') {
      this.destructure(left, value);
      return;
    }
    const target = this.val(left);
    const targetPath = pathOf(target);
    const fact = {
      target: targetPath,
      targetSpan: target.k === 'member' ? target.propSpan : span(left),
      value,
      span: s,
    };
    this.out.allAssigns.push(fact);
    if (this.fn) this.fn.assigns.push(fact);
    else {
      this.out.assigns.push(fact);
      if (targetPath === 'module.exports') this.out.exports.push({ name: 'default', value, span: s });
      else if (
        targetPath.startsWith('module.exports.') ||
        (targetPath.startsWith('exports.') && targetPath.split('.').length === 2)
      )
        this.out.exports.push({ name: lastSegment(targetPath), value, span: s });
    }
  }

  // --- expressions ---------------------------------------------------------------------------------------

  // One switch over the grammar's expression node types, kept as one dispatch on purpose: a reader checking how a
  // JavaScript/TypeScript expression becomes a Val finds every kind in one place; the longer kinds have their own
  // methods below.
  protected val(node: Node): Val {
    const s = span(node);
    switch (node.type) {
      case 'string':
        return this.lit(stringContent(this.src(node)), s);
      case 'template_string':
        return this.templateString(node, s);
      case 'number':
        return { k: 'num', value: Number(this.src(node)), span: s };
      case 'true':
      case 'false':
        return { k: 'bool', value: node.type === 'true', span: s };
      case 'null':
      case 'undefined':
        return { k: 'null', span: s };
      case 'identifier':
      case 'this':
      case 'property_identifier':
      case 'shorthand_property_identifier':
      case 'super': {
        const name = this.src(node);
        this.fn?.refs.add(name);
        return { k: 'ref', name, span: s };
      }
      case 'member_expression': {
        const objectNode = node.childForFieldName('object');
        const propNode = node.childForFieldName('property');
        return this.member(
          this.valOr(objectNode, s),
          propNode ? this.src(propNode) : '?',
          s,
          propNode ? span(propNode) : s,
        );
      }
      case 'subscript_expression': {
        const objectNode = node.childForFieldName('object');
        const indexNode = node.childForFieldName('index');
        return this.subscript(this.valOr(objectNode, s), indexNode ? this.val(indexNode) : undefined, s);
      }
      case 'call_expression':
      case 'new_expression':
        return this.callExpression(node, s);
      case 'binary_expression':
        return this.binaryExpression(node, s);
      case 'ternary_expression': {
        const condition = node.childForFieldName('condition');
        const test = condition ? this.val(condition) : undefined;
        const items = ['consequence', 'alternative']
          .map((f) => node.childForFieldName(f))
          .filter((x): x is Node => x !== null)
          .map((x) => this.val(x));
        return test && items.length === 2 ? { k: 'or', items, span: s, test } : { k: 'or', items, span: s };
      }
      case 'assignment_expression':
      case 'augmented_assignment_expression': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const value = this.valOr(right, s);
        if (left) this.assign(left, value, s);
        return value;
      }
      case 'object':
        return this.objectLiteral(node, s);
      case 'array': {
        const items: Val[] = [];
        for (const child of node.namedChildren) if (child && child.type !== 'comment') items.push(this.val(child));
        return { k: 'arr', items, span: s };
      }
      case 'spread_element': {
        const inner = node.namedChild(0);
        return { k: 'spread', value: inner ? this.val(inner) : { k: 'other', parts: [], span: s }, span: s };
      }
      case 'regex':
        return { k: 'other', parts: [], span: s, text: this.src(node) };
      default:
        return this.otherExpression(node, s);
    }
  }

  /** `a${b}c`: a literal when nothing is substituted, else a template of its parts. */
  private templateString(node: Node, s: Span): Val {
    const parts: Val[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'template_substitution') {
        const inner = child.namedChild(0);
        if (inner) parts.push(this.val(inner));
      } else if (child.type === 'string_fragment' || child.type === 'escape_sequence') {
        const last = parts[parts.length - 1];
        if (last?.k === 'str' && last.span.end === child.startIndex) {
          last.value += this.src(child);
          last.span = statementSpan(last.span.start, child.endIndex);
        } else parts.push({ k: 'str', value: this.src(child), span: span(child) });
      }
    }
    if (parts.every((p) => p.k === 'str'))
      return this.lit(parts.map((p) => (p as { value: string }).value).join(''), s);
    return { k: 'tmpl', parts, span: s };
  }

  /** `f(…)`, `new C(…)`, and tagged templates: a call, recorded for the file and the function it is in. */
  private callExpression(node: Node, s: Span): Val {
    const calleeNode = node.childForFieldName(node.type === 'new_expression' ? 'constructor' : 'function');
    const argsNode = node.childForFieldName('arguments');
    const callee = this.valOr(calleeNode, s);
    const args: Val[] = [];
    if (argsNode?.type === 'template_string') args.push(this.val(argsNode));
    else for (const a of argsNode?.namedChildren ?? []) if (a && a.type !== 'comment') args.push(this.val(a));
    const call: Extract<Val, { k: 'call' }> = {
      k: 'call',
      callee,
      args,
      kwargs: [],
      isNew: node.type === 'new_expression',
      span: s,
    };
    this.recordCall(call);
    return call;
  }

  /** `a + b` is string building (a template), `a || b` and `a ?? b` either value, any other operator opaque. */
  private binaryExpression(node: Node, s: Span): Val {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const op = node.childForFieldName('operator');
    const operator = op ? this.src(op) : '';
    const l = left ? this.val(left) : undefined;
    const r = right ? this.val(right) : undefined;
    const items = [l, r].filter((x): x is Val => x !== undefined);
    if (operator === '+') {
      const parts: Val[] = [];
      for (const item of items)
        if (item.k === 'tmpl') parts.push(...item.parts);
        else parts.push(item);
      return { k: 'tmpl', parts, span: s };
    }
    if (operator === '||' || operator === '??') return { k: 'or', items, span: s };
    return { k: 'other', parts: items, span: s, text: operator };
  }

  /** An object literal: its properties (also recorded for option checks), spreads and methods. */
  private objectLiteral(node: Node, s: Span): Val {
    const props: Prop[] = [];
    const spreads: Val[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'pair') {
        const key = child.childForFieldName('key');
        const value = child.childForFieldName('value');
        if (key && value) props.push({ key: stringContent(this.src(key)), keySpan: span(key), value: this.val(value) });
      } else if (child.type === 'shorthand_property_identifier') {
        props.push({ key: this.src(child), keySpan: span(child), value: this.val(child) });
      } else if (child.type === 'spread_element') {
        const inner = child.namedChild(0);
        if (inner) spreads.push(this.val(inner));
      } else if (child.type === 'method_definition') {
        const key = child.childForFieldName('name');
        const fn = this.functionNode(child);
        if (key) props.push({ key: this.src(key), keySpan: span(key), value: { k: 'fn', fn, span: span(child) } });
      }
    }
    this.out.props.push(...props);
    return { k: 'obj', props, spreads, span: s };
  }

  /**
   * Wrappers that pass their value through (`await`, `as`, parentheses…), function and class expressions, and any
   * other expression as an opaque value of its parts.
   */
  private otherExpression(node: Node, s: Span): Val {
    if (TRANSPARENT.has(node.type)) {
      const inner = node.namedChildren.find(
        (c) =>
          c &&
          !c.type.startsWith('type') &&
          c.type !== 'comment' &&
          !c.type.endsWith('_type') &&
          c.type !== 'type_identifier',
      );
      return inner ? this.val(inner) : { k: 'other', parts: [], span: s };
    }
    if (FUNCTION_TYPES.has(node.type)) return { k: 'fn', fn: this.functionNode(node), span: s };
    if (node.type === 'class') {
      this.classNode(node, []);
      return { k: 'other', parts: [], span: s };
    }
    const parts: Val[] = [];
    for (const child of node.namedChildren) {
      if (!child || child.type === 'comment' || child.type.includes('type')) continue;
      if (child.type === 'statement_block') this.block(child);
      else parts.push(this.val(child));
    }
    return { k: 'other', parts, span: s };
  }
}

function isRequire(value: Val): boolean {
  return (
    value.k === 'call' && value.callee.k === 'ref' && value.callee.name === 'require' && value.args[0]?.k === 'str'
  );
}

function strArg(value: Val): string {
  return value.k === 'call' && value.args[0]?.k === 'str' ? value.args[0].value : '';
}

export function stringContent(raw: string): string {
  if (raw.length >= 2 && (raw[0] === '"' || raw[0] === "'" || raw[0] === '`') && raw[raw.length - 1] === raw[0])
    return raw.slice(1, -1);
  return raw;
}
