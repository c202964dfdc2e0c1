import { schemaTypes, isObject, type JsonObject, type JsonPath } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { splitIdentifier } from '../sensitive/words';

/** `id`, `userId`, `order_id`, `account-id`, `ID`. */
export function isIdName(name: string): boolean {
  const words = splitIdentifier(name);
  return words.length > 0 && (words[words.length - 1] === 'id' || words[words.length - 1] === 'ids');
}

export const sequentialObjectId: OpenApiRule = {
  id: 'oas-sequential-object-id',
  severity: 'warning',
  owasp: 'API1:2023',
  cwe: 'CWE-639',
  title: 'Guessable integer object id',
  summary:
    "A path parameter, or an id-named query/header parameter, is an integer. Sequential ids let attackers enumerate other users' objects by counting; every missed authorization check becomes a data leak.",
  check(index, report) {
    for (const op of index.operations) {
      for (const { parameter, jsonPath } of op.parameters) {
        const name = typeof parameter.name === 'string' ? parameter.name : '';
        if (parameter.in !== 'path' && !((parameter.in === 'query' || parameter.in === 'header') && isIdName(name)))
          continue;
        const schema: JsonObject =
          index.version === '2.0' ? parameter : isObject(parameter.schema) ? parameter.schema : {};
        const schemaPath: JsonPath = index.version === '2.0' ? jsonPath : [...jsonPath, 'schema'];
        if (!schemaTypes(schema).includes('integer')) continue;
        report({
          path: [...schemaPath, 'type'],
          message: `${parameter.in === 'path' ? 'Path' : 'Parameter'} \`${name}\` of ${op.method.toUpperCase()} ${op.path} is an integer id: sequential ids can be enumerated, so any missing ownership check exposes other users' objects. Use random identifiers (UUIDs or opaque strings) and check that the caller owns the object.`,
        });
      }
    }
  },
};
