// Public API of @convx/explore-tui: the terminal explorer behind `convx explore --tui`.

export { runTui, type TuiOptions } from './run.js';
