import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/**
 * Where a saved attachment (`file` in the twin: `attachments/<16 hex>.<ext>`, relative to the session's
 * folder) can be fetched from, or undefined. The live app serves them per session; the downloaded HTML file
 * has no server, so it shows the cards alone.
 */
export type AttachmentUrl = (file: string) => string | undefined;

const SAVED = /^attachments\/[0-9a-f]{16}\.[a-z0-9]{1,10}$/;

export const AttachmentFiles = createContext<AttachmentUrl>(() => undefined);
export const useAttachmentUrl = () => useContext(AttachmentFiles);

/** The live server's URL for a session's saved attachment. */
export const serverAttachmentUrl =
  (sessionKey: string): AttachmentUrl =>
  (file) =>
    SAVED.test(file) ? `/api/sessions/${encodeURIComponent(sessionKey)}/${file}` : undefined;

/** Raster images the server sends inline (the rest download). */
export const isShownImage = (file: string) => /\.(png|jpe?g|gif|webp)$/.test(file);
