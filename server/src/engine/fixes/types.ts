import type { LineIndex } from '../positions';
import type { FixData, Range } from '../findings';

export interface TextEdit {
  range: Range;
  newText: string;
  /** The same insertion as a snippet (tab stops for what the user must type), for clients that take snippets. */
  snippet?: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix the editor may apply on "auto fix" (one per finding at most). */
  isPreferred: boolean;
}

export interface FixContext {
  /** The document is JSON (else YAML): decides quoting and layout of inserted text. */
  json: boolean;
  /** Line index of the text (built once per document by the caller). */
  lines: LineIndex;
  /** The document's URI (its extension tells the language of code). */
  uri?: string;
  /**
   * Only asked whether a fix applies (at lint time, possibly on the text of one entry of a large spec): providers
   * may skip the work that only chooses values.
   */
  probe?: boolean;
}

/** Builds the fixes for one finding from its lint-time data and the document's current text. */
export type FixProvider = (text: string, data: FixData, context: FixContext) => Fix[];
