import { describe, expect, it } from 'vitest';
import { KIOSK_CSP } from '../security/csp.js';
import { APP_ORIGIN, OUT_OF_SERVICE_STYLESHEET_PATH, OUT_OF_SERVICE_URL } from '../security/origin.js';
import { KIOSK_IN_MEMORY_PAGES, serveInMemoryPage } from './in-memory-pages.js';

const text = (body: Uint8Array | null) => (body ? new TextDecoder().decode(body) : '');

describe('in-memory app:// pages', () => {
  it('answers the out-of-service page from memory with the kiosk headers', () => {
    const response = serveInMemoryPage({ url: OUT_OF_SERVICE_URL, method: 'GET' }, KIOSK_IN_MEMORY_PAGES);
    expect(response?.status).toBe(200);
    expect(response?.headers).toMatchObject({
      'Content-Security-Policy': KIOSK_CSP,
      'Content-Type': 'text/html; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    expect(text(response?.body ?? null)).toContain('Hors service');
    expect(serveInMemoryPage({ url: `${OUT_OF_SERVICE_URL}?retry=1`, method: 'GET' }, KIOSK_IN_MEMORY_PAGES)?.status).toBe(200);
    expect(serveInMemoryPage({ url: OUT_OF_SERVICE_URL, method: 'HEAD' }, KIOSK_IN_MEMORY_PAGES)?.body).toBeNull();
  });

  it('answers the stylesheet, which the page links to on the same origin', () => {
    const page = text(serveInMemoryPage({ url: OUT_OF_SERVICE_URL, method: 'GET' }, KIOSK_IN_MEMORY_PAGES)?.body ?? null);
    expect(page).toContain(`href="${OUT_OF_SERVICE_STYLESHEET_PATH}"`);
    const css = serveInMemoryPage({ url: `${APP_ORIGIN}${OUT_OF_SERVICE_STYLESHEET_PATH}`, method: 'GET' }, KIOSK_IN_MEMORY_PAGES);
    expect(css?.headers['Content-Type']).toBe('text/css; charset=utf-8');
    expect(text(css?.body ?? null)).toContain('font-size');
  });

  it.each([
    ['another path', 'app://kiosk/kiosk/index.html', 'GET'],
    ['another host', 'app://evil/out-of-service.html', 'GET'],
    ['another scheme', 'https://kiosk/out-of-service.html', 'GET'],
    ['a look-alike path', 'app://kiosk/out-of-service.html/x', 'GET'],
    ['a POST', OUT_OF_SERVICE_URL, 'POST'],
    ['garbage', 'not a url', 'GET'],
  ])('falls through to the file handler for %s', (_name, url, method) => {
    expect(serveInMemoryPage({ url, method }, KIOSK_IN_MEMORY_PAGES)).toBeNull();
  });
});

describe('enrolment notice pages', () => {
  it.each([
    ['enrolment-refused', 'Kiosk not enrolled', 'Please ask the administrator for a new code.', "Veuillez demander un nouveau code à l'administrateur."],
    ['server-unreachable', 'Kiosk not enrolled', 'Check the network connection, then restart the kiosk.', 'Vérifiez la connexion réseau, puis redémarrez le kiosque.'],
    ['secure-storage-unavailable', 'Kiosk cannot start', 'Please contact technical support.', 'Veuillez communiquer avec le soutien technique.'],
  ])('serves %s from memory, in both languages, with the shared stylesheet and no script', (notice, title, english, french) => {
    const response = serveInMemoryPage({ url: `app://kiosk/notice/${notice}.html`, method: 'GET' }, KIOSK_IN_MEMORY_PAGES);
    const html = new TextDecoder().decode(response?.body ?? new Uint8Array());
    expect(response?.status).toBe(200);
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).toContain(english);
    expect(html).toContain(french);
    expect(html).toMatch(/<section lang="fr">/);
    expect(html).toContain('href="/out-of-service.css"');
    expect(html).not.toMatch(/<script|style=/i);
  });
});
