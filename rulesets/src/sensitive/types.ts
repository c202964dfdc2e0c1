// The sensitive-data classifier's public types. Other parts of the engine (OpenAPI rules, code rules, the
// inventory) depend on these shapes: keep them stable.

export type DataClass = 'credential' | 'pii' | 'government-id' | 'pci' | 'phi' | 'financial' | 'location' | 'biometric';

export const DATA_CLASSES: readonly DataClass[] = [
  'credential',
  'pii',
  'government-id',
  'pci',
  'phi',
  'financial',
  'location',
  'biometric',
];

export type Confidence = 'high' | 'medium' | 'low';

export interface DataClassMatch {
  dataClass: DataClass;
  confidence: Confidence;
  /** Why, in a few words: `name "cardNumber"`, `format: email`, `example looks like a JWT`. */
  reason: string;
}

export interface FieldInput {
  /** Property, parameter or header name in any naming style. */
  name?: string;
  description?: string;
  format?: string;
  pattern?: string;
  /** Example, default or enum values. */
  examples?: unknown[];
}

export interface ClassifierOptions {
  /** More names per class, as identifiers or phrases in any naming style (`loyaltyNumber`, `member ref`). */
  extraNames?: Partial<Record<DataClass, string[]>>;
  /** Names never classified from their name (compared case- and style-insensitively: `ssn_hint` = `ssnHint`). */
  allowNames?: string[];
}

export const CONFIDENCE_RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

export function isDataClass(value: unknown): value is DataClass {
  return typeof value === 'string' && (DATA_CLASSES as readonly string[]).includes(value);
}
