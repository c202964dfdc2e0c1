// Which regulations a data class matters to. Short names, as compliance teams use them.
import type { DataClass } from './types';

export const REGULATIONS_BY_CLASS: Readonly<Record<DataClass, readonly string[]>> = {
  // CPRA lists account log-ins with their password as sensitive personal information; GDPR Art. 32 asks for
  // protection against unauthorised access.
  credential: ['GDPR', 'CCPA'],
  pii: ['GDPR', 'CCPA'],
  'government-id': ['GDPR', 'CCPA'],
  pci: ['PCI DSS'],
  phi: ['HIPAA', 'GDPR'],
  financial: ['GLBA', 'GDPR', 'CCPA'],
  location: ['GDPR', 'CCPA'],
  biometric: ['GDPR', 'CCPA', 'BIPA'],
};

/** The regulations that apply to any of the classes, each once, in a stable order. */
export function regulationsFor(classes: Iterable<DataClass>): string[] {
  const out = new Set<string>();
  for (const dataClass of classes) for (const regulation of REGULATIONS_BY_CLASS[dataClass] ?? []) out.add(regulation);
  return [...out];
}
