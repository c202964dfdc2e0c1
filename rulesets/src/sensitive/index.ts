// Public surface of the sensitive-data classifier (used by OpenAPI rules, code rules and the inventory).
export { classifyField, classifyValue, classifyName, atLeast } from './classifier';
export { regulationsFor, REGULATIONS_BY_CLASS } from './regulations';
export { normalizeClassifierOptions } from './config';
export { luhnValid, ibanValid } from './valueDetectors';
export { splitIdentifier } from './words';
export {
  DATA_CLASSES,
  isDataClass,
  type DataClass,
  type DataClassMatch,
  type Confidence,
  type ClassifierOptions,
  type FieldInput,
} from './types';
