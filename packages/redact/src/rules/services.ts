import type { RedactionRule } from '../types.js';
import { BASE64, BASE64URL, fakeChars, HEX } from './fake.js';

/** Developer platforms whose tokens carry a recognisable prefix (the families secretlint's preset also knows). */
export const serviceRules: RedactionRule[] = [
  {
    id: 'shopify-token',
    description:
      'Shopify access, custom-app, private-app and shared-secret tokens (shpat_, shpca_, shppa_, shpss_)',
    keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    pattern: /shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![A-Za-z0-9])/g,
    examples: {
      positive: `X-Shopify-Access-Token: shpat_${fakeChars(32, HEX, 61)}`,
      negative: 'tokens start with shpat_',
    },
  },
  {
    id: 'linear-api-key',
    description: 'Linear API key (lin_api_…)',
    keywords: ['lin_api_'],
    pattern: /lin_api_[A-Za-z0-9]{40}(?![A-Za-z0-9])/g,
    examples: {
      positive: `LINEAR_API_KEY=lin_api_${fakeChars(40, undefined, 62)}`,
      negative: 'a lin_api_ key',
    },
  },
  {
    id: 'notion-token',
    description: 'Notion integration token (ntn_…, and the older secret_…)',
    keywords: ['ntn_', 'secret'],
    pattern: /(?<![A-Za-z0-9_])(?:ntn_\d{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})(?![A-Za-z0-9])/g,
    examples: {
      positive: `NOTION_TOKEN=ntn_${fakeChars(11, '0123456789', 63)}${fakeChars(35, undefined, 64)}`,
      negative: 'secret_key_base is a Rails setting',
    },
  },
  {
    id: 'tailscale-key',
    description: 'Tailscale API, auth and OAuth client keys (tskey-…)',
    keywords: ['tskey-'],
    pattern: /tskey-(?:api|auth|client|webhook|scim)-[A-Za-z0-9]{8,}-[A-Za-z0-9]{20,}/g,
    examples: {
      positive: `tailscale up --auth-key=tskey-auth-${fakeChars(12, undefined, 65)}-${fakeChars(30, undefined, 66)}`,
      negative: 'tailscale up --auth-key=tskey-auth-XXXX',
    },
  },
  {
    id: 'grafana-token',
    description: 'Grafana service-account token (glsa_…) and Grafana Cloud token (glc_…)',
    keywords: ['glsa_', 'glc_'],
    pattern: /(?<![A-Za-z0-9_])(?:glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,}={0,2})/g,
    examples: {
      positive: `GRAFANA_TOKEN=glsa_${fakeChars(32, undefined, 67)}_${fakeChars(8, HEX, 68)}`,
      negative: 'the glc_ prefix marks Grafana Cloud tokens',
    },
  },
  {
    id: 'databricks-token',
    description: 'Databricks personal access token (dapi…)',
    keywords: ['dapi'],
    pattern: /(?<![A-Za-z0-9])dapi[a-f0-9]{32}(?:-\d)?(?![A-Za-z0-9])/g,
    examples: {
      positive: `DATABRICKS_TOKEN=dapi${fakeChars(32, HEX, 69)}`,
      negative: 'DAPI stands for data API',
    },
  },
  {
    id: 'figma-token',
    description: 'Figma personal access token (figd_…)',
    keywords: ['figd_'],
    pattern: /figd_[A-Za-z0-9_-]{40,}/g,
    examples: { positive: `FIGMA_TOKEN=figd_${fakeChars(40, BASE64URL, 70)}`, negative: 'figd_ tokens' },
  },
  {
    id: 'vault-token',
    description: 'HashiCorp Vault service and batch tokens (hvs.…, hvb.…)',
    keywords: ['hvs.', 'hvb.'],
    pattern: /(?<![A-Za-z0-9])hv[sb]\.[A-Za-z0-9_-]{24,}/g,
    examples: {
      positive: `VAULT_TOKEN=hvs.${fakeChars(90, BASE64URL, 71)}`,
      negative: 'export VAULT_TOKEN=hvs.',
    },
  },
  {
    id: 'onepassword-service-token',
    description: '1Password service-account token (ops_eyJ…)',
    keywords: ['ops_'],
    pattern: /ops_eyJ[A-Za-z0-9+/=_-]{100,}/g,
    examples: {
      positive: `OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ${fakeChars(200, BASE64, 72)}`,
      negative: 'devops_eyJ is not a thing; ops_eyJ starts a 1Password token',
    },
  },
];
