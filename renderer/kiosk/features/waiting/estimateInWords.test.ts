import { describe, expect, it } from 'vitest';
import { estimateInWords } from './estimateInWords.js';

const min = (m: number) => m * 60_000;

describe('estimateInWords', () => {
  it('says less than 5 minutes, about N minutes to the nearest 5, or more than an hour', () => {
    expect(estimateInWords(0)).toEqual({ kind: 'under', minutes: 5 });
    expect(estimateInWords(min(4.9))).toEqual({ kind: 'under', minutes: 5 });
    expect(estimateInWords(min(5))).toEqual({ kind: 'about', minutes: 5 });
    expect(estimateInWords(min(7.4))).toEqual({ kind: 'about', minutes: 5 });
    expect(estimateInWords(min(8))).toEqual({ kind: 'about', minutes: 10 });
    expect(estimateInWords(min(12))).toEqual({ kind: 'about', minutes: 10 });
    expect(estimateInWords(min(60))).toEqual({ kind: 'about', minutes: 60 });
    expect(estimateInWords(min(61))).toEqual({ kind: 'over', minutes: 60 });
  });
});
