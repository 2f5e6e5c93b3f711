import { type Message, type MessageSink, TimeSpan } from '@convx/core';
import { cwdFromEnvironment } from './parse-context-labels.js';

/**
 * Passes messages on to the engine and keeps the little the session needs from them once they are gone:
 * the time span and the working directory the first environment block names.
 */
export class Emitted {
  readonly span = new TimeSpan();
  environmentCwd: string | undefined;

  constructor(private readonly out: MessageSink) {}

  readonly emit: MessageSink = (message: Message) => {
    this.span.add(message.timestamp);
    if (this.environmentCwd === undefined && message.kind === 'context' && message.label === 'Environment')
      this.environmentCwd = cwdFromEnvironment(message.text);
    this.out(message);
  };
}
