import { shannonEntropy } from '../entropy.js';
import type { RedactionRule } from '../types.js';
import { BASE64URL, fakeChars, HEX, LETTERS } from './fake.js';

// OpenAI and Anthropic share the `sk-` trigger (one prefilter group runs both rules).
const SK = 'sk-';

export const aiProviderRules: RedactionRule[] = [
  {
    id: 'anthropic-api-key',
    description: 'Anthropic API, admin and OAuth keys (sk-ant-…)',
    keywords: [SK],
    pattern: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{32,}/g,
    examples: {
      positive: `ANTHROPIC_API_KEY=sk-ant-api03-${fakeChars(93, BASE64URL)}AA`,
      negative: 'keys look like sk-ant-api03-… and are about 108 characters',
    },
  },
  {
    id: 'openai-api-key',
    description:
      'OpenAI API key: legacy sk-…, project sk-proj-…, service account sk-svcacct-…, admin sk-admin-…',
    keywords: [SK],
    pattern:
      /(?<![A-Za-z0-9_-])sk-(?!ant-)(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{40,}|[A-Za-z0-9]{32,})/g,
    // `sk-` + 32 alphanumerics also matches long identifiers like sk-learnNeighborsClassifierWrapper.
    validate: (secret) => /[0-9]/.test(secret) && shannonEntropy(secret) >= 3.5,
    examples: {
      positive: `client = OpenAI(api_key="sk-proj-${fakeChars(120, BASE64URL)}")`,
      negative: 'pip install sk-learn-compatible-estimators-and-transformers',
    },
  },
  {
    id: 'openrouter-api-key',
    description: 'OpenRouter API key (sk-or-v1-…)',
    keywords: [SK],
    pattern: /(?<![A-Za-z0-9_-])sk-or-v1-[a-f0-9]{64}(?![A-Za-z0-9])/g,
    examples: {
      positive: `OPENROUTER_API_KEY=sk-or-v1-${fakeChars(64, HEX)}`,
      negative: 'OpenRouter keys start with sk-or-v1-',
    },
  },
  {
    id: 'huggingface-token',
    description: 'Hugging Face access token (hf_…)',
    keywords: ['hf_'],
    pattern: /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,}(?![A-Za-z0-9_])/g,
    validate: (secret) => shannonEntropy(secret) >= 3.5,
    examples: {
      positive: `HF_TOKEN=hf_${fakeChars(34, LETTERS)}`,
      negative: 'from huggingface_hub import hf_hub_download',
    },
  },
  {
    id: 'groq-api-key',
    description: 'Groq API key (gsk_…)',
    keywords: ['gsk_'],
    pattern: /(?<![A-Za-z0-9_])gsk_[A-Za-z0-9]{52}(?![A-Za-z0-9_])/g,
    examples: { positive: `GROQ_API_KEY=gsk_${fakeChars(52)}`, negative: 'GROQ_API_KEY=gsk_your_key_here' },
  },
  {
    id: 'replicate-api-token',
    description: 'Replicate API token (r8_…)',
    keywords: ['r8_'],
    pattern: /(?<![A-Za-z0-9_])r8_[A-Za-z0-9]{37}(?![A-Za-z0-9_])/g,
    examples: { positive: `REPLICATE_API_TOKEN=r8_${fakeChars(37)}`, negative: 'r8_ prefixed tokens' },
  },
  {
    id: 'perplexity-api-key',
    description: 'Perplexity API key (pplx-…)',
    keywords: ['pplx-'],
    pattern: /(?<![A-Za-z0-9_-])pplx-[A-Za-z0-9]{48}(?![A-Za-z0-9])/g,
    examples: { positive: `PPLX_API_KEY=pplx-${fakeChars(48)}`, negative: 'npm i pplx-client' },
  },
  {
    id: 'xai-api-key',
    description: 'xAI (Grok) API key (xai-…)',
    keywords: ['xai-'],
    pattern: /(?<![A-Za-z0-9_-])xai-[A-Za-z0-9]{80}(?![A-Za-z0-9])/g,
    examples: { positive: `XAI_API_KEY=xai-${fakeChars(80)}`, negative: 'the xai-sdk package' },
  },
];
