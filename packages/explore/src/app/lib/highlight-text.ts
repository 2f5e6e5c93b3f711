/**
 * Marks every occurrence of `needle` inside `root` with the CSS Custom Highlight API (`::highlight(find)`):
 * no change to the DOM, so the escaped text of messages is never rewritten. Returns a cleanup. Browsers
 * without the API simply show no marks; find still moves from message to message.
 */
export function highlightText(root: HTMLElement, needle: string): () => void {
  const registry = (globalThis.CSS as { highlights?: Map<string, unknown> } | undefined)?.highlights;
  const HighlightClass = (globalThis as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;
  if (!registry || !HighlightClass) return () => undefined;
  registry.delete('find');
  const wanted = needle.trim().toLowerCase();
  if (!wanted) return () => undefined;
  const ranges: Range[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node && ranges.length < 5000; node = walker.nextNode()) {
    const text = node.textContent?.toLowerCase() ?? '';
    for (let at = text.indexOf(wanted); at !== -1; at = text.indexOf(wanted, at + wanted.length)) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      ranges.push(range);
    }
  }
  registry.set('find', new HighlightClass(...ranges));
  return () => registry.delete('find');
}
