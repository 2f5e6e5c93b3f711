import type { FacetValue } from '@convx/search';
import { useMemo, useState } from 'preact/hooks';
import { buildTree, type TreeNode } from '../lib/tree.js';

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
