// Facts from a Python syntax tree (tree-sitter-python). One top-level statement at a time: this file walks
// statements, functions and classes, `extractPyValues.ts` turns expressions into values; see extract.ts for caching
// and facts.ts for the shapes.
import type { Node } from 'web-tree-sitter';
import {
  emptyFn,
  type BranchFact,
  type ClassFacts,
  type FnFacts,
  type Param,
  type StatementFacts,
  type Val,
} from './facts';
import { PyValueExtractor } from './extractPyValues';
import { anchorStatement, span } from './statementExtractor';

export function extractPyStatement(node: Node, text: string): StatementFacts {
  return new PyExtractor(text, anchorStatement(node)).statement(node);
}

class PyExtractor extends PyValueExtractor {
  statement(node: Node): StatementFacts {
    this.stmt(node);
    return this.out;
  }

  // One switch over the statement node types, kept as one dispatch for the same reason as `val`
  // (extractPyValues.ts); the longer kinds have their own methods below.
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
      case 'except_clause':
        this.exceptClause(node);
        return;
      case 'with_statement':
        this.withStatement(node);
        return;
      case 'if_statement':
        this.ifStatement(node);
        return;
      case 'global_statement':
      case 'nonlocal_statement':
        return;
      default:
        this.block(node);
    }
  }

  /** `except E as e:`: the caught name, noted for the function, and the handler's body. */
  private exceptClause(node: Node): void {
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
  }

  /** `if`/`elif`/`else`: each arm's test and body, in order, noted for the function (see `BranchFact`). */
  private ifStatement(node: Node): void {
    const arms: BranchFact['arms'] = [];
    const arm = (condition: Node | null, body: Node | null) => {
      const test = condition ? this.val(condition) : undefined;
      if (!body) return;
      this.block(body);
      arms.push(test ? { test, body: span(body) } : { body: span(body) });
    };
    arm(node.childForFieldName('condition'), node.childForFieldName('consequence'));
    for (const alt of node.childrenForFieldName('alternative')) {
      if (alt?.type === 'elif_clause') arm(alt.childForFieldName('condition'), alt.childForFieldName('consequence'));
      else if (alt?.type === 'else_clause') arm(null, alt.childForFieldName('body'));
    }
    this.fn?.branches.push({ span: span(node), arms });
  }

  /** `with open(p) as f:`: `f` is bound to the context value, then the body. */
  private withStatement(node: Node): void {
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
  }

  protected block(node: Node): void {
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

  protected functionNode(node: Node, decorators: Val[]): FnFacts {
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
}
