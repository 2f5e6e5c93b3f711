import type { RedactionRule } from '../types.js';
import { fakeChars } from './fake.js';

export const codeHostRules: RedactionRule[] = [
  {
    id: 'github-token',
    description:
      'GitHub classic token: personal (ghp_), OAuth (gho_), user-to-server (ghu_), server (ghs_), refresh (ghr_)',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])/g,
    examples: {
      positive: `git clone https://x-access-token:ghs_${fakeChars(36)}@github.com/acme/api.git`,
      negative: 'export GH_TOKEN=ghp_xxx  # placeholder, the real one is 40 characters',
    },
  },
  {
    id: 'github-fine-grained-token',
    description: 'GitHub fine-grained personal access token (github_pat_…)',
    keywords: ['github_pat_'],
    pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{60,251}(?![A-Za-z0-9_])/g,
    examples: {
      positive: `GITHUB_TOKEN=github_pat_${fakeChars(22)}_${fakeChars(59)}`,
      negative: 'tokens named github_pat_<id>_<secret> are fine-grained',
    },
  },
  {
    id: 'gitlab-token',
    description:
      'GitLab personal, project, group, deploy, runner and trigger tokens (glpat-, gldt-, glrt-, glptt-)',
    keywords: ['glpat-', 'gldt-', 'glrt-', 'glptt-'],
    pattern: /(?<![A-Za-z0-9_-])gl(?:pat|dt|rt|ptt)-[A-Za-z0-9_-]{20,}/g,
    examples: {
      positive: `PRIVATE-TOKEN: glpat-${fakeChars(20)}`,
      negative: 'GitLab tokens start with glpat- followed by 20 characters',
    },
  },
];
