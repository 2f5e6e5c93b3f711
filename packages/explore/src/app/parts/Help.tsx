import { useEffect, useRef } from 'preact/hooks';

const KEYS: [string, string][] = [
  ['/', 'Search'],
  ['j / k', 'Next / previous session (in a transcript: next / previous prompt)'],
  ['Enter', 'Open the selected session'],
  ['Esc', 'Back (closes this help, leaves the search box)'],
  ['?', 'This help'],
];

const QUERY: [string, string][] = [
  ['login test', 'sessions with both words'],
  ['"exact phrase"', 'the words in this order'],
  ['-word', 'without this word'],
  ['redis OR memcached', 'either word'],
  ['refact*', 'words starting with refact'],
  ['source:claude project:api', 'filters: source project machine user model tool branch role'],
  ['after:2026-01-01 before:2026-02-01', 'a date range (also since: / until:)'],
];

/** Keyboard shortcuts and the query language, in a modal dialog (Esc or a click outside closes it). */
export function Help({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: Esc closes a modal dialog natively (its close event); the click is for outside it
    <dialog
      ref={dialog}
      class="help"
      aria-label="Help"
      onClose={onClose}
      onClick={(event) => {
        if (event.target === dialog.current) onClose();
      }}
    >
      <h2>Keyboard</h2>
      <table>
        <tbody>
          {KEYS.map(([key, what]) => (
            <tr key={key}>
              <td>
                <kbd>{key}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Search</h2>
      <table>
        <tbody>
          {QUERY.map(([example, what]) => (
            <tr key={example}>
              <td>
                <code>{example}</code>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
