// A terminal screen (`tmux capture-pane -p -e`) as HTML: one <div> per row, a <span> per run of one style.
// Covers what tmux emits for Ink's output: reset, bold, dim, italic, underline, inverse, the 16 colours,
// 256 colours and true colour, and their resets.

const escapeHtml = (text) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** xterm's 256-colour table: the 16 given, a 6×6×6 cube, then 24 greys. */
function colour256(n, palette) {
  if (n < 16) return palette[n];
  if (n < 232) {
    const v = (x) => (x === 0 ? 0 : 55 + x * 40);
    const i = n - 16;
    return `rgb(${v(Math.floor(i / 36))},${v(Math.floor(i / 6) % 6)},${v(i % 6)})`;
  }
  const g = 8 + (n - 232) * 10;
  return `rgb(${g},${g},${g})`;
}

export function ansiToHtml(screen, { palette, fg, bg }) {
  let style = {};
  const apply = (codes) => {
    const list = codes === '' ? [0] : codes.split(';').map(Number);
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      if (c === 0) style = {};
      else if (c === 1) style.bold = true;
      else if (c === 2) style.dim = true;
      else if (c === 3) style.italic = true;
      else if (c === 4) style.underline = true;
      else if (c === 7) style.inverse = true;
      else if (c === 22) style.bold = style.dim = false;
      else if (c === 23) style.italic = false;
      else if (c === 24) style.underline = false;
      else if (c === 27) style.inverse = false;
      else if (c >= 30 && c <= 37) style.fg = palette[c - 30];
      else if (c >= 90 && c <= 97) style.fg = palette[c - 90 + 8];
      else if (c >= 40 && c <= 47) style.bg = palette[c - 40];
      else if (c >= 100 && c <= 107) style.bg = palette[c - 100 + 8];
      else if (c === 39) style.fg = undefined;
      else if (c === 49) style.bg = undefined;
      else if ((c === 38 || c === 48) && list[i + 1] === 5) {
        style[c === 38 ? 'fg' : 'bg'] = colour256(list[i + 2], palette);
        i += 2;
      } else if ((c === 38 || c === 48) && list[i + 1] === 2) {
        style[c === 38 ? 'fg' : 'bg'] = `rgb(${list[i + 2]},${list[i + 3]},${list[i + 4]})`;
        i += 4;
      }
    }
  };
  const css = () => {
    let color = style.fg ?? fg;
    let background = style.bg;
    if (style.inverse) [color, background] = [background ?? bg, color];
    return [
      `color:${color}`,
      background ? `background:${background}` : '',
      style.bold ? 'font-weight:bold' : '',
      style.dim ? 'opacity:0.6' : '',
      style.italic ? 'font-style:italic' : '',
      style.underline ? 'text-decoration:underline' : '',
    ]
      .filter(Boolean)
      .join(';');
  };
  return screen
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => {
      let html = '';
      // biome-ignore lint/suspicious/noControlCharactersInRegex: reading escape sequences is the point
      for (const part of line.split(/(\x1b\[[\d;]*m)/)) {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: reading escape sequences is the point
        const sgr = /^\x1b\[([\d;]*)m$/.exec(part);
        if (sgr) apply(sgr[1]);
        else if (part)
          // biome-ignore lint/suspicious/noControlCharactersInRegex: reading escape sequences is the point
          html += `<span style="${css()}">${escapeHtml(part.replace(/\x1b[^a-zA-Z]*[a-zA-Z]/g, ''))}</span>`;
      }
      return `<div class="row">${html || ' '}</div>`;
    })
    .join('');
}
