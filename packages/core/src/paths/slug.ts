const MAX_SLUG = 60;

/**
 * ASCII, lower-case, dash-separated slug of at most 60 characters, cut at a word boundary. Accents are
 * folded (`é` → `e`); everything else that is not a letter or digit becomes a dash.
 */
export function slugify(text: string, max = MAX_SLUG): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= max) return ascii;
  const cut = ascii.slice(0, max + 1);
  const boundary = cut.lastIndexOf('-');
  return (boundary > 0 ? cut.slice(0, boundary) : ascii.slice(0, max)).replace(/-+$/g, '');
}
