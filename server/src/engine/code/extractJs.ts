// Facts from a JavaScript/TypeScript syntax tree (tree-sitter-javascript/-typescript/-tsx). One top-level
// statement at a time; see extract.ts for caching and facts.ts for the shapes.
import type { Node } from 'web-tree-sitter';
import {
  Anchor,
  anchoredSpan,
  emptyFn,
  lastSegment,
  pathOf,
  type ClassFacts,
  type ClassMember,
  type FnFacts,
  type Param,
  type Prop,
  type Span,
  type StatementFacts,
  type Val,
} from './facts';
import { StatementExtractor } from './statementExtractor';

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

/** The statement being extracted (extraction is synchronous, one statement at a time). */
let anchor = new Anchor(0);
const span = (node: Node): Span => anchoredSpan(anchor, node.startIndex, node.endIndex);

export function extractJsStatement(node: Node, text: string): StatementFacts {
  anchor = new Anchor(node.startIndex);
  return new JsExtractor(text).statement(node);
}

class JsExtractor extends StatementExtractor {
  constructor(text: string) {
    super(text, anchor);
  }

  statement(node: Node): StatementFacts {
    this.stmt(node, []);
    return this.out;
  }

  // --- statements ----------------------------------------------------------------------------------------

  private stmt(node: Node, pendingDecorators: Val[]): void {
    switch (node.type) {
      case 'import_statement':
        if (!this.fn) this.importStatement(node);
        return;
      case 'export_statement':
        return this.exportStatement(node);
      case 'lexical_declaration':
      case 'variable_declaration':
        for (const declarator of node.namedChildren)
          if (declarator?.type === 'variable_declarator') this.declarator(declarator);
        return;
      case 'function_declaration':
      case 'generator_function_declaration': {
        const fn = this.functionNode(node);
        if (!this.fn) this.out.functions.push(fn);
        else if (fn.name) this.bindLocal(fn.name, { k: 'fn', fn, span: span(node) });
        return;
      }
      case 'class_declaration':
      case 'abstract_class_declaration':
      case 'class':
        this.classNode(node, pendingDecorators);
        return;
      case 'expression_statement': {
        const expr = node.namedChild(0);
        if (expr) this.val(expr);
        return;
      }
      case 'return_statement': {
        const expr = node.namedChild(0);
        const v = expr ? this.val(expr) : undefined;
        if (v && this.fn) this.fn.returns.push(v);
        return;
      }
      case 'throw_statement': {
        const expr = node.namedChild(0);
        const v = expr ? this.val(expr) : undefined;
        if (v && this.fn) this.fn.raises.push(v);
        return;
      }
      case 'catch_clause': {
        const param = node.childForFieldName('parameter');
        if (this.fn)
          this.fn.catches.push({ name: param?.type === 'identifier' ? this.src(param) : '', span: span(node) });
        const body = node.childForFieldName('body');
        if (body) this.block(body);
        return;
      }
      case 'comment':
        return;
      default:
        if (node.type.endsWith('_expression') || node.type === 'identifier' || node.type === 'call_expression') {
          this.val(node);
          return;
        }
        this.block(node);
    }
  }

  private block(node: Node): void {
    let decorators: Val[] = [];
    for (const child of node.namedChildren) {
      if (!child || child.type === 'comment') continue;
      if (child.type === 'decorator') {
        decorators.push(this.decorator(child));
        continue;
      }
      this.stmt(child, decorators);
      decorators = [];
    }
  }

  private importStatement(node: Node): void {
    const source = node.childForFieldName('source');
    const module = source ? stringContent(this.src(source)) : '';
    for (const child of node.namedChildren) {
      if (child?.type !== 'import_clause') continue;
      for (const part of child.namedChildren) {
        if (!part) continue;
        if (part.type === 'identifier')
          this.out.imports.push({ local: this.src(part), module, imported: 'default', span: span(part) });
        else if (part.type === 'namespace_import') {
          const id = part.namedChild(0);
          if (id) this.out.imports.push({ local: this.src(id), module, imported: '*', span: span(id) });
        } else if (part.type === 'named_imports') {
          for (const spec of part.namedChildren) {
            if (spec?.type !== 'import_specifier') continue;
            const name = spec.childForFieldName('name');
            const alias = spec.childForFieldName('alias') ?? name;
            if (name && alias)
              this.out.imports.push({ local: this.src(alias), module, imported: this.src(name), span: span(alias) });
          }
        }
      }
    }
  }

  private exportStatement(node: Node): void {
    const decorators: Val[] = [];
    for (const child of node.namedChildren) if (child?.type === 'decorator') decorators.push(this.decorator(child));
    const declaration = node.childForFieldName('declaration');
    if (declaration) {
      const before = {
        functions: this.out.functions.length,
        classes: this.out.classes.length,
        bindings: this.out.bindings.length,
      };
      this.stmt(declaration, decorators);
      const isDefault = node.children.some((c) => c?.type === 'default');
      for (const fn of this.out.functions.slice(before.functions))
        this.out.exports.push({
          name: isDefault ? 'default' : (fn.name ?? 'default'),
          value: { k: 'fn', fn, span: fn.span },
          span: span(node),
        });
      for (const cls of this.out.classes.slice(before.classes))
        this.out.exports.push({
          name: isDefault ? 'default' : cls.name,
          value: { k: 'ref', name: cls.name, span: cls.nameSpan },
          span: span(node),
        });
      for (const b of this.out.bindings.slice(before.bindings))
        this.out.exports.push({ name: b.name, value: { k: 'ref', name: b.name, span: b.nameSpan }, span: span(node) });
      return;
    }
    const value = node.childForFieldName('value');
    if (value) {
      this.out.exports.push({ name: 'default', value: this.val(value), span: span(node) });
      return;
    }
    const source = node.childForFieldName('source');
    for (const child of node.namedChildren) {
      if (child?.type !== 'export_clause') continue;
      for (const spec of child.namedChildren) {
        if (spec?.type !== 'export_specifier') continue;
        const name = spec.childForFieldName('name');
        const alias = spec.childForFieldName('alias') ?? name;
        if (!name || !alias) continue;
        const local = this.src(name);
        if (source)
          this.out.imports.push({
            local: `\0reexport:${local}`,
            module: stringContent(this.src(source)),
            imported: local,
            span: span(name),
          });
        this.out.exports.push({
          name: this.src(alias),
          value: { k: 'ref', name: source ? `\0reexport:${local}` : local, span: span(name) },
          span: span(node),
        });
      }
    }
  }

  private declarator(node: Node): void {
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

  // --- functions and classes -----------------------------------------------------------------------------

  private functionNode(node: Node, decorators: Val[] = []): FnFacts {
    const fn = emptyFn(span(node));
    fn.decorators = decorators;
    const nameNode = node.childForFieldName('name');
    if (nameNode && node.type !== 'arrow_function') {
      fn.name = this.src(nameNode);
      fn.nameSpan = span(nameNode);
    }
    const outer = this.fn;
    if (outer) outer.nested.push(fn);
    this.out.allFunctions.push(fn);
    this.fn = fn;
    try {
      const params = node.childForFieldName('parameters');
      const single = node.childForFieldName('parameter');
      if (params) {
        for (const p of params.namedChildren) if (p) this.param(p, fn.params);
      } else if (single) this.param(single, fn.params);
      const body = node.childForFieldName('body');
      if (body) {
        if (body.type === 'statement_block') this.block(body);
        else fn.returns.push(this.val(body));
      }
    } finally {
      this.fn = outer;
    }
    return fn;
  }

  private param(node: Node, params: Param[]): void {
    if (node.type === 'comment') return;
    const decorators: Val[] = [];
    let pattern: Node | null = node;
    let typeText: string | undefined;
    let defaultVal: Val | undefined;
    if (node.type === 'required_parameter' || node.type === 'optional_parameter') {
      for (const child of node.namedChildren) if (child?.type === 'decorator') decorators.push(this.decorator(child));
      pattern = node.childForFieldName('pattern');
      const type = node.childForFieldName('type');
      if (type) typeText = this.src(type).replace(/^:\s*/, '');
      const value = node.childForFieldName('value');
      if (value) defaultVal = this.val(value);
    }
    if (pattern?.type === 'assignment_pattern') {
      const right = pattern.childForFieldName('right');
      if (right) defaultVal = this.val(right);
      pattern = pattern.childForFieldName('left');
    }
    if (!pattern) return;
    const param: Param = { name: '', span: span(pattern), decorators };
    if (typeText) param.typeText = typeText;
    if (defaultVal) param.defaultVal = defaultVal;
    if (pattern.type === 'identifier') param.name = this.src(pattern);
    else if (pattern.type === 'object_pattern') {
      param.pattern = [];
      for (const part of pattern.namedChildren) {
        if (!part) continue;
        if (part.type === 'shorthand_property_identifier_pattern') param.pattern.push(this.src(part));
        else if (part.type === 'pair_pattern') {
          const key = part.childForFieldName('key');
          if (key) param.pattern.push(this.src(key));
        } else if (part.type === 'object_assignment_pattern') {
          const left = part.childForFieldName('left');
          if (left) param.pattern.push(this.src(left));
        }
      }
    } else if (pattern.type === 'rest_pattern') {
      param.name = '...' + this.src(pattern).replace(/^\.\.\./, '');
    } else param.name = this.src(pattern);
    params.push(param);
  }

  private decorator(node: Node): Val {
    const inner = node.namedChild(0);
    return inner ? this.val(inner) : { k: 'other', parts: [], span: span(node) };
  }

  private classNode(node: Node, decorators: Val[]): void {
    const own: Val[] = [...decorators];
    for (const child of node.namedChildren) if (child?.type === 'decorator') own.push(this.decorator(child));
    const nameNode = node.childForFieldName('name');
    const cls: ClassFacts = {
      name: nameNode ? this.src(nameNode) : 'default',
      nameSpan: nameNode ? span(nameNode) : span(node),
      span: span(node),
      decorators: own,
      bases: [],
      basesText: [],
      members: [],
      innerClasses: [],
    };
    for (const child of node.namedChildren) {
      if (child?.type !== 'class_heritage') continue;
      for (const clause of child.namedChildren) {
        if (!clause) continue;
        for (const base of clause.namedChildren) {
          if (!base) continue;
          cls.bases.push(this.val(base));
          cls.basesText.push(this.src(base));
        }
      }
    }
    const body = node.childForFieldName('body');
    let pending: Val[] = [];
    for (const member of body?.namedChildren ?? []) {
      if (!member || member.type === 'comment') continue;
      if (member.type === 'decorator') {
        pending.push(this.decorator(member));
        continue;
      }
      const memberDecorators = pending;
      pending = [];
      const nameNode2 = member.childForFieldName('name');
      if (!nameNode2) continue;
      const isStatic = member.children.some((c) => c?.type === 'static');
      const entry: ClassMember = {
        name: this.src(nameNode2),
        nameSpan: span(nameNode2),
        decorators: memberDecorators,
        isStatic,
      };
      if (member.type === 'method_definition') {
        for (const child of member.namedChildren)
          if (child?.type === 'decorator') entry.decorators.push(this.decorator(child));
        const outer = this.fn;
        this.fn = undefined; // methods are not closures of anything at module level
        entry.fn = this.functionNode(member, entry.decorators);
        this.fn = outer;
        if (outer) outer.nested.push(entry.fn);
      } else if (member.type === 'public_field_definition' || member.type === 'field_definition') {
        for (const child of member.namedChildren)
          if (child?.type === 'decorator') entry.decorators.push(this.decorator(child));
        const value = member.childForFieldName('value');
        if (value) {
          entry.value = this.val(value);
          if (entry.value.k === 'fn') entry.fn = entry.value.fn;
        }
      } else continue;
      cls.members.push(entry);
    }
    if (!this.fn) this.out.classes.push(cls);
    else this.bindLocal(cls.name, { k: 'ref', name: cls.name, span: cls.nameSpan });
  }

  // --- expressions ---------------------------------------------------------------------------------------

  // One switch over the grammar's expression node types, kept whole on purpose: each case is a few lines, and a
  // reader checking how a JavaScript/TypeScript expression becomes a Val finds every kind in one place.
  protected val(node: Node): Val {
    const s = span(node);
    switch (node.type) {
      case 'string':
        return this.lit(stringContent(this.src(node)), s);
      case 'template_string': {
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
              last.span = anchoredSpan(anchor, last.span.start, child.endIndex);
            } else parts.push({ k: 'str', value: this.src(child), span: span(child) });
          }
        }
        if (parts.every((p) => p.k === 'str'))
          return this.lit(parts.map((p) => (p as { value: string }).value).join(''), s);
        return { k: 'tmpl', parts, span: s };
      }
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
      case 'new_expression': {
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
      case 'binary_expression': {
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
      case 'ternary_expression': {
        const condition = node.childForFieldName('condition');
        if (condition) this.val(condition);
        const items = ['consequence', 'alternative']
          .map((f) => node.childForFieldName(f))
          .filter((x): x is Node => x !== null)
          .map((x) => this.val(x));
        return { k: 'or', items, span: s };
      }
      case 'assignment_expression':
      case 'augmented_assignment_expression': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const value = this.valOr(right, s);
        if (left) this.assign(left, value, s);
        return value;
      }
      case 'object': {
        const props: Prop[] = [];
        const spreads: Val[] = [];
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (child.type === 'pair') {
            const key = child.childForFieldName('key');
            const value = child.childForFieldName('value');
            if (key && value)
              props.push({ key: stringContent(this.src(key)), keySpan: span(key), value: this.val(value) });
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
      default: {
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
}

function isRequire(value: Val): boolean {
  return (
    value.k === 'call' && value.callee.k === 'ref' && value.callee.name === 'require' && value.args[0]?.k === 'str'
  );
}

function strArg(value: Val): string {
  return value.k === 'call' && value.args[0]?.k === 'str' ? value.args[0].value : '';
}

function stringContent(raw: string): string {
  if (raw.length >= 2 && (raw[0] === '"' || raw[0] === "'" || raw[0] === '`') && raw[raw.length - 1] === raw[0])
    return raw.slice(1, -1);
  return raw;
}
