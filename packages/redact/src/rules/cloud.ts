import type { RedactionRule } from '../types.js';
import { BASE64, BASE64URL, fakeChars, HEX, UPPER_DIGITS } from './fake.js';

export const cloudRules: RedactionRule[] = [
  {
    id: 'aws-access-key-id',
    description: 'AWS access key id (AKIA…, ASIA… and the other IAM key prefixes)',
    keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}(?![A-Za-z0-9])/g,
    examples: {
      positive: `aws configure set aws_access_key_id AKIA${fakeChars(16, UPPER_DIGITS)}`,
      negative: 'the AKIAS prefix means a long-term key, e.g. AKIA + 16 characters',
    },
  },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key in context (aws_secret_access_key = …, "SecretAccessKey": "…")',
    keywords: ['secret'],
    pattern:
      /(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key)["']?\s*(?::|=|=>)\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    minEntropy: 3.5,
    examples: {
      positive: `aws_secret_access_key = ${fakeChars(40, BASE64, 7)}`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${VAR} placeholder is the point
      negative: 'aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}',
    },
  },
  {
    id: 'gcp-service-account-key-id',
    description: 'Google Cloud service-account private_key_id (the key body is caught by private-key)',
    keywords: ['private_key'],
    pattern: /"private_key_id"\s*:\s*"(?<secret>[a-f0-9]{40})"/g,
    examples: {
      positive: `{"type": "service_account", "private_key_id": "${fakeChars(40, HEX)}"}`,
      negative: '{"type": "service_account", "private_key_id": ""}',
    },
  },
  {
    id: 'google-api-key',
    description: 'Google API key, also Gemini / Google AI Studio and Firebase keys (AIza…)',
    keywords: ['AIza'],
    pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
    examples: {
      positive: `GEMINI_API_KEY=AIza${fakeChars(35, BASE64URL)}`,
      negative: 'keys start with AIzaSy and are 39 characters long',
    },
  },
  {
    id: 'google-oauth-client-secret',
    description: 'Google OAuth client secret (GOCSPX-…)',
    keywords: ['GOCSPX-'],
    pattern: /GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/g,
    examples: {
      positive: `"client_secret": "GOCSPX-${fakeChars(28, BASE64URL)}"`,
      negative: 'client secrets look like GOCSPX-<28 characters>',
    },
  },
  {
    id: 'google-oauth-access-token',
    description: 'Google OAuth access token (ya29.…)',
    keywords: ['ya29.'],
    pattern: /(?<![A-Za-z0-9])ya29\.[0-9A-Za-z_-]{30,}/g,
    examples: {
      positive: `Authorization: OAuth ya29.${fakeChars(60, BASE64URL)}`,
      negative: 'access tokens start with ya29.',
    },
  },
  {
    id: 'azure-storage-key',
    description:
      'Azure storage account key / SAS key in a connection string (AccountKey=…, SharedAccessKey=…)',
    keywords: ['AccountKey=', 'SharedAccessKey='],
    pattern: /(?:AccountKey|SharedAccessKey)=(?<secret>[A-Za-z0-9+/]{40,88}={0,2})/g,
    examples: {
      positive: `DefaultEndpointsProtocol=https;AccountName=devstore;AccountKey=${fakeChars(86, BASE64)}==;EndpointSuffix=core.windows.net`,
      negative: 'DefaultEndpointsProtocol=https;AccountName=devstore;AccountKey=<key>;',
    },
  },
  {
    id: 'azure-sas-signature',
    description: 'Azure shared access signature in a URL (…&sig=…)',
    keywords: ['sig='],
    pattern: /[?&]sig=(?<secret>[A-Za-z0-9%+/]{40,}(?:%3D|=){0,2})/g,
    examples: {
      positive: `https://devstore.blob.core.windows.net/logs?sv=2022-11-02&ss=b&sig=${fakeChars(44, BASE64, 3)}%3D`,
      negative: 'https://example.com/search?q=sig=short',
    },
  },
  {
    id: 'azure-ad-client-secret',
    description: 'Microsoft Entra ID (Azure AD) application client secret (…Q~…)',
    keywords: ['Q~'],
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    examples: {
      positive: `AZURE_CLIENT_SECRET=${fakeChars(3)}8Q~${fakeChars(34, `${BASE64URL}~.`)}`.replace(/-$/, 'x'),
      negative: 'press Q~ to quit the pager',
    },
  },
];
