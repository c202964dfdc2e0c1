// A figure for section 1: the sensitive-data classifier (rulesets/src/sensitive, from source through tsx, in this
// process) on many field names and on hostile inputs. It used to be a time limit in the tests; tests now check only
// what it answers (server/test/sensitive/classifier.test.ts).
import { classifyField, classifyValue } from '@apiwarden/sensitive';
import { NAME_LIST } from '../server/test/sensitive/nameList';
import { HOSTILE_INPUTS } from '../server/test/sensitive/hostileInputs';
import { fmtMs, median } from './measure';

export interface ClassifierResult {
  fields: number;
  /** Median of the runs: all `fields` classified (ms). */
  fieldsMs: number;
  /** Median of the runs: the hostile inputs, each as a value and as a field (ms). */
  hostileMs: number;
  runs: number;
}

export function benchClassifier(runs: number, fields = 200_000): ClassifierResult {
  const names = NAME_LIST.map(([n]) => n);
  const fieldTimes: number[] = [];
  const hostileTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    let started = performance.now();
    for (let i = 0; i < fields; i++) {
      classifyField({
        name: `${names[i % names.length]}${i % 7 === 0 ? i : ''}`,
        description: 'A value the caller sent with its request, kept for thirty days.',
        examples: ['abc', 42],
      });
    }
    fieldTimes.push(performance.now() - started);
    started = performance.now();
    for (const value of HOSTILE_INPUTS) {
      classifyValue(value);
      classifyField({
        name: value.slice(0, 2000),
        description: value,
        pattern: value.slice(0, 400),
        examples: [value],
      });
    }
    hostileTimes.push(performance.now() - started);
  }
  return { fields, fieldsMs: median(fieldTimes), hostileMs: median(hostileTimes), runs };
}

export function classifierLine(r: ClassifierResult): string {
  return (
    `Sensitive-data classifier (in process, medians of ${r.runs} runs): ${r.fields.toLocaleString('en-US')} fields ` +
    `(name, description, examples) in ${fmtMs(r.fieldsMs)} ms; ${HOSTILE_INPUTS.length} hostile inputs (up to 100,000 ` +
    `characters) in ${fmtMs(r.hostileMs, 1)} ms.`
  );
}
