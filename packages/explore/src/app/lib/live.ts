import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';

/** Bumped whenever the server reports that a backup or sync changed sessions; views re-fetch on it. */
export const Revision = createContext(0);

export const useRevision = () => useContext(Revision);

/** Listens to `/api/events` (server-sent events) and counts changes. */
export function useLiveRevision(): number {
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const events = new EventSource('/api/events');
    events.addEventListener('change', () => setRevision((n) => n + 1));
    return () => events.close();
  }, []);
  return revision;
}
