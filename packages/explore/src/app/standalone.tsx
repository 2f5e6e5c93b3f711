import { render } from 'preact';
import type { TranscriptPage } from '../shared/api.js';
import { searchableText } from '../shared/searchable.js';
import type { TranscriptSource } from './lib/api.js';
import { Transcript } from './parts/Transcript.js';
import { SessionHeader } from './views/SessionView.js';

/**
 * The viewer inside a downloaded conversation (one HTML file, no server): the same transcript view, fed from
 * the JSON the file carries. Subagents open inline; nothing is fetched.
 */
interface ExportData {
  exportedAt: string;
  pages: Record<string, TranscriptPage>;
}

const data = JSON.parse(document.getElementById('convx-data')?.textContent ?? '{}') as ExportData;

const pageOf = (agent: string): TranscriptPage => {
  const page = data.pages[agent];
  if (!page) throw new Error(`This file has no subagent ${agent}.`);
  return page;
};

const source: TranscriptSource = {
  async page(agent, offset, limit) {
    const page = pageOf(agent);
    const from = Math.min(offset, page.messages.length);
    return { ...page, offset: from, messages: page.messages.slice(from, from + limit), clipped: {} };
  },
  async find(agent, text) {
    const wanted = text.toLowerCase();
    const matches = pageOf(agent).messages.flatMap((m, i) =>
      searchableText(m).toLowerCase().includes(wanted) ? [i] : [],
    );
    return { matches, more: false };
  },
  async message(agent, index) {
    return pageOf(agent).messages[index];
  },
};

function jump(index: number): void {
  history.replaceState(null, '', `#m${index}`);
  document.getElementById(`m${index}`)?.scrollIntoView({ block: 'start' });
}

const root = document.getElementById('app');
const hash = /^#m(\d+)$/.exec(location.hash);
if (root && data.pages?.['']) {
  render(
    <main class="standalone">
      <Transcript
        source={source}
        agent=""
        target={hash ? Number(hash[1]) : null}
        onJump={jump}
        header={(page) => (
          <>
            <SessionHeader page={page} source={source} />
            <p class="muted exported">Exported by convx explore on {data.exportedAt.slice(0, 10)}.</p>
          </>
        )}
      />
    </main>,
    root,
  );
}
