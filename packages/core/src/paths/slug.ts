const MAX_SLUG = 60;

/**
 * ASCII, lower-case, dash-separated slug of at most 60 characters, cut at a word boundary. Accents are
 * folded (`é` → `e`); everything else that is not a letter or digit becomes a dash.
 */
export function slugify(text: string, max = MAX_SLUG): string {
  // A title may be a pasted log of megabytes: fold a prefix first. Folding works character by character, so
  // a prefix folds to a prefix of the whole text's fold; when that is already longer than the slug, the cut
  // below sees the same characters.
  const head = text.length > 4 * max ? text.slice(0, 4 * max) : text;
  let ascii = fold(head);
  if (ascii.length <= max && head !== text) ascii = fold(text);
  if (ascii.length <= max) return ascii;
  const cut = ascii.slice(0, max + 1);
  const boundary = cut.lastIndexOf('-');
  return (boundary > 0 ? cut.slice(0, boundary) : ascii.slice(0, max)).replace(/-+$/g, '');
}

/** ASCII, lower case, accents folded, every run of other characters one dash, none at either end. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
