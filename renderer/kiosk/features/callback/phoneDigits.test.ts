import { describe, expect, it } from 'vitest';
import { appendDigit, groupDigits, phoneStatus, removeLastDigit, spokenDigits } from './phoneDigits.js';

describe('the callback keypad digits', () => {
  it('groups the number the way it is written', () => {
    expect(groupDigits('')).toBe('');
    expect(groupDigits('50')).toBe('50');
    expect(groupDigits('5065')).toBe('506 5');
    expect(groupDigits('5065550134')).toBe('506 555 0134');
    expect(groupDigits('15065550134')).toBe('1 506 555 0134');
  });

  it('reads digit by digit for screen readers', () => {
    expect(spokenDigits('5065550134')).toBe('5 0 6, 5 5 5, 0 1 3 4');
  });

  it('stops at 11 digits, and backspace removes the last', () => {
    let digits = '';
    for (const d of '150655501349') digits = appendDigit(digits, d as '1');
    expect(digits).toBe('15065550134');
    expect(removeLastDigit(digits)).toBe('1506555013');
    expect(removeLastDigit('')).toBe('');
  });

  it('says when a number is ready to send, and why not otherwise', () => {
    expect(phoneStatus('')).toEqual({ ok: false, problem: null });
    expect(phoneStatus('50655')).toEqual({ ok: false, problem: 'too-short' });
    expect(phoneStatus('0065550134')).toEqual({ ok: false, problem: 'area-code' });
    expect(phoneStatus('15065550134')).toEqual({ ok: true, digits: '5065550134' });
  });
});
