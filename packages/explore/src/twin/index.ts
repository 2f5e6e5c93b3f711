// `@convx/explore/twin`: reading JSON twins by byte range (a 200 MB twin costs a few numbers per message until
// a page of it is shown). Shared by the web explorer's server and the terminal explorer (`@convx/explore-tui`).

export { OutlineCache } from './cache.js';
export { CLIP_CHARS, type MessageSlice, messageTexts, readMessages, readOneMessage } from './messages.js';
export { readTwinOutline, type TwinNode, type TwinOutline } from './outline.js';
export { resumeCommand } from './resume.js';
