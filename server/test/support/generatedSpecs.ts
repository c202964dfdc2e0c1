// Generated OpenAPI documents of a given size, for tests and benchmarks that need big inputs.

/** A valid OpenAPI 3.0 YAML document of at least `minBytes`, with findings spread through it. */
export function generateLargeSpec(minBytes: number): string {
  const head = [
    'openapi: 3.0.3',
    'info:',
    '  title: Generated large API',
    '  version: 1.0.0',
    'servers:',
    '  - url: https://api.example.com',
    'security:',
    '  - bearer: []',
    'paths:',
  ];
  const paths: string[] = [];
  const schemas: string[] = [];
  let size = head.join('\n').length;
  for (let i = 0; size < minBytes; i++) {
    const block = [
      `  /resources${i}/{id}:`,
      '    get:',
      `      operationId: getResource${i}`,
      `      description: Returns resource ${i}. ${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(3)}`,
      '      parameters:',
      '        - name: id',
      '          in: path',
      '          required: true',
      '          schema:',
      '            type: string',
      '      responses:',
      "        '200':",
      '          description: OK',
      '          content:',
      '            application/json:',
      '              schema:',
      `                $ref: '#/components/schemas/Resource${i}'`,
    ];
    const schema = [
      `    Resource${i}:`,
      '      type: object',
      '      properties:',
      '        id:',
      '          type: string',
      '          format: uuid',
      '        name:',
      '          type: string',
      '          maxLength: 100',
      ...(i % 10 === 0 ? ['        password:', '          type: string'] : []),
    ];
    paths.push(...block);
    schemas.push(...schema);
    size += block.join('\n').length + schema.join('\n').length + 2;
  }
  return [
    ...head,
    ...paths,
    'components:',
    '  securitySchemes:',
    '    bearer:',
    '      type: http',
    '      scheme: bearer',
    '  schemas:',
    ...schemas,
    '',
  ].join('\n');
}
