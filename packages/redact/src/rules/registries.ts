import type { RedactionRule } from '../types.js';
import { BASE64URL, fakeChars } from './fake.js';

export const registryRules: RedactionRule[] = [
  {
    id: 'npm-token',
    description: 'npm access token (npm_…)',
    keywords: ['npm_'],
    pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
    examples: {
      positive: `//registry.npmjs.org/:_authToken=npm_${fakeChars(36)}`,
      negative: 'npm_config_registry=https://registry.npmjs.org/',
    },
  },
  {
    id: 'pypi-token',
    description: 'PyPI API token (pypi-AgEIcHlwaS5vcmc…)',
    keywords: ['pypi-'],
    pattern: /pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/g,
    examples: {
      positive: `twine upload -u __token__ -p pypi-AgEIcHlwaS5vcmc${fakeChars(70, BASE64URL)}`,
      negative: 'pip install pypi-server',
    },
  },
  {
    id: 'docker-hub-token',
    description: 'Docker Hub personal access token (dckr_pat_…)',
    keywords: ['dckr_pat_'],
    pattern: /dckr_pat_[A-Za-z0-9_-]{27,}/g,
    examples: {
      positive: `echo dckr_pat_${fakeChars(27)} | docker login -u acme --password-stdin`,
      negative: 'tokens are prefixed with dckr_pat_',
    },
  },
];
