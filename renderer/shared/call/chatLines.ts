import type { ChatSender, MessageOf, ServerMessage } from '../../../protocol/index.js';

/** One line of a call's chat as both apps keep it: in memory only, for the length of the call. */
export interface ChatLine {
  seq: number;
  from: ChatSender;
  text: string;
}

/** A long call keeps its most recent lines; older ones scroll away for good. */
export const CHAT_LINES_KEPT = 200;

/** Adds a line in the server's order; a repeated sequence number (a replay) is ignored. */
export function appendChatLine(lines: readonly ChatLine[], message: MessageOf<ServerMessage, 'chat.message'>): ChatLine[] {
  if (lines.some((line) => line.seq === message.seq)) return [...lines];
  const next = [...lines, { seq: message.seq, from: message.from, text: message.text }].sort((a, b) => a.seq - b.seq);
  return next.slice(-CHAT_LINES_KEPT);
}
