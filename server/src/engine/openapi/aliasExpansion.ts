// How much a YAML text grows when its aliases are expanded, decided on the parser's tree before anything
// expands them. @stoplight/yaml's parseWithPointers copies the anchored value for every alias (and every alias
// inside that value again), so nine levels of nine aliases (the "billion laughs", a few hundred bytes) become
// 9^9 nodes: minutes and gigabytes. The tree itself is small, with each anchored node shared by its aliases:
// sizes are summed once per node (memoized, iteratively), which takes time linear in the tree.
import { Kind, load, type YAMLNode } from '@stoplight/yaml-ast-parser';

export interface AliasBlowUp {
  /** Nodes the document would have with every alias expanded (capped: counting stops past the budget). */
  expandedNodes: number;
  /** Where the alias that contributes most is written (offsets). */
  start: number;
  end: number;
}

// An anchor and an alias must both be written for any expansion to happen; most specs have neither, and pay only
// for these two searches. (A `*` or `&` in a description can match: that costs one extra parse, nothing else.)
const ANCHOR = /(?:^|[\s[{,])&[^\s[\]{},]/;
const ALIAS = /(?:^|[\s[{,])\*[^\s[\]{},]/;

/** The alias blow-up of `text` when expanding its aliases would add more than `budget` nodes; else undefined. */
export function findAliasBlowUp(text: string, budget: number): AliasBlowUp | undefined {
  if (!ANCHOR.test(text) || !ALIAS.test(text)) return undefined;
  let root: YAMLNode | undefined;
  try {
    root = load(text, { ignoreDuplicateKeys: true }) as YAMLNode | undefined;
  } catch {
    return undefined; // the real parse reports it
  }
  if (!root) return undefined;
  const blowUp = measure(root, budget);
  // The parser places an alias after its `*`.
  if (blowUp && text[blowUp.start] !== '*' && text[blowUp.start - 1] === '*') blowUp.start--;
  return blowUp;
}

function measure(root: YAMLNode, budget: number): AliasBlowUp | undefined {
  /** Expanded size of each finished node; a node being measured is absent from it and in `open`. */
  const size = new Map<YAMLNode, number>();
  const open = new Set<YAMLNode>();
  let treeNodes = 0;
  let worst: { node: YAMLNode; size: number } | undefined;
  const stack: { node: YAMLNode; children: YAMLNode[] | undefined }[] = [{ node: root, children: undefined }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (!frame.children) {
      if (size.has(frame.node) || open.has(frame.node)) {
        stack.pop();
        continue;
      }
      open.add(frame.node);
      frame.children = childrenOf(frame.node);
      if (frame.node.kind !== Kind.ANCHOR_REF) treeNodes++;
      for (const child of frame.children) if (!size.has(child)) stack.push({ node: child, children: undefined });
      continue;
    }
    stack.pop();
    open.delete(frame.node);
    // An alias is its anchored node once more; a node being measured (an alias inside its own anchor) adds nothing.
    let total = frame.node.kind === Kind.ANCHOR_REF ? 0 : 1;
    for (const child of frame.children) total += size.get(child) ?? 0;
    size.set(frame.node, Math.min(total, Number.MAX_SAFE_INTEGER));
    // the alias that adds most, the first one written among equals
    if (
      frame.node.kind === Kind.ANCHOR_REF &&
      (!worst || total > worst.size || (total === worst.size && frame.node.startPosition < worst.node.startPosition))
    )
      worst = { node: frame.node, size: total };
  }
  const expandedNodes = size.get(root) ?? 0;
  if (!worst || expandedNodes - treeNodes <= budget) return undefined;
  return { expandedNodes, start: worst.node.startPosition, end: worst.node.endPosition };
}

function childrenOf(node: YAMLNode): YAMLNode[] {
  const children: (YAMLNode | null | undefined)[] = [];
  switch (node.kind) {
    case Kind.MAP:
      children.push(...((node as unknown as { mappings: YAMLNode[] }).mappings ?? []));
      break;
    case Kind.MAPPING: {
      const mapping = node as unknown as { key: YAMLNode | null; value: YAMLNode | null };
      children.push(mapping.key, mapping.value);
      break;
    }
    case Kind.SEQ:
      children.push(...((node as unknown as { items: (YAMLNode | null)[] }).items ?? []));
      break;
    case Kind.ANCHOR_REF:
      children.push((node as unknown as { value: YAMLNode | null }).value);
      break;
  }
  return children.filter((c): c is YAMLNode => c !== null && c !== undefined && typeof c === 'object');
}
