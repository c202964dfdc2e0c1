import { isObject, schemaTypes, type JsonObject } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';

const FILE_FORMATS = new Set(['binary', 'byte', 'base64']);

/** Binary or encoded content (checked by this rule rather than oas-string-unbounded). */
export function isUploadSchema(schema: JsonObject): boolean {
  return (
    (typeof schema.format === 'string' && FILE_FORMATS.has(schema.format)) || typeof schema.contentEncoding === 'string'
  );
}

export const uploadUnbounded: OpenApiRule = {
  id: 'oas-upload-unbounded',
  severity: 'warning',
  owasp: 'API4:2023',
  cwe: 'CWE-400',
  title: 'File upload without a size limit',
  summary:
    'A file or binary field accepted from clients (`format: binary`/`byte`, `contentEncoding: base64`, Swagger 2.0 `type: file`) has no `maxLength`, so the description sets no limit on upload size: disk, memory and bandwidth exhaustion.',
  check(index, report) {
    for (const entry of index.schemasByUsage('request')) {
      const { schema, propertyName, parameterName } = entry;
      if (typeof schema.maxLength === 'number') continue;
      const format = typeof schema.format === 'string' && FILE_FORMATS.has(schema.format) ? 'format' : undefined;
      const encoding = typeof schema.contentEncoding === 'string' ? 'contentEncoding' : undefined;
      const swaggerFile = index.version === '2.0' && schemaTypes(schema).includes('file') ? 'type' : undefined;
      const key = format ?? encoding ?? swaggerFile;
      if (!key) continue;
      const what = propertyName
        ? `Upload field \`${propertyName}\``
        : parameterName
          ? `Upload parameter \`${parameterName}\``
          : 'This uploaded content';
      report({
        path: [...entry.jsonPath, key],
        message: `${what} has no size limit: clients can upload files of any size, filling disk and memory. ${swaggerFile ? 'Describe the limit in the description and enforce it on the server (Swagger 2.0 cannot bound files).' : 'Add `maxLength` (bytes) and enforce the same limit on the server and proxies.'}`,
      });
    }
    // OAS 3.1: a binary body may have no schema at all (`application/octet-stream: {}`).
    if (index.version === '2.0') return;
    for (const op of index.operations) {
      const body = op.operation.requestBody;
      if (!isObject(body) || !isObject(body.content)) continue;
      for (const [mediaType, media] of Object.entries(body.content)) {
        if (!isObject(media) || media.schema !== undefined) continue;
        if (
          !/^(?:application\/octet-stream|image\/|audio\/|video\/|application\/pdf|application\/zip)/i.test(mediaType)
        )
          continue;
        report({
          path: [...op.jsonPath, 'requestBody', 'content', mediaType],
          message: `The ${mediaType} body of ${op.method.toUpperCase()} ${op.path} has no schema and so no size limit: clients can upload files of any size. Add a schema with \`maxLength\` (bytes) and enforce it on the server.`,
        });
      }
    }
  },
};
