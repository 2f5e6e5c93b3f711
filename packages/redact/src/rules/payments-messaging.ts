import type { RedactionRule } from '../types.js';
import { BASE64URL, fakeChars, HEX } from './fake.js';

export const paymentMessagingRules: RedactionRule[] = [
  {
    id: 'stripe-key',
    description: 'Stripe secret and restricted keys, live and test (sk_live_, rk_live_, sk_test_, rk_test_)',
    keywords: ['sk_live_', 'rk_live_', 'sk_test_', 'rk_test_'],
    pattern: /(?<![A-Za-z0-9_])[sr]k_(?:live|test)_[A-Za-z0-9]{20,247}(?![A-Za-z0-9_])/g,
    examples: {
      positive: `Stripe.api_key = "sk_live_${fakeChars(99)}"`,
      negative: 'Stripe.api_key = "sk_live_..."  # never paste the real one',
    },
  },
  {
    id: 'stripe-webhook-secret',
    description: 'Stripe webhook signing secret (whsec_…)',
    keywords: ['whsec_'],
    pattern: /(?<![A-Za-z0-9_])whsec_[A-Za-z0-9+/]{32,}={0,2}/g,
    examples: { positive: `STRIPE_WEBHOOK_SECRET=whsec_${fakeChars(32)}`, negative: 'starts with whsec_' },
  },
  {
    id: 'slack-token',
    description:
      'Slack bot, user, app-level, refresh and config tokens (xoxb-, xoxp-, xoxa-, xoxr-, xoxe-, xapp-)',
    keywords: ['xox', 'xapp-'],
    pattern:
      /(?<![A-Za-z0-9_-])(?:xox[abprse](?:\.xox[abprse])?-\d?-?[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{20,})/g,
    validate: (secret) => /[0-9]/.test(secret),
    examples: {
      positive: `SLACK_BOT_TOKEN=xoxb-${fakeChars(13, '0123456789')}-${fakeChars(13, '0123456789', 3)}-${fakeChars(24)}`,
      negative: 'hugs and xoxo-kisses-from-the-whole-team',
    },
  },
  {
    id: 'slack-webhook',
    description: 'Slack incoming webhook or workflow URL (hooks.slack.com/…)',
    keywords: ['hooks.slack.com'],
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<secret>[A-Za-z0-9+/_-]{20,})/g,
    examples: {
      positive: `curl -X POST https://hooks.slack.com/services/T${fakeChars(8)}/B${fakeChars(10)}/${fakeChars(24)}`,
      negative: 'see https://hooks.slack.com/services/ in the Slack docs',
    },
  },
  {
    id: 'twilio-api-key',
    description: 'Twilio API key SID (SK + 32 hex)',
    // "sk" occurs in plenty of words (task, disk); the regex runs only where it does, and fails at once.
    keywords: ['SK'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9])/g,
    examples: { positive: `TWILIO_API_KEY=SK${fakeChars(32, HEX)}`, negative: 'SKU-1234 is out of stock' },
  },
  {
    id: 'twilio-auth-token',
    description: 'Twilio auth token (32 hex) next to the word twilio',
    keywords: ['twilio'],
    pattern:
      /twilio[A-Za-z_]*(?:auth)?_?token["']?\s*(?::|=|=>)\s*["']?(?<secret>[0-9a-f]{32})(?![0-9a-f])/gi,
    examples: {
      positive: `TWILIO_AUTH_TOKEN=${fakeChars(32, HEX, 5)}`,
      negative: 'TWILIO_AUTH_TOKEN=your_auth_token',
    },
  },
  {
    id: 'sendgrid-api-key',
    description: 'SendGrid API key (SG.….…)',
    keywords: ['SG.'],
    pattern: /(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    examples: {
      positive: `SENDGRID_API_KEY=SG.${fakeChars(22, BASE64URL)}.${fakeChars(43, BASE64URL)}`,
      negative: 'new SG.Client(options)',
    },
  },
  {
    id: 'mailgun-api-key',
    description: 'Mailgun API key (key-…)',
    keywords: ['key-'],
    pattern: /(?<![A-Za-z0-9_-])key-[0-9a-f]{32}(?![A-Za-z0-9])/g,
    examples: {
      positive: `MAILGUN_API_KEY=key-${fakeChars(32, HEX, 9)}`,
      negative: 'a key-value store with key-deadbeef as the first key',
    },
  },
  {
    id: 'discord-bot-token',
    description: 'Discord bot token (base64 user id . timestamp . HMAC)',
    keywords: [], // no literal to trigger on; runs on every string
    pattern:
      /(?<![A-Za-z0-9_-])[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_-])/g,
    examples: {
      positive: `client.login("MTA${fakeChars(21, BASE64URL)}.${fakeChars(6, BASE64URL)}.${fakeChars(38, BASE64URL)}")`,
      negative: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36',
    },
  },
  {
    id: 'discord-webhook',
    description: 'Discord webhook URL (discord.com/api/webhooks/<id>/<token>)',
    keywords: ['/api/webhooks/'],
    pattern: /discord(?:app)?\.com\/api\/webhooks\/\d+\/(?<secret>[A-Za-z0-9_-]{60,})/g,
    examples: {
      positive: `https://discord.com/api/webhooks/${fakeChars(19, '0123456789')}/${fakeChars(68, BASE64URL)}`,
      negative: 'POST https://discord.com/api/webhooks/{webhook.id}/{webhook.token}',
    },
  },
  {
    id: 'telegram-bot-token',
    description: 'Telegram bot token (<bot id>:AA…)',
    keywords: [':AA'],
    // No word boundary in front: the Bot API puts the token right after `/bot` in its URLs.
    pattern: /(?<!\d)\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g,
    examples: {
      positive: `TELEGRAM_BOT_TOKEN=${fakeChars(10, '0123456789')}:AA${fakeChars(33, BASE64URL)}`,
      negative: 'time 12:34:56 and 12345678:AA',
    },
  },
];
