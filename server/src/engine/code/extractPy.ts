// Facts from a Python syntax tree (tree-sitter-python). One top-level statement at a time; see extract.ts for
// caching and facts.ts for the shapes.
import type { Node } from 'web-tree-sitter';
import {
  Anchor,
  anchoredSpan,
  emptyFn,
  pathOf,
  type ClassFacts,
  type FnFacts,
  type KwArg,
  type Param,
  type Prop,
  type Span,
  type StatementFacts,
  type Val,
} from './facts';
import { StatementExtractor } from './statementExtractor';

/** The statement being extracted (extraction is synchronous, one statement at a time). */
let anchor = new Anchor(0);
const span = (node: Node): Span => anchoredSpan(anchor, node.startIndex, node.endIndex);

export function extractPyStatement(node: Node, text: string): StatementFacts {
  anchor = new Anchor(node.startIndex);
  return new PyExtractor(text).statement(node);
}

class PyExtractor extends StatementExtractor {
  /** Set while walking a class body: its attributes and methods go to the class. */
  private cls: ClassFacts | undefined;

  constructor(text: string) {
    super(text, anchor);
  }

  statement(node: Node): StatementFacts {
    this.stmt(node);
    return this.out;
  }

  // One switch over the statement node types (kept whole for the same reason as `val`).
  private stmt(node: Node, decorators: Val[] = []): void {
    switch (node.type) {
      case 'import_statement':
      case 'import_from_statement':
        if (!this.fn && !this.cls) this.importStatement(node);
        return;
      case 'future_import_statement':
      case 'comment':
      case 'pass_statement':
        return;
      case 'decorated_definition': {
        const own = [...decorators];
        for (const child of node.namedChildren) if (child?.type === 'decorator') own.push(this.decorator(child));
        const definition = node.childForFieldName('definition');
        if (definition) this.stmt(definition, own);
        return;
      }
      case 'function_definition': {
        const inClass = this.cls;
        this.cls = undefined;
        const fn = this.functionNode(node, decorators);
        this.cls = inClass;
        if (inClass && fn.name && fn.nameSpan)
          inClass.members.push({ name: fn.name, nameSpan: fn.nameSpan, fn, decorators, isStatic: false });
        else if (this.fn) {
          if (fn.name) this.bindLocal(fn.name, { k: 'fn', fn, span: fn.span });
        } else this.out.functions.push(fn);
        return;
      }
      case 'class_definition':
        this.classNode(node, decorators);
        return;
      case 'expression_statement': {
        for (const child of node.namedChildren) if (child) this.expressionStatement(child);
        return;
      }
      case 'return_statement': {
        const expr = node.namedChild(0);
        const v = expr ? this.val(expr) : undefined;
        if (v && this.fn) this.fn.returns.push(v);
        return;
      }
      case 'raise_statement': {
        const expr = node.namedChild(0);
        const v = expr ? this.val(expr) : undefined;
        if (v && this.fn) this.fn.raises.push(v);
        return;
      }
      case 'except_clause': {
        let name = '';
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (child.type === 'as_pattern') {
            const alias = child.childForFieldName('alias');
            if (alias) name = this.src(alias);
            const caught = child.namedChild(0);
            if (caught) this.val(caught);
          } else if (child.type === 'block') this.block(child);
        }
        if (this.fn) this.fn.catches.push({ name, span: span(node) });
        return;
      }
      case 'with_statement': {
        for (const child of node.namedChildren) {
          if (child?.type === 'with_clause') {
            for (const item of child.namedChildren) {
              const value = item?.childForFieldName('value');
              if (!value) continue;
              if (value.type === 'as_pattern') {
                const expr = value.namedChild(0);
                const alias = value.childForFieldName('alias');
                const v = expr ? this.val(expr) : undefined;
                const target = alias?.namedChild(0);
                if (v && target?.type === 'identifier') this.bindName(this.src(target), v, span(value), span(target));
              } else this.val(value);
            }
          } else if (child) this.block(child);
        }
        return;
      }
      case 'global_statement':
      case 'nonlocal_statement':
        return;
      default:
        this.block(node);
    }
  }

  private block(node: Node): void {
    if (
      node.type === 'block' ||
      node.type.endsWith('_statement') ||
      node.type.endsWith('_clause') ||
      node.type === 'module'
    ) {
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (
          child.type === 'block' ||
          child.type.endsWith('_statement') ||
          child.type.endsWith('_clause') ||
          child.type === 'decorated_definition' ||
          child.type.endsWith('_definition')
        )
          this.stmt(child);
        else this.val(child); // conditions, iterables
      }
      return;
    }
    this.val(node);
  }

  private expressionStatement(node: Node): void {
    if (node.type === 'assignment' || node.type === 'augmented_assignment') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const value = right ? this.val(right) : undefined;
      if (left && value) this.assign(left, value, span(node));
      else if (left?.type === 'identifier' && this.cls)
        this.cls.members.push({ name: this.src(left), nameSpan: span(left), decorators: [], isStatic: true }); // `field: int`
      return;
    }
    this.val(node);
  }

  private assign(left: Node, value: Val, s: Span): void {
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

  private bindName(name: string, value: Val, whole: Span, nameSpan: Span): void {
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

  private importStatement(node: Node): void {
    if (node.type === 'import_statement') {
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type === 'dotted_name') {
          const module = this.src(child);
          this.out.imports.push({
            local: module.split('.')[0]!,
            module: module.split('.')[0]!,
            imported: '*',
            span: span(child),
          });
          if (module.includes('.')) this.out.imports.push({ local: module, module, imported: '*', span: span(child) });
        } else if (child.type === 'aliased_import') {
          const name = child.childForFieldName('name');
          const alias = child.childForFieldName('alias');
          if (name && alias)
            this.out.imports.push({ local: this.src(alias), module: this.src(name), imported: '*', span: span(alias) });
        }
      }
      return;
    }
    const moduleNode = node.childForFieldName('module_name');
    const module = moduleNode ? this.src(moduleNode) : '';
    for (let i = 0; i < node.childCount; i++) {
      if (node.fieldNameForChild(i) !== 'name') continue;
      const child = node.child(i);
      if (!child) continue;
      if (child.type === 'dotted_name')
        this.out.imports.push({ local: this.src(child), module, imported: this.src(child), span: span(child) });
      else if (child.type === 'aliased_import') {
        const name = child.childForFieldName('name');
        const alias = child.childForFieldName('alias');
        if (name && alias)
          this.out.imports.push({ local: this.src(alias), module, imported: this.src(name), span: span(alias) });
      }
    }
  }

  private decorator(node: Node): Val {
    const inner = node.namedChild(0);
    return inner ? this.val(inner) : { k: 'other', parts: [], span: span(node) };
  }

  private functionNode(node: Node, decorators: Val[]): FnFacts {
    const fn = emptyFn(span(node));
    fn.decorators = decorators;
    const nameNode = node.childForFieldName('name');
    if (nameNode) {
      fn.name = this.src(nameNode);
      fn.nameSpan = span(nameNode);
    }
    const outer = this.fn;
    const returnType = node.childForFieldName('return_type');
    const returnInner = returnType?.type === 'type' ? returnType.namedChild(0) : returnType;
    if (returnInner) {
      // the annotation names types, not values the body reads: no refs recorded
      this.fn = undefined;
      fn.returnType = this.typeVal(returnInner);
      this.fn = outer;
    }
    if (outer) outer.nested.push(fn);
    this.out.allFunctions.push(fn);
    this.fn = fn;
    try {
      const params = node.childForFieldName('parameters');
      for (const p of params?.namedChildren ?? []) if (p) this.param(p, fn.params);
      const body = node.childForFieldName('body');
      if (body) {
        if (node.type === 'lambda') fn.returns.push(this.val(body));
        else this.block(body);
      }
    } finally {
      this.fn = outer;
    }
    return fn;
  }

  private param(node: Node, params: Param[]): void {
    let nameNode: Node | null;
    let typeNode: Node | null = null;
    let valueNode: Node | null = null;
    switch (node.type) {
      case 'identifier':
        nameNode = node;
        break;
      case 'typed_parameter':
        nameNode =
          node.namedChildren.find((c) => c?.type === 'identifier' || c?.type.endsWith('splat_pattern')) ?? null;
        typeNode = node.childForFieldName('type');
        break;
      case 'default_parameter':
      case 'typed_default_parameter':
        nameNode = node.childForFieldName('name');
        typeNode = node.childForFieldName('type');
        valueNode = node.childForFieldName('value');
        break;
      case 'list_splat_pattern':
      case 'dictionary_splat_pattern':
        nameNode = node.namedChild(0);
        break;
      default:
        return;
    }
    if (!nameNode) return;
    const prefix = node.type === 'list_splat_pattern' ? '*' : node.type === 'dictionary_splat_pattern' ? '**' : '';
    const param: Param = {
      name: prefix + this.src(nameNode).replace(/^\*+/, ''),
      span: span(nameNode),
      decorators: [],
    };
    if (typeNode) {
      param.typeText = this.src(typeNode);
      const inner = typeNode.namedChild(0);
      if (inner) param.typeVal = this.typeVal(inner);
    }
    if (valueNode) param.defaultVal = this.val(valueNode);
    params.push(param);
  }

  /** Type expressions (`Annotated[User, Depends(get_user)]`) as values, so dependencies inside are found. */
  private typeVal(node: Node): Val {
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

  private classNode(node: Node, decorators: Val[]): void {
    const nameNode = node.childForFieldName('name');
    const cls: ClassFacts = {
      name: nameNode ? this.src(nameNode) : '?',
      nameSpan: nameNode ? span(nameNode) : span(node),
      span: span(node),
      decorators,
      bases: [],
      basesText: [],
      members: [],
      innerClasses: [],
    };
    const supers = node.childForFieldName('superclasses');
    for (const base of supers?.namedChildren ?? []) {
      if (!base || base.type === 'keyword_argument') continue;
      cls.bases.push(this.val(base));
      cls.basesText.push(this.src(base));
    }
    const outerCls = this.cls;
    const outerFn = this.fn;
    this.cls = cls;
    this.fn = undefined;
    try {
      const body = node.childForFieldName('body');
      for (const child of body?.namedChildren ?? []) if (child) this.stmt(child);
    } finally {
      this.cls = outerCls;
      this.fn = outerFn;
    }
    if (outerCls) outerCls.innerClasses.push(cls);
    else if (!outerFn) this.out.classes.push(cls);
  }

  // One switch over the grammar's expression node types, kept whole on purpose: each case is a few lines, and a
  // reader checking how a Python expression becomes a Val finds every kind in one place.
  protected val(node: Node): Val {
    const s = span(node);
    switch (node.type) {
      case 'string': {
        const parts: Val[] = [];
        let plain = true;
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (child.type === 'string_content' || child.type === 'escape_sequence') {
            const last = parts[parts.length - 1];
            if (last?.k === 'str') {
              last.value += this.src(child);
              last.span = anchoredSpan(anchor, last.span.start, child.endIndex);
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
      case 'call': {
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
      case 'binary_operator': {
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
        return { k: 'or', items: [vals[0], vals[2]].filter((x): x is Val => x !== undefined), span: s };
      }
      case 'dictionary': {
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
          text: node.type === 'comparison_operator' ? 'compare' : node.type === 'not_operator' ? 'not' : undefined,
        };
      }
    }
  }
}
