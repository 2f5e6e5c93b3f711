import type { FacetValue } from '@convx/search';
import { useMemo, useState } from 'preact/hooks';

interface TreeNode {
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

/** The project tree of the filter panel; choosing a folder filters to it and everything below. */
export function ProjectTree({
  items,
  chosen,
  choose,
}: {
  items: readonly FacetValue[];
  chosen: string | null;
  choose(path: string | null): void;
}) {
  const tree = useMemo(() => buildTree(items), [items]);
  if (!items.length)
    return chosen ? <Chosen path={chosen} choose={choose} /> : <div class="muted">No project recorded</div>;
  return (
    <div class="tree">
      {chosen ? <Chosen path={chosen} choose={choose} /> : null}
      <ul>
        {[...tree.children.values()].map((node) => (
          <Branch key={node.path} node={node} chosen={chosen} choose={choose} depth={0} />
        ))}
      </ul>
    </div>
  );
}

function Chosen({ path, choose }: { path: string; choose(path: string | null): void }) {
  return (
    <div class="chosen">
      <span title={path}>{path}</span>
      <button type="button" class="link" aria-label="Clear the project filter" onClick={() => choose(null)}>
        ×
      </button>
    </div>
  );
}

function Branch({
  node,
  chosen,
  choose,
  depth,
}: {
  node: TreeNode;
  chosen: string | null;
  choose(path: string | null): void;
  depth: number;
}) {
  const [open, setOpen] = useState(depth < 1 || (chosen?.startsWith(node.path) ?? false));
  const children = [...node.children.values()].sort((a, b) => b.count - a.count);
  return (
    <li>
      <div class={`tree-row${chosen === node.path ? ' active' : ''}`}>
        {children.length ? (
          <button type="button" class="twisty" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span class="twisty" />
        )}
        <button type="button" class="link tree-name" title={node.path} onClick={() => choose(node.path)}>
          {node.name}
        </button>
        <span class="count">{node.count.toLocaleString('en')}</span>
      </div>
      {open && children.length ? (
        <ul>
          {children.map((child) => (
            <Branch key={child.path} node={child} chosen={chosen} choose={choose} depth={depth + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
