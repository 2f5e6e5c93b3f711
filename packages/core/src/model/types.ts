import type * as v from 'valibot';
import type {
  AgentInfoSchema,
  AttachmentSchema,
  ContextMessageSchema,
  DiagnosticSchema,
  EventMessageSchema,
  EventTypeSchema,
  MessageSchema,
  RoleSchema,
  SessionShape,
  SourceLocationSchema,
  TextMessageSchema,
  ThinkingMessageSchema,
  ToolCallMessageSchema,
  ToolResultMessageSchema,
} from './schema.js';

export type Role = v.InferOutput<typeof RoleSchema>;
export type Attachment = v.InferOutput<typeof AttachmentSchema>;
export type TextMessage = v.InferOutput<typeof TextMessageSchema>;
export type ThinkingMessage = v.InferOutput<typeof ThinkingMessageSchema>;
export type ToolCallMessage = v.InferOutput<typeof ToolCallMessageSchema>;
export type ToolResultMessage = v.InferOutput<typeof ToolResultMessageSchema>;
export type ContextMessage = v.InferOutput<typeof ContextMessageSchema>;
export type EventMessage = v.InferOutput<typeof EventMessageSchema>;
export type EventType = v.InferOutput<typeof EventTypeSchema>;
export type Message = v.InferOutput<typeof MessageSchema>;
export type MessageKind = Message['kind'];
export type Diagnostic = v.InferOutput<typeof DiagnosticSchema>;
export type SourceLocation = v.InferOutput<typeof SourceLocationSchema>;
export type AgentInfo = v.InferOutput<typeof AgentInfoSchema>;
export type Session = SessionShape;
