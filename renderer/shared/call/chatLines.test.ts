import { describe, expect, it } from 'vitest';
import { CHAT_LINES_KEPT, appendChatLine, type ChatLine } from './chatLines.js';

const message = (seq: number, from: 'kiosk' | 'agent' = 'agent') =>
  ({ type: 'chat.message', callId: 'c-1', from, text: `line ${seq}`, seq }) as const;

describe('appendChatLine', () => {
  it('keeps server order, ignores a replayed line and keeps only the most recent lines', () => {
    let lines: ChatLine[] = [];
    lines = appendChatLine(lines, message(2, 'kiosk'));
    lines = appendChatLine(lines, message(1));
    lines = appendChatLine(lines, message(2, 'kiosk'));
    expect(lines.map((l) => [l.seq, l.from])).toEqual([
      [1, 'agent'],
      [2, 'kiosk'],
    ]);
    for (let seq = 3; seq <= CHAT_LINES_KEPT + 10; seq++) lines = appendChatLine(lines, message(seq));
    expect(lines).toHaveLength(CHAT_LINES_KEPT);
    expect(lines.at(-1)?.seq).toBe(CHAT_LINES_KEPT + 10);
  });
});
