import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import { testConfigInput } from '../testing/testServer.js';
import { DEFAULT_CALLBACK_OFFER_ABOVE_MS, DEFAULT_MAX_PRIORITY_LEAD_MS, resolveRoutingConfig } from './routingConfig.js';

describe('routing config', () => {
  it('fills every default when the section is absent', () => {
    expect(resolveRoutingConfig(undefined)).toMatchObject({
      maxPriorityLeadMs: DEFAULT_MAX_PRIORITY_LEAD_MS,
      callbackOfferAboveMs: DEFAULT_CALLBACK_OFFER_ABOVE_MS,
      escalation: {},
    });
    expect(DEFAULT_CALLBACK_OFFER_ABOVE_MS).toBe(10 * 60_000);
  });

  it('rejects an unknown service line, an empty escalation and a bad interpreter, naming the field', () => {
    const withRouting = (routing: unknown) => () => parseConfig(testConfigInput({ routing } as never));
    expect(withRouting({ escalation: { nope: { afterMs: 1, alsoServedBy: ['pensions'] } } })).toThrow(/routing\.escalation/);
    expect(withRouting({ escalation: { passport: { afterMs: 1, alsoServedBy: [] } } })).toThrow(/routing\.escalation\.passport\.alsoServedBy/);
    expect(withRouting({ maxPriorityLeadMs: -1 })).toThrow(/routing\.maxPriorityLeadMs/);
    const input = testConfigInput();
    const agents = input.agents.map((a, i) => (i === 0 ? { ...a, interpreterLanguages: ['klingon'] } : a));
    expect(() => parseConfig({ ...input, agents })).toThrow(/agents\.0\.interpreterLanguages/);
    expect(parseConfig({ ...input, agents: input.agents.map((a) => ({ ...a, interpreterLanguages: ['asl'] })) }).agents[0]?.interpreterLanguages).toEqual(['asl']);
  });
});
