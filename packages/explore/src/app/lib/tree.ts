import type { FacetValue } from '@convx/search';

export interface TreeNode {
  name: string;
  path: string;
  count: number;
  children: Map<string, TreeNode>;
}

/** Project folders as a tree: each folder counts the sessions under it; chains of lone folders are merged. */
export function buildTree(items: readonly FacetValue[]): TreeNode {
  const root: TreeNode = { name: '', path: '', count: 0, children: new Map() };
  for (const { value, count } of items) {
    const windows = /^[A-Za-z]:[\\/]/.test(value) || value.includes('\\');
    const separator = windows ? '\\' : '/';
    const parts = value.split(/[\\/]/).filter(Boolean);
    let node = root;
    node.count += count;
    let path = value.startsWith('/') ? '' : undefined;
    for (const part of parts) {
      path = path === undefined ? part : `${path}${separator}${part}`;
      let next = node.children.get(part);
      if (!next) {
        next = { name: part, path, count: 0, children: new Map() };
        node.children.set(part, next);
      }
      next.count += count;
      node = next;
    }
  }
  compact(root);
  return root;
}

function compact(node: TreeNode): void {
  for (const [key, child] of node.children) {
    let merged = child;
    while (merged.children.size === 1) {
      const [only] = merged.children.values();
      if (!only || only.count !== merged.count) break;
      merged = { ...only, name: `${merged.name}/${only.name}` };
    }
    node.children.set(key, merged);
    compact(merged);
  }
}
