/**
 * A pseudo-locale for layout tests: every English string accented, 30 % longer and bracketed,
 * e.g. "Start over" → "[Šţåŕţ öṽéŕ ·~·]". Longer words (French runs about 20 % longer than
 * English, some languages more), letters with marks above and below, and brackets that show at
 * a glance whether a string was cut. Used by tests and demos only, never shown to visitors.
 */

/** French is about 20 % longer than English; 30 % leaves room for more. */
export const PSEUDO_EXPANSION = 0.3;

const ACCENTED: Record<string, string> = {
  a: 'å', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'î', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Å', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/** i18next placeholders stay as they are, or interpolation would break. */
const PLACEHOLDER = /(\{\{[^}]*\}\})/;
/** Padding of words, not one unbreakable run: a real translation wraps at spaces too. */
const PAD_WORD = '·~·~·';

function accent(text: string): string {
  return text
    .split(PLACEHOLDER)
    .map((part) => (PLACEHOLDER.test(part) ? part : [...part].map((ch) => ACCENTED[ch] ?? ch).join('')))
    .join('');
}

/** Padding of at least 30 % of the original length (brackets not counted), in breakable words. */
function padding(length: number): string {
  const needed = Math.ceil(length * PSEUDO_EXPANSION);
  if (needed === 0) return '';
  let pad = '';
  while (pad.length < needed) pad += (pad ? ' ' : '') + PAD_WORD.slice(0, Math.min(PAD_WORD.length, needed - pad.length));
  return ` ${pad}`;
}

export function pseudoLocalize(text: string): string {
  return `[${accent(text)}${padding(text.length)}]`;
}

type Tree = { readonly [key: string]: string | Tree };

/** The same tree, every leaf pseudo-localized; the type is kept so it can stand in for the original. */
export function pseudoLocalizeTree<T extends object>(tree: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree as Tree)) {
    out[key] = typeof value === 'string' ? pseudoLocalize(value) : pseudoLocalizeTree(value);
  }
  return out as T;
}
