import { describe, expect, it } from 'vitest';
import type { MessageOf, ServerMessage } from '../../../protocol/index.js';
import { freshIceSettings, type CallContext } from './callWiring.js';

const context: CallContext = {
  callId: null,
  peers: [],
  localStream: null,
  iceServers: [{ urls: 'turn:turn.example:3478', username: '1000:kiosk-a', credential: 'old' }],
  iceTransportPolicy: 'relay',
};

const callStart = (extra: Partial<MessageOf<ServerMessage, 'call.start'>>): { context: CallContext; event: { message: MessageOf<ServerMessage, 'call.start'> } } => ({
  context,
  event: {
    message: {
      type: 'call.start',
      callId: 'c-1',
      selfId: 'm-1',
      peers: [{ memberId: 'm-2', role: 'agent', initiator: true }],
      ticket: { ticketId: 't-1', serviceLine: 'passport', language: 'fr', siteId: 's', kioskId: 'kiosk-a', waitedMs: 0 },
      ...extra,
    },
  },
});

describe('fresh ICE settings at call start', () => {
  it('takes the credentials minted for the call over those from welcome', () => {
    const fresh = [{ urls: 'turn:turn.example:3478', username: '9000:kiosk-a', credential: 'new' }];
    const args = callStart({ iceServers: fresh });
    expect(freshIceSettings.iceServers(args)).toEqual(fresh);
    // The call's own settings say "all": that replaces welcome's "relay".
    expect(freshIceSettings.iceTransportPolicy(args)).toBeUndefined();
  });

  it('keeps the welcome settings when the server sent none (an older server)', () => {
    const args = callStart({});
    expect(freshIceSettings.iceServers(args)).toBe(context.iceServers);
    expect(freshIceSettings.iceTransportPolicy(args)).toBe('relay');
  });
});
