// Compiles name rows into lookup tables once, and matches a split name against them. Per name the work is a
// few map look-ups per word; glued lower-case words (`creditcardnumber`) cost one literal-alternation regex test.
import { splitIdentifier } from './words';
import { isNegated, NAME_ROWS, type NameEntry } from './nameRules';
import { CONFIDENCE_RANK, type DataClass, type DataClassMatch } from './types';

interface Phrase {
  words: string[];
  entry: NameEntry;
}

// Single words that may be found inside glued names (`userpassword`); short or common words are left out
// because they hide inside unrelated words (`ssn` in `classname`, `secret` in `secretary`, `phone` in `smartphone`).
const GLUE_SINGLE_WORDS = new Set([
  'password',
  'passwd',
  'passphrase',
  'passcode',
  'email',
  'latitude',
  'longitude',
  'birthdate',
  'birthday',
  'username',
  'surname',
  'cardholder',
  'diagnosis',
  'prescription',
  'medication',
  'geolocation',
]);

export interface CompiledNames {
  phrasesByFirst: Map<string, Phrase[]>;
  glued: Map<string, NameEntry>;
  gluedRegex: RegExp | null;
}

export function compileNames(
  rows: readonly (readonly [string, DataClass | null, NameEntry['confidence']])[],
): CompiledNames {
  const phrasesByFirst = new Map<string, Phrase[]>();
  const glued = new Map<string, NameEntry>();
  for (const [phrase, dataClass, confidence] of rows) {
    const words = phrase.split(' ').flatMap((w) => splitIdentifier(w));
    if (words.length === 0) continue;
    const entry: NameEntry = { dataClass, confidence, phrase };
    const list = phrasesByFirst.get(words[0]!) ?? [];
    list.push({ words, entry });
    phrasesByFirst.set(words[0]!, list);
    const compact = words.join('');
    if (compact.length >= 6 && (words.length > 1 || GLUE_SINGLE_WORDS.has(compact)) && !glued.has(compact))
      glued.set(compact, entry);
  }
  for (const list of phrasesByFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  const keys = [...glued.keys()].sort((a, b) => b.length - a.length);
  const gluedRegex = keys.length > 0 ? new RegExp(keys.join('|')) : null;
  return { phrasesByFirst, glued, gluedRegex };
}

export const BUILTIN_NAMES: CompiledNames = compileNames(NAME_ROWS);

function singular(word: string): string | undefined {
  if (word.length <= 3) return undefined;
  if (word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.endsWith('sses') || word.endsWith('shes') || word.endsWith('ches') || word.endsWith('xes'))
    return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is'))
    return word.slice(0, -1);
  return undefined;
}

function wordIs(word: string, expected: string): boolean {
  return word === expected || singular(word) === expected;
}

interface RawMatch {
  entry: NameEntry;
  start: number;
  end: number;
  /** Pieces of a glued word around the match, read as context. */
  leftovers?: string[];
}

function phraseAt(words: string[], i: number, table: CompiledNames): RawMatch | undefined {
  const word = words[i]!;
  const candidates =
    table.phrasesByFirst.get(word) ??
    (singular(word) !== undefined ? table.phrasesByFirst.get(singular(word)!) : undefined);
  if (!candidates) return undefined;
  for (const { words: phrase, entry } of candidates) {
    if (i + phrase.length > words.length) continue;
    let ok = true;
    for (let k = 0; k < phrase.length && ok; k++) ok = k === 0 || wordIs(words[i + k]!, phrase[k]!);
    if (ok) return { entry, start: i, end: i + phrase.length };
  }
  return undefined;
}

function gluedAt(words: string[], i: number, table: CompiledNames): RawMatch | undefined {
  const word = words[i]!;
  if (word.length < 6 || !table.gluedRegex) return undefined;
  const m = table.gluedRegex.exec(word);
  if (!m) return undefined;
  const entry = table.glued.get(m[0])!;
  const before = word.slice(0, m.index);
  const after = word.slice(m.index + m[0].length);
  const leftovers = [before, after].filter((piece) => piece.length > 0 && piece !== 's' && piece !== 'es');
  return { entry, start: i, end: i + 1, leftovers };
}

function scan(words: string[], table: CompiledNames, out: RawMatch[]): void {
  let i = 0;
  while (i < words.length) {
    const match = phraseAt(words, i, table) ?? gluedAt(words, i, table);
    if (match) {
      out.push(match);
      i = match.end;
    } else {
      i++;
    }
  }
}

/** Classes a name denotes, best confidence per class, after negation by the surrounding words. */
export function matchName(name: string, tables: readonly CompiledNames[]): DataClassMatch[] {
  const words = splitIdentifier(name);
  if (words.length === 0) return [];
  const raw: RawMatch[] = [];
  for (const table of tables) scan(words, table, raw);
  if (raw.length === 0) return [];
  const best = new Map<DataClass, DataClassMatch>();
  for (const match of raw) {
    const dataClass = match.entry.dataClass;
    if (dataClass === null) continue;
    const context: string[] = match.leftovers ? [...match.leftovers] : [];
    for (let k = 0; k < words.length; k++) {
      if (k >= match.start && k < match.end) continue;
      // Words consumed by another phrase are that phrase's, not context (`card_holder_email`).
      if (raw.some((other) => other !== match && k >= other.start && k < other.end && other.entry.dataClass !== null))
        continue;
      context.push(words[k]!);
    }
    if (isNegated(dataClass, context)) continue;
    const previous = best.get(dataClass);
    if (!previous || CONFIDENCE_RANK[match.entry.confidence] > CONFIDENCE_RANK[previous.confidence]) {
      best.set(dataClass, {
        dataClass,
        confidence: match.entry.confidence,
        reason: `name "${name}" (${match.entry.phrase})`,
      });
    }
  }
  return [...best.values()];
}

/** The normalised form used to compare names with allow-lists: words joined by single spaces. */
export function normalizedName(name: string): string {
  return splitIdentifier(name).join(' ');
}
