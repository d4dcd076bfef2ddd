import { z } from 'zod';
import { Id, Outcome, Presence } from './domain.js';

/**
 * In-call tools: text chat between the visitor and the agent, content the agent pushes to the
 * kiosk screen, wrap-up notes and the reason an agent is away. The message objects are joined
 * to the unions in messages.ts.
 */

/** A chat line is a sentence or two typed on a touch keyboard, not a document. */
export const CHAT_TEXT_MAX_CHARS = 1000;
/** Room for a short case note; notes are agent-only and never reach the kiosk. */
export const WRAPUP_NOTES_MAX_CHARS = 2000;
/** Links are shown as text and a QR code: past this length neither is readable. */
export const PUSH_URL_MAX_CHARS = 512;
export const PUSH_LABEL_MAX_CHARS = 120;
export const PUSH_STEP_MAX_CHARS = 300;
export const PUSH_STEPS_MAX = 8;

/** Control characters (C0, DEL, C1) and bidirectional overrides, which can disguise text. */
const NO_CONTROLS = /^[^\p{Cc}\u202A-\u202E\u2066-\u2069]*$/u;
const NO_CONTROLS_MESSAGE = 'no control or direction-override characters';

/** Visible text from a person: trimmed, non-empty, bounded, no control characters. */
const personText = (max: number) => z.string().trim().min(1).max(max).regex(NO_CONTROLS, NO_CONTROLS_MESSAGE);

export const ChatText = personText(CHAT_TEXT_MAX_CHARS);

/**
 * A link for the visitor's phone: https only, a host name (no bare IP, no user:password@),
 * no spaces. The kiosk never opens it; it shows the text and a QR code.
 */
export const PushUrl = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain })
  .max(PUSH_URL_MAX_CHARS)
  .regex(/^https:\/\/[^\s@/?#]+(?:[/?#]\S*)?$/, 'an https address without credentials or spaces')
  .regex(NO_CONTROLS, NO_CONTROLS_MESSAGE);

/** Text shown to the visitor in both official languages, side by side. */
export const BilingualText = z.object({
  en: personText(PUSH_STEP_MAX_CHARS),
  fr: personText(PUSH_STEP_MAX_CHARS),
});
export type BilingualText = z.infer<typeof BilingualText>;

export const ScreenContent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('link'), url: PushUrl, label: personText(PUSH_LABEL_MAX_CHARS).optional() }),
  z.object({ kind: z.literal('qr'), url: PushUrl }),
  z.object({ kind: z.literal('instructions'), steps: z.array(BilingualText).min(1).max(PUSH_STEPS_MAX) }),
]);
export type ScreenContent = z.infer<typeof ScreenContent>;

/** Why an agent is away: a coarse category only, never a free-text explanation. */
export const AWAY_REASONS = ['break', 'meal', 'training', 'other'] as const;
export const AwayReason = z.enum(AWAY_REASONS);
export type AwayReason = z.infer<typeof AwayReason>;

export const ChatSender = z.enum(['kiosk', 'agent']);
export type ChatSender = z.infer<typeof ChatSender>;

// ── client → server ─────────────────────────────────────────────────────────
/** A chat line for the other member of the call; never logged, never stored. */
export const ChatSend = z.object({ type: z.literal('chat.send'), callId: Id, text: ChatText });
/** The agent shows something on the kiosk screen; kiosks may not send it. */
export const ScreenPush = z.object({ type: z.literal('screen.push'), callId: Id, content: ScreenContent });
/** `presence.set` with an optional coarse reason for being away. */
export const PresenceSetWithReason = z.object({
  type: z.literal('presence.set'),
  status: Presence,
  /** Only with `away`. */
  reason: AwayReason.optional(),
});
/** Agent-only notes (wrap-up, transfer handover): a few lines, never sent to the kiosk. */
export const AgentNotes = z
  .string()
  .trim()
  .max(WRAPUP_NOTES_MAX_CHARS)
  .regex(/^(?:[\n\r\t]|[^\p{Cc}\u202A-\u202E\u2066-\u2069])*$/u, 'line breaks allowed, no other control characters');

export const CallWrapUpWithNotes = z.object({
  type: z.literal('call.wrapup'),
  callId: Id,
  outcome: Outcome,
  /** Agent-only notes, stored with the visit, never sent to the kiosk. */
  notes: AgentNotes.optional(),
});

// ── server → client ─────────────────────────────────────────────────────────
/** A chat line to both members: the sender's copy is its delivery confirmation. */
export const ChatMessage = z.object({
  type: z.literal('chat.message'),
  callId: Id,
  from: ChatSender,
  text: ChatText,
  /** Order within the call, from 1; the server keeps no clock for chat. */
  seq: z.number().int().positive(),
});
/** What the agent pushed, for the kiosk screen only. */
export const ScreenPushed = z.object({ type: z.literal('screen.pushed'), callId: Id, content: ScreenContent });
