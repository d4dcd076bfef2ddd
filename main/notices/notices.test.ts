import { describe, expect, it } from 'vitest';
import { badConfigDialog } from './bad-config-dialog.js';
import { OUT_OF_SERVICE_STYLESHEET, PAGE_BACKGROUND, PAGE_TEXT, outOfServicePageHtml } from './out-of-service-page.js';
import { NOTICE_STRINGS } from './strings.js';

/** WCAG 2 relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('notice strings', () => {
  it('has every sentence in both languages, and they differ', () => {
    expect(Object.keys(NOTICE_STRINGS.fr).sort()).toEqual(Object.keys(NOTICE_STRINGS.en).sort());
    for (const key of Object.keys(NOTICE_STRINGS.en) as (keyof typeof NOTICE_STRINGS.en)[]) {
      expect(NOTICE_STRINGS.fr[key].trim()).not.toBe('');
      expect(NOTICE_STRINGS.fr[key]).not.toBe(NOTICE_STRINGS.en[key]);
    }
  });
});

describe('out-of-service page', () => {
  const html = outOfServicePageHtml('/oos.css');

  it('shows both languages side by side, each part marked with its lang', () => {
    expect(html).toMatch(/<section lang="en">\s*<h1>Out of service<\/h1>\s*<p>Please see staff\.<\/p>/);
    expect(html).toMatch(/<section lang="fr">\s*<h1>Hors service<\/h1>\s*<p>Veuillez vous adresser au personnel\.<\/p>/);
    expect(html.indexOf('lang="en"', html.indexOf('<main>'))).toBeLessThan(html.indexOf('lang="fr"'));
    expect(html).toContain('<title>Out of service / Hors service</title>');
    expect(html).toMatch(/^<!doctype html>\s*<html lang="en">/);
  });

  it('stands alone: no script, no inline style, nothing but its own stylesheet, no link a visitor could follow', () => {
    expect(html).not.toMatch(/<script|<style|style=|<img|<a\s|src=|@import|url\(/i);
    expect(html.match(/href="[^"]*"/g)).toEqual(['href="/oos.css"']);
    expect(OUT_OF_SERVICE_STYLESHEET).not.toMatch(/@import|url\(/);
  });

  it('is high contrast with large text', () => {
    expect(contrast(PAGE_TEXT, PAGE_BACKGROUND)).toBeGreaterThanOrEqual(7);
    expect(OUT_OF_SERVICE_STYLESHEET).toContain(`background: ${PAGE_BACKGROUND}; color: ${PAGE_TEXT};`);
    expect(OUT_OF_SERVICE_STYLESHEET).toMatch(/h1 \{ font-size: clamp\(2\.5rem/);
    expect(OUT_OF_SERVICE_STYLESHEET).toMatch(/p \{ font-size: clamp\(1\.75rem/);
  });
});

describe('bad-config dialog', () => {
  it('says what happened in English and French and keeps the technical message naming the field', () => {
    const technical = 'kiosk config /etc/kiosk.json: serverUrl: must be wss:// except on localhost';
    const { title, content } = badConfigDialog(technical);
    expect(title).toBe('Kiosk cannot start / Le kiosque ne peut pas démarrer');
    const lines = content.split('\n');
    expect(lines[0]).toBe('The kiosk configuration is not valid. Please contact technical support.');
    expect(lines[1]).toBe("La configuration du kiosque n'est pas valide. Veuillez communiquer avec le soutien technique.");
    expect(lines.at(-1)).toBe(technical);
    expect(content).toContain('serverUrl');
  });
});
