// Facts from a JavaScript/TypeScript syntax tree (tree-sitter-javascript/-typescript/-tsx). One top-level
// statement at a time: this file walks statements, functions and classes, `extractJsValues.ts` turns expressions
// into values; see extract.ts for caching and facts.ts for the shapes.
import type { Node } from 'web-tree-sitter';
import {
  emptyFn,
  type BranchFact,
  type ClassFacts,
  type ClassMember,
  type FnFacts,
  type Param,
  type StatementFacts,
  type Val,
} from './facts';
import { JsValueExtractor, stringContent } from './extractJsValues';
import { anchorStatement, span } from './statementExtractor';

export function extractJsStatement(node: Node, text: string): StatementFacts {
  return new JsExtractor(text, anchorStatement(node)).statement(node);
}

class JsExtractor extends JsValueExtractor {
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
      case 'if_statement':
        this.ifStatement(node);
        return;
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

  /** `if … else if … else`: each arm's test and body, in order, noted for the function (see `BranchFact`). */
  private ifStatement(node: Node): void {
    const arms: BranchFact['arms'] = [];
    let current: Node | null = node;
    while (current) {
      const condition = current.childForFieldName('condition');
      const test = condition ? this.val(condition) : undefined;
      const consequence = current.childForFieldName('consequence');
      if (consequence) {
        this.stmt(consequence, []);
        arms.push(test ? { test, body: span(consequence) } : { body: span(consequence) });
      }
      const otherwise: Node | null = current.childForFieldName('alternative');
      const inner: Node | null = otherwise?.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
      current = null;
      if (inner?.type === 'if_statement') current = inner;
      else if (inner) {
        this.stmt(inner, []);
        arms.push({ body: span(inner) });
      }
    }
    this.fn?.branches.push({ span: span(node), arms });
  }

  protected block(node: Node): void {
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

  // --- functions and classes -----------------------------------------------------------------------------

  protected functionNode(node: Node, decorators: Val[] = []): FnFacts {
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

  protected classNode(node: Node, decorators: Val[]): void {
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
}
