import type { Renderer } from '@convx/core';
import { markdownRenderer } from '@convx/render-md';

/** The renderer every backup uses. */
export const defaultRenderer: Renderer = markdownRenderer;
