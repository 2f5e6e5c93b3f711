import { useState } from 'preact/hooks';

/** A boolean setting kept in localStorage (the same for every session and tab). */
export function useStoredFlag(name: string, fallback: boolean): [boolean, (value: boolean) => void] {
  const [value, setValue] = useState(() => {
    try {
      const stored = localStorage.getItem(name);
      return stored === null ? fallback : stored === '1';
    } catch {
      return fallback;
    }
  });
  return [
    value,
    (next) => {
      setValue(next);
      try {
        localStorage.setItem(name, next ? '1' : '0');
      } catch {
        // private mode: the setting lasts for this page only
      }
    },
  ];
}
