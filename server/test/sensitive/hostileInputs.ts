// Long runs that backtracking patterns choke on: the classifier test checks what it answers on them, the bench how
// long it takes.
export const HOSTILE_INPUTS: readonly string[] = [
  'a'.repeat(100_000),
  '1-'.repeat(5000),
  '@'.repeat(5000) + '.',
  'x@' + 'a.'.repeat(3000),
  '+' + '1 '.repeat(4000),
];
