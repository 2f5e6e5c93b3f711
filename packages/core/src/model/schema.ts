import * as v from 'valibot';

/**
 * The normalized session model. Every adapter produces it, every renderer consumes it, and the JSON twin
 * of each transcript is exactly this shape. Bump {@link SCHEMA_VERSION} on any incompatible change.
 */
export const SCHEMA_VERSION = 1;

const IsoTime = v.pipe(v.string(), v.isoTimestamp());

export const RoleSchema = v.picklist(['user', 'assistant', 'system', 'tool']);

/** A file or image a message carried. Only a reference: never the bytes themselves (those go to `file`). */
export const AttachmentSchema = v.object({
  /** MIME type when known (`image/png`), else a short kind (`file`, `patch`). */
  type: v.string(),
  name: v.optional(v.string()),
  /** Size in bytes of the original payload (decoded, for base64 sources). */
  size: v.optional(v.number()),
  /** Hex SHA-256 of the original payload, so identical attachments can be recognized. */
  sha256: v.optional(v.string()),
  /** Where the payload lives, when it is a file on disk (a path as the source recorded it). */
  path: v.optional(v.string()),
  /**
   * The copy convx saved beside the transcript, relative to the session's folder (`<basename>/`, next to the
   * twin): `attachments/<first 16 hex of its SHA-256>.<ext>`. Absent when nothing was saved.
   */
  file: v.optional(v.string()),
  /** Why the payload was not saved although the source had it (e.g. over the attachment size limit). */
  omitted: v.optional(v.string()),
});

const common = {
  /** The source's own id for this record, when it has one. */
  id: v.optional(v.string()),
  timestamp: v.optional(IsoTime),
  /** Model that produced this message, for assistant messages. */
  model: v.optional(v.string()),
};

/** Something a person typed, or an assistant answered. */
export const TextMessageSchema = v.object({
  ...common,
  kind: v.literal('text'),
  role: RoleSchema,
  text: v.string(),
  attachments: v.optional(v.array(AttachmentSchema)),
});

/** The model's reasoning. `redacted` when the source kept only a signature or encrypted blob. */
export const ThinkingMessageSchema = v.object({
  ...common,
  kind: v.literal('thinking'),
  role: v.literal('assistant'),
  text: v.string(),
  redacted: v.optional(v.boolean()),
});

export const ToolCallMessageSchema = v.object({
  ...common,
  kind: v.literal('tool-call'),
  role: v.literal('assistant'),
  /** Tool name as the source calls it (`shell`, `apply_patch`, `Read`, `run_terminal_cmd`). */
  name: v.string(),
  /** Parsed arguments when they were JSON, else the raw string. */
  input: v.unknown(),
  callId: v.optional(v.string()),
});

export const ToolResultMessageSchema = v.object({
  ...common,
  kind: v.literal('tool-result'),
  role: v.literal('tool'),
  /** The complete output as text (the JSON twin keeps it all; renderers may shorten it). */
  output: v.string(),
  isError: v.optional(v.boolean()),
  callId: v.optional(v.string()),
  /** Tool name, when the source records it on the result (helps when the call is missing). */
  name: v.optional(v.string()),
  attachments: v.optional(v.array(AttachmentSchema)),
});

/**
 * Text injected into the conversation that no person typed: AGENTS.md / CLAUDE.md instructions, environment
 * blocks, command caveats, compaction summaries. `label` says what it is.
 */
export const ContextMessageSchema = v.object({
  ...common,
  kind: v.literal('context'),
  role: RoleSchema,
  label: v.string(),
  text: v.string(),
});

export const EventTypeSchema = v.picklist(['error', 'abort', 'compaction', 'info', 'warning']);

/** Something that happened in the session rather than something said: an API error, an aborted turn, a compaction. */
export const EventMessageSchema = v.object({
  ...common,
  kind: v.literal('event'),
  role: v.literal('system'),
  event: EventTypeSchema,
  text: v.optional(v.string()),
});

export const MessageSchema = v.variant('kind', [
  TextMessageSchema,
  ThinkingMessageSchema,
  ToolCallMessageSchema,
  ToolResultMessageSchema,
  ContextMessageSchema,
  EventMessageSchema,
]);

/** A problem met while reading a session that did not stop it: counted, with where it happened. */
export const DiagnosticSchema = v.object({
  /** Stable machine-readable code, e.g. `malformed-line`, `unknown-record`, `truncated-line`. */
  code: v.string(),
  message: v.string(),
  path: v.optional(v.string()),
  /** 1-based line of the first occurrence. */
  line: v.optional(v.number()),
  /** How many times it happened (≥ 1). */
  count: v.number(),
});

/** Where the session was read from. */
export const SourceLocationSchema = v.object({
  /** The main file (or database) the session was read from. */
  path: v.string(),
  /** Other files that contributed (continuations, subagent files, side files). */
  extraPaths: v.optional(v.array(v.string())),
  /** Locator inside a database (`composerData:<id>`), when the path alone is not enough. */
  locator: v.optional(v.string()),
});

/** A subagent's identity, on child sessions. */
export const AgentInfoSchema = v.object({
  id: v.string(),
  type: v.optional(v.string()),
  description: v.optional(v.string()),
});

const sessionEntries = {
  schemaVersion: v.literal(SCHEMA_VERSION),
  /** `<source>:<sessionId>`: stable across runs and machines. */
  key: v.string(),
  source: v.string(),
  sessionId: v.string(),
  title: v.optional(v.string()),
  /** Working directory of the session, as the source recorded it. */
  cwd: v.optional(v.string()),
  startedAt: v.optional(IsoTime),
  endedAt: v.optional(IsoTime),
  /** Every model seen, in order of first use. */
  models: v.array(v.string()),
  gitBranch: v.optional(v.string()),
  sourceLocation: SourceLocationSchema,
  messages: v.array(MessageSchema),
  /** Set on child sessions (subagents). */
  agent: v.optional(AgentInfoSchema),
  diagnostics: v.array(DiagnosticSchema),
  /** Source-specific facts worth keeping (cli version, originator, remote flag…). JSON values only. */
  meta: v.optional(v.record(v.string(), v.unknown())),
};

export interface SessionShape extends v.InferOutput<v.ObjectSchema<typeof sessionEntries, undefined>> {
  /** Subagent sessions, nested under their parent. */
  children?: SessionShape[];
}

export const SessionSchema: v.GenericSchema<SessionShape> = v.object({
  ...sessionEntries,
  children: v.optional(v.array(v.lazy(() => SessionSchema))),
});
