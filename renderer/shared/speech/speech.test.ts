import { describe, expect, it } from 'vitest';
import { createWebSpeech, silentSpeech, type SpeechHost, type UtteranceLike } from './speech.js';

class FakeUtterance implements UtteranceLike {
  lang = '';
  constructor(readonly text: string) {}
}

function recorder() {
  const log: string[] = [];
  const host: SpeechHost = {
    speechSynthesis: {
      speak: (u) => log.push(`speak ${u.lang} ${(u as FakeUtterance).text}`),
      cancel: () => log.push('cancel'),
    },
    SpeechSynthesisUtterance: FakeUtterance,
  };
  return { host, log };
}

describe('web speech engine', () => {
  it('cuts off what was being said, then says each segment in its Canadian language', () => {
    const { host, log } = recorder();
    createWebSpeech(host).speak([
      { text: 'Hello', language: 'en' },
      { text: '  ', language: 'en' },
      { text: 'Bonjour', language: 'fr' },
    ]);
    expect(log).toEqual(['cancel', 'speak en-CA Hello', 'speak fr-CA Bonjour']);
  });

  it('cancels on demand', () => {
    const { host, log } = recorder();
    createWebSpeech(host).cancel();
    expect(log).toEqual(['cancel']);
  });

  it('is silent, and says so, where the host has no speech synthesis', () => {
    expect(createWebSpeech({})).toBe(silentSpeech);
    expect(silentSpeech.available).toBe(false);
  });
});
