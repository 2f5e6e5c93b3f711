import { runRendererConformance } from '@convx/core/testing';
import { describe, it } from 'vitest';
import { createMarkdownRenderer, markdownRenderer } from '../src/index.js';

runRendererConformance({ describe, it }, { renderer: markdownRenderer });
runRendererConformance(
  { describe, it },
  {
    renderer: createMarkdownRenderer(),
    options: { showContext: true, maxToolOutputLines: 2, timeFormat: 'iso' },
  },
);
