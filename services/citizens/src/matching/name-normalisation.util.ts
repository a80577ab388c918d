/** Words that say nothing about who someone is. */
const NOISE = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'rev',
  'jr',
  'sr',
  'ii',
  'iii',
  'iv',
]);

/**
 * Common English and Spanish diminutives, folded onto one form so "Bob" and "Robert" compare equal.
 * Short on purpose: a wrong fold merges strangers, a missing one only costs a review.
 */
const NICKNAMES: Record<string, string> = {
  bob: 'robert',
  rob: 'robert',
  bobby: 'robert',
  robbie: 'robert',
  bill: 'william',
  will: 'william',
  billy: 'william',
  willy: 'william',
  liam: 'william',
  jim: 'james',
  jimmy: 'james',
  jamie: 'james',
  mike: 'michael',
  mick: 'michael',
  mikey: 'michael',
  dave: 'david',
  davey: 'david',
  dan: 'daniel',
  danny: 'daniel',
  tom: 'thomas',
  tommy: 'thomas',
  tony: 'anthony',
  joe: 'joseph',
  joey: 'joseph',
  pepe: 'jose',
  chris: 'christopher',
  matt: 'matthew',
  nick: 'nicholas',
  steve: 'stephen',
  steven: 'stephen',
  ben: 'benjamin',
  sam: 'samuel',
  alex: 'alexander',
  ed: 'edward',
  eddie: 'edward',
  ted: 'edward',
  rick: 'richard',
  dick: 'richard',
  rich: 'richard',
  chuck: 'charles',
  charlie: 'charles',
  kate: 'katherine',
  katie: 'katherine',
  kathy: 'katherine',
  catherine: 'katherine',
  kathryn: 'katherine',
  liz: 'elizabeth',
  beth: 'elizabeth',
  betty: 'elizabeth',
  lisa: 'elizabeth',
  jen: 'jennifer',
  jenny: 'jennifer',
  sue: 'susan',
  susie: 'susan',
  maggie: 'margaret',
  meg: 'margaret',
  peggy: 'margaret',
  pat: 'patricia',
  patty: 'patricia',
  becky: 'rebecca',
  vicky: 'victoria',
  paco: 'francisco',
  pancho: 'francisco',
  lupe: 'guadalupe',
  chelo: 'consuelo',
};

/** Lower-case words without accents, punctuation, titles or suffixes: "Dr. José O'Neil-Ruiz Jr" → jose, oneil, ruiz. */
export function nameWords(raw: string | null | undefined): string[] {
  if (!raw) {
    return [];
  }
  return raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`.]/g, '')
    .replace(/[^a-z]+/g, ' ')
    .split(' ')
    .filter((w) => w.length > 0 && !NOISE.has(w));
}

/** The form a given name is compared in (nicknames folded). */
export function canonicalGivenName(word: string): string {
  return NICKNAMES[word] ?? word;
}

/** Padded trigrams of a word, for typo-tolerant search: "ann" → $an, ann, nn$. */
export function trigrams(word: string): string[] {
  const padded = `$${word}$`;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i += 1) {
    grams.add(padded.slice(i, i + 3));
  }
  return [...grams];
}
