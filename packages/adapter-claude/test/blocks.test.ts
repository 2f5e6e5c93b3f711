import { createHash } from 'node:crypto';
import { createAdapterContext } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { mediaAttachment, structuredResultText, toolResultContent } from '../src/parse-blocks.js';
import { Titles } from '../src/parse-titles.js';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const keep = createAdapterContext({ home: '/nowhere' }).attachment;

describe('content blocks', () => {
  it('turns a Read of an image into text plus an attachment reference', () => {
    const result = toolResultContent(
      [
        { type: 'text', text: 'Read image (16 bytes)' },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png.toString('base64') } },
        { type: 'tool_reference', tool_name: 'mcp__docs__search' },
      ],
      keep,
    );
    expect(result).toEqual({
      text: 'Read image (16 bytes)\n[tool reference: mcp__docs__search]',
      attachments: [{ type: 'image/png', size: 16, sha256: createHash('sha256').update(png).digest('hex') }],
    });
  });

  it('keeps where a URL image or a document lives, never its bytes', () => {
    expect(
      mediaAttachment(keep, { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }),
    ).toEqual({
      type: 'image',
      path: 'https://example.com/a.png',
    });
    expect(
      mediaAttachment(keep, {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' },
      }),
    ).toEqual({
      type: 'application/pdf',
      size: 5,
      sha256: createHash('sha256').update('%PDF-').digest('hex'),
    });
  });

  it('reads a structured toolUseResult when the result block is empty', () => {
    expect(structuredResultText({ stdout: 'built', stderr: 'warning: slow', interrupted: false })).toBe(
      'built\nwarning: slow',
    );
    expect(structuredResultText('Error: permission denied')).toBe('Error: permission denied');
    expect(structuredResultText({ filePath: '/a' })).toBeUndefined();
  });
});

describe('titles', () => {
  it('prefers the last AI title when nobody renamed the session', () => {
    const titles = new Titles();
    titles.add({ type: 'summary', summary: 'Old summary', leafUuid: 'x' });
    titles.add({ type: 'ai-title', aiTitle: 'First guess' });
    titles.add({ type: 'ai-title', aiTitle: 'Better guess' });
    expect(titles.title(() => true)).toBe('Better guess');
    titles.add({ type: 'custom-title', customTitle: 'My name for it' });
    titles.add({ type: 'ai-title', aiTitle: 'Later guess' });
    expect(titles.title(() => true)).toBe('My name for it');
  });
});
