import { describe, expect, it } from 'vitest';
import { qrPath } from './qrMatrix.js';

describe('qrPath', () => {
  it('draws a square code with its three finder patterns', () => {
    const { size, path } = qrPath('https://www.canada.ca/en/services/benefits/ei.html');
    expect(size).toBeGreaterThanOrEqual(21);
    expect((size - 17) % 4).toBe(0); // QR versions grow by 4 modules
    // Finder pattern corners are dark: top-left, top-right, bottom-left.
    for (const [col, row] of [[0, 0], [size - 1, 0], [0, size - 1]]) {
      expect(path).toContain(`M${col} ${row}h1v1h-1z`);
    }
    // The module just inside the finder's outer ring is light.
    expect(path).not.toContain('M1 1h1v1h-1z');
  });

  it('gives different codes for different addresses, and the same code for the same one', () => {
    expect(qrPath('https://www.canada.ca/a').path).toBe(qrPath('https://www.canada.ca/a').path);
    expect(qrPath('https://www.canada.ca/a').path).not.toBe(qrPath('https://www.canada.ca/b').path);
  });
});
