import type { ServerMessage } from '../../../protocol/index.js';

/** A disconnected party's messages are held up to these bounds; beyond them the oldest go first. */
export const MAX_HELD_MESSAGES = 256;
export const MAX_HELD_BYTES = 512 * 1024;

export interface HoldLimits {
  maxMessages: number;
  maxBytes: number;
}

/**
 * Stands in for the connection of a party that dropped and may resume: it keeps what the
 * switchboard sends, in order and bounded, so the resumed connection gets it all at once.
 * Dropping the oldest keeps the newest state (a later queue.status replaces an earlier one).
 */
export class HeldOutbox {
  private readonly held: { message: ServerMessage; bytes: number }[] = [];
  private bytes = 0;
  /** How many messages overflowed and were dropped; the resumed client is told. */
  dropped = 0;

  constructor(private readonly limits: HoldLimits = { maxMessages: MAX_HELD_MESSAGES, maxBytes: MAX_HELD_BYTES }) {}

  send(message: ServerMessage): void {
    const bytes = JSON.stringify(message).length;
    this.held.push({ message, bytes });
    this.bytes += bytes;
    while (this.held.length > this.limits.maxMessages || this.bytes > this.limits.maxBytes) {
      const oldest = this.held.shift();
      if (!oldest) break;
      this.bytes -= oldest.bytes;
      this.dropped += 1;
    }
  }

  /** Nobody is there to hang up on. */
  close(): void {}

  /** Everything held, oldest first; the outbox is empty afterwards. */
  drain(): ServerMessage[] {
    const messages = this.held.map((h) => h.message);
    this.held.length = 0;
    this.bytes = 0;
    return messages;
  }

  get size(): number {
    return this.held.length;
  }
}
