import type { AlStyleCategory } from './schemas/catalogue.js';

/** A category with its place in the tree. */
export interface AlStyleCategoryNode extends AlStyleCategory {
  /** Parent id, `null` for a root. */
  readonly parentId: number | null;
  readonly children: readonly AlStyleCategoryNode[];
}

interface MutableNode extends AlStyleCategory {
  parentId: number | null;
  children: MutableNode[];
}

/**
 * Builds the tree from the flat nested set: a node's parent is the nearest enclosing
 * `[left, right]` interval. Works on a subtree (`categories?id=`) too: orphans become roots.
 */
export function buildCategoryTree(categories: readonly AlStyleCategory[]): AlStyleCategoryNode[] {
  const sorted = [...categories].sort((a, b) => a.left - b.left);
  const roots: MutableNode[] = [];
  const stack: MutableNode[] = [];
  for (const category of sorted) {
    while (stack.length > 0 && (stack.at(-1)?.right ?? 0) < category.left) stack.pop();
    const parent = stack.at(-1);
    const node: MutableNode = { ...category, parentId: parent?.id ?? null, children: [] };
    if (parent) parent.children.push(node);
    else roots.push(node);
    stack.push(node);
  }
  return roots;
}
