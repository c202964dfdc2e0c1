import type { OpenApiRule } from '../ruleTypes';
import { classifyValue, regulationsFor, type DataClass } from '../sensitive';
import { isObject, type JsonPath } from '../index/openapiIndex';

const MAX_STRINGS_PER_EXAMPLE = 2000;

/** Strings inside an example value with their paths (bounded: large inline examples are common). */
function* stringsOf(value: unknown, path: JsonPath): Generator<{ value: string | number; path: JsonPath }> {
  const stack: { value: unknown; path: JsonPath }[] = [{ value, path }];
  let budget = MAX_STRINGS_PER_EXAMPLE;
  while (stack.length > 0 && budget > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string' || typeof item.value === 'number') {
      budget--;
      yield { value: item.value, path: item.path };
    } else if (Array.isArray(item.value)) {
      for (let i = item.value.length - 1; i >= 0; i--) stack.push({ value: item.value[i], path: [...item.path, i] });
    } else if (isObject(item.value)) {
      const entries = Object.entries(item.value);
      for (let i = entries.length - 1; i >= 0; i--)
        stack.push({ value: entries[i]![1], path: [...item.path, entries[i]![0]] });
    }
  }
}

export const sensitiveExample: OpenApiRule = {
  id: 'oas-sensitive-example',
  severity: 'warning',
  owasp: 'API3:2023',
  cwe: 'CWE-200',
  title: 'Real-looking sensitive value in an example',
  summary:
    'An example or default value looks like real sensitive data: a Luhn-valid card number, an SSN or IBAN, a JWT, a cloud or SaaS API key, a private key, a real email address or phone number. Descriptions are published and copied into docs, mocks and tests, so the value leaks with them.',
  check(index, report) {
    for (const example of index.examples()) {
      for (const { value, path } of stringsOf(example.value, example.jsonPath)) {
        const matches = classifyValue(value);
        if (matches.length === 0) continue;
        const classes: DataClass[] = [...new Set(matches.map((m) => m.dataClass))];
        const regulations = regulationsFor(classes);
        report({
          path,
          message: `This example ${matches[0]!.reason.replace(/^value /, '')} (${classes.join(', ')}${regulations.length ? `; ${regulations.join(', ')}` : ''}): published descriptions, generated docs and mocks copy it everywhere. ${classes.includes('credential') ? 'Revoke the credential if it is real, and use' : 'Use'} an obviously fake value (e.g. \`4242 4242 4242 4242\`, \`user@example.com\`, \`sk_test_…\`).`,
          dataClasses: classes,
        });
      }
    }
  },
};
