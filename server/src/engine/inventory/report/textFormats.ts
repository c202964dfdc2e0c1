// The inventory report as a terminal table, CSV and Markdown.
import type { InventoryReport, ReportEndpoint } from './reportModel';

const flags = (e: ReportEndpoint) =>
  [e.aiLinked ? 'ai' : '', e.deprecated ? 'deprecated' : '', e.matchedBy ? 'base-path' : ''].filter(Boolean).join(' ');

const where = (e: ReportEndpoint) =>
  [...e.specOperations.map((o) => `${o.file}:${o.line}`), ...e.codeRoutes.map((r) => `${r.file}:${r.line}`)].join(' ');

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function summaryLines(report: InventoryReport): string[] {
  const s = report.summary;
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none';
  return [
    `${plural(s.endpoints, 'endpoint')} (${s.documented} documented, ${s.served} served) from ${plural(s.specs, 'spec')} and ${plural(s.codeFiles, 'code file')}`,
    `status: ${counts(s.byStatus)}`,
    `auth: ${counts(s.byAuth)}`,
    `data classes: ${counts(s.byDataClass as Record<string, number>)}`,
    `AI-linked: ${s.aiLinked}; cross-check findings: ${s.findings}`,
  ];
}

export function formatInventoryTable(report: InventoryReport): string {
  const header = ['METHOD', 'PATH', 'STATUS', 'AUTH', 'DATA', 'OWNER', 'FLAGS', 'WHERE'];
  const rows = report.endpoints.map((e) => [
    e.method,
    e.path,
    e.status,
    e.auth,
    e.dataClasses.join(',') || '-',
    e.owner.join(',') || '-',
    flags(e) || '-',
    where(e),
  ]);
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const findings = report.findings.map(
    (f) => `${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.ruleId}  ${f.message}`,
  );
  return (
    [line(header), ...rows.map(line), '', ...summaryLines(report), ...(findings.length ? ['', ...findings] : [])].join(
      '\n',
    ) + '\n'
  );
}

const CSV_COLUMNS = [
  'method',
  'path',
  'status',
  'auth',
  'dataClasses',
  'aiLinked',
  'deprecated',
  'documented',
  'served',
  'owner',
  'project',
  'spec',
  'code',
] as const;

function csvCell(value: string): string {
  // a leading = + - @ would be run as a formula by spreadsheets
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function formatInventoryCsv(report: InventoryReport): string {
  const rows = report.endpoints.map((e) => [
    e.method,
    e.path,
    e.status,
    e.auth,
    e.dataClasses.join(' '),
    String(e.aiLinked),
    String(e.deprecated),
    String(e.documented),
    String(e.served),
    e.owner.join(' '),
    e.project,
    e.specOperations.map((o) => `${o.file}${o.pointer}`).join(' '),
    e.codeRoutes.map((r) => `${r.file}:${r.line}`).join(' '),
  ]);
  return [CSV_COLUMNS.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
}

const md = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function formatInventoryMarkdown(report: InventoryReport): string {
  const out = ['# API inventory', '', ...summaryLines(report).map((l) => `- ${md(l)}`), ''];
  out.push(
    '| method | path | status | auth | data classes | owner | flags | where |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const e of report.endpoints)
    out.push(
      `| ${e.method} | \`${md(e.path)}\` | ${e.status} | ${e.auth} | ${md(e.dataClasses.join(', '))} | ${md(e.owner.join(', '))} | ${flags(e)} | ${md(where(e))} |`,
    );
  if (report.findings.length > 0) {
    out.push('', '## Cross-check findings', '', '| rule | severity | where | message |', '|---|---|---|---|');
    for (const f of report.findings)
      out.push(`| ${f.ruleId} | ${f.severity} | ${md(`${f.file}:${f.line}`)} | ${md(f.message)} |`);
  }
  return out.join('\n') + '\n';
}
