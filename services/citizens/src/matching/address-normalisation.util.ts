/** What two postal addresses are compared on: the house number and the street's name. */
export interface AddressKey {
  /** e.g. "12", "12a"; null when the address has none. */
  houseNumber: string | null;
  /** The street's distinctive words, suffix and direction folded: "north main street" → "n main". */
  street: string | null;
}

const SUFFIXES: Record<string, string> = {
  street: 'st',
  st: 'st',
  str: 'st',
  avenue: 'ave',
  ave: 'ave',
  av: 'ave',
  road: 'rd',
  rd: 'rd',
  boulevard: 'blvd',
  blvd: 'blvd',
  drive: 'dr',
  dr: 'dr',
  lane: 'ln',
  ln: 'ln',
  place: 'pl',
  pl: 'pl',
  court: 'ct',
  ct: 'ct',
  terrace: 'ter',
  ter: 'ter',
  highway: 'hwy',
  hwy: 'hwy',
  parkway: 'pkwy',
  pkwy: 'pkwy',
  way: 'way',
  circle: 'cir',
  cir: 'cir',
  square: 'sq',
  sq: 'sq',
  calle: 'calle',
  avenida: 'ave',
};

const DIRECTIONS: Record<string, string> = {
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  n: 'n',
  s: 's',
  e: 'e',
  w: 'w',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
  ne: 'ne',
  nw: 'nw',
  se: 'se',
  sw: 'sw',
};

const ORDINALS: Record<string, string> = {
  first: '1st',
  second: '2nd',
  third: '3rd',
  fourth: '4th',
  fifth: '5th',
  sixth: '6th',
  seventh: '7th',
  eighth: '8th',
  ninth: '9th',
  tenth: '10th',
};

const UNIT =
  /\b(apt|apartment|unit|suite|ste|flat|fl|floor|room|rm|piso|depto)\b\.?\s*[a-z0-9-]*|#\s*[a-z0-9-]+/g;

/**
 * The comparable key of a postal address written any way: "12 N. Main Street, Apt 4, Springfield"
 * and "12 north main st" give the same key. Only the first line (before a comma) counts.
 */
export function addressKey(raw: string | null | undefined): AddressKey {
  if (!raw) {
    return { houseNumber: null, street: null };
  }
  const firstLine = raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[,\n]/)[0]
    .replace(UNIT, ' ')
    .replace(/[^a-z0-9\s-]/g, ' ');
  const words = firstLine.split(/[\s]+/).filter(Boolean);
  let houseNumber: string | null = null;
  const streetWords: string[] = [];
  for (const word of words) {
    if (houseNumber === null && streetWords.length === 0 && /^\d+[a-z]?(-\d+)?$/.test(word)) {
      houseNumber = word;
      continue;
    }
    const folded = ORDINALS[word] ?? DIRECTIONS[word] ?? word;
    streetWords.push(folded);
  }
  // The suffix is dropped: "Main St" and "Main" written without it are one street more often than two.
  if (streetWords.length > 1 && SUFFIXES[streetWords[streetWords.length - 1]]) {
    streetWords.pop();
  }
  const street = streetWords.join(' ').trim();
  return { houseNumber, street: street || null };
}
