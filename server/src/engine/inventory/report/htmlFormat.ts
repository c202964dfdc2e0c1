// The inventory as one self-contained HTML file people can attach to an audit: no network resources (styles,
// charts and script inline), a summary as small SVG bar charts (endpoints by auth, by data class, by status), then
// the endpoint table, filterable by text, status, auth and flags with a small inline script. Every value is
// escaped: paths, tags and messages come from the audited project.
import type { InventoryReport, ReportEndpoint } from './reportModel';

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const COLORS: Record<string, string> = {
  required: '#2e7d32',
  optional: '#f9a825',
  none: '#c62828',
  unknown: '#757575',
  ok: '#2e7d32',
  shadow: '#c62828',
  undocumented: '#ef6c00',
  zombie: '#6a1b9a',
  unserved: '#f9a825',
  'spec-only': '#757575',
  ambiguous: '#1565c0',
};

function barChart(title: string, counts: [string, number][], id: string): string {
  const shown = counts.filter(([, n]) => n > 0);
  const max = Math.max(1, ...shown.map(([, n]) => n));
  const rowHeight = 22;
  const height = Math.max(1, shown.length) * rowHeight + 4;
  const bars = shown
    .map(([label, n], i) => {
      const width = Math.max(2, Math.round((n / max) * 180));
      const y = i * rowHeight + 2;
      return (
        `<text x="0" y="${y + 15}" class="label">${escapeHtml(label)}</text>` +
        `<rect x="110" y="${y + 3}" width="${width}" height="16" rx="2" fill="${COLORS[label] ?? '#1565c0'}"></rect>` +
        `<text x="${116 + width}" y="${y + 15}" class="count">${n}</text>`
      );
    })
    .join('');
  const body = shown.length > 0 ? bars : '<text x="0" y="16" class="label">none</text>';
  return `<figure class="chart" id="${id}"><figcaption>${escapeHtml(title)}</figcaption><svg width="330" height="${height}" role="img" aria-label="${escapeHtml(title)}">${body}</svg></figure>`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function tile(label: string, value: number, tone: string): string {
  return `<div class="tile ${tone}"><div class="value">${value}</div><div class="what">${escapeHtml(label)}</div></div>`;
}

function row(e: ReportEndpoint): string {
  const where = [
    ...e.specOperations.map((o) => `${o.file}:${o.line}`),
    ...e.codeRoutes.map((r) => `${r.file}:${r.line}`),
  ];
  const flags = [e.aiLinked ? 'AI-linked' : '', e.deprecated ? 'deprecated' : ''].filter(Boolean);
  const search = [e.method, e.path, e.status, e.auth, ...e.dataClasses, ...e.owner, ...where, ...flags]
    .join(' ')
    .toLowerCase();
  return (
    `<tr data-status="${e.status}" data-auth="${e.auth}" data-ai="${e.aiLinked}" data-sensitive="${e.dataClasses.length > 0}" data-search="${escapeHtml(search)}">` +
    `<td class="method">${escapeHtml(e.method)}</td>` +
    `<td class="path"><code>${escapeHtml(e.path)}</code></td>` +
    `<td><span class="badge" style="background:${COLORS[e.status]}">${e.status}</span></td>` +
    `<td title="${escapeHtml(e.authEvidence.join('\n'))}"><span class="badge" style="background:${COLORS[e.auth]}">${e.auth}</span></td>` +
    `<td>${escapeHtml(e.dataClasses.join(', '))}</td>` +
    `<td>${escapeHtml(e.owner.join(', '))}</td>` +
    `<td>${escapeHtml(flags.join(', '))}</td>` +
    `<td class="where">${where.map((w) => `<div>${escapeHtml(w)}</div>`).join('')}</td>` +
    '</tr>'
  );
}

const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1b1b1b;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}.meta{color:#555;margin-bottom:16px}
.tiles{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}.tile{border-radius:6px;padding:10px 16px;min-width:110px;background:#f3f3f3}
.tile .value{font-size:26px;font-weight:600}.tile.bad{background:#fdecea}.tile.warn{background:#fff6e0}.tile.info{background:#e8f0fe}
.charts{display:flex;gap:28px;flex-wrap:wrap}.chart{margin:0}.chart figcaption{font-weight:600;margin-bottom:4px}
.label,.count{font-size:12px;fill:#333}
.filters{display:flex;gap:12px;flex-wrap:wrap;align-items:center;margin:8px 0}
input[type=search]{padding:4px 8px;min-width:260px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e3e3e3;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#fafafa;position:sticky;top:0}.method{font-weight:600}.where{font-size:12px;color:#444}
.badge{color:#fff;border-radius:3px;padding:1px 6px;font-size:12px}.findings td{font-size:13px}
.sev-error{color:#c62828;font-weight:600}.sev-warning{color:#ef6c00}.sev-info{color:#1565c0}`;

const SCRIPT = `
(function(){
  var q=document.getElementById('q'),st=document.getElementById('status'),au=document.getElementById('auth');
  var ai=document.getElementById('ai'),se=document.getElementById('sensitive'),count=document.getElementById('shown');
  var rows=[].slice.call(document.querySelectorAll('#endpoints tbody tr'));
  function apply(){
    var text=q.value.trim().toLowerCase(),n=0;
    rows.forEach(function(r){
      var ok=(!text||r.dataset.search.indexOf(text)>=0)&&(!st.value||r.dataset.status===st.value)
        &&(!au.value||r.dataset.auth===au.value)&&(!ai.checked||r.dataset.ai==='true')&&(!se.checked||r.dataset.sensitive==='true');
      r.hidden=!ok;if(ok)n++;
    });
    count.textContent=n+' of '+rows.length+' endpoints';
  }
  [q,st,au,ai,se].forEach(function(el){el.addEventListener('input',apply);el.addEventListener('change',apply);});
  // a link can carry the filter: #status=shadow&auth=none&q=admin&sensitive&ai
  location.hash.replace(/^#/,'').split('&').forEach(function(pair){
    var kv=pair.split('='),v=decodeURIComponent(kv[1]||'');
    if(kv[0]==='q')q.value=v;else if(kv[0]==='status')st.value=v;else if(kv[0]==='auth')au.value=v;
    else if(kv[0]==='ai')ai.checked=true;else if(kv[0]==='sensitive')se.checked=true;
  });
  apply();
})();`;

export function formatInventoryHtml(report: InventoryReport): string {
  const s = report.summary;
  const options = (values: string[]) => values.map((v) => `<option value="${v}">${v}</option>`).join('');
  const statuses = Object.entries(s.byStatus)
    .filter(([, n]) => n > 0)
    .map(([k]) => k);
  const findings =
    report.findings.length === 0
      ? '<p>No cross-check findings.</p>'
      : `<table class="findings"><thead><tr><th>severity</th><th>rule</th><th>where</th><th>message</th></tr></thead><tbody>${report.findings
          .map(
            (f) =>
              `<tr><td class="sev-${f.severity}">${f.severity}</td><td>${escapeHtml(f.ruleId)}</td><td>${escapeHtml(`${f.file}:${f.line}`)}</td><td>${escapeHtml(f.message)}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>API inventory</title>
<style>${STYLE}</style>
</head>
<body>
<h1>API inventory</h1>
<div class="meta">${plural(s.endpoints, 'endpoint')} from ${plural(s.specs, 'spec')} and ${plural(s.codeFiles, 'code file')} · ${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)}</div>
<div class="tiles">
${tile('endpoints', s.endpoints, '')}
${tile('unauthenticated', s.byAuth.none, s.byAuth.none > 0 ? 'bad' : '')}
${tile('shadow', s.byStatus.shadow, s.byStatus.shadow > 0 ? 'bad' : '')}
${tile('zombie', s.byStatus.zombie, s.byStatus.zombie > 0 ? 'warn' : '')}
${tile('served nowhere', s.byStatus.unserved, s.byStatus.unserved > 0 ? 'warn' : '')}
${tile('AI-linked', s.aiLinked, s.aiLinked > 0 ? 'info' : '')}
${tile('cross-check findings', s.findings, s.findings > 0 ? 'warn' : '')}
</div>
<div class="charts">
${barChart('Endpoints by auth', Object.entries(s.byAuth), 'chart-auth')}
${barChart('Endpoints by data class', Object.entries(s.byDataClass) as [string, number][], 'chart-data')}
${barChart('Endpoints by status', Object.entries(s.byStatus), 'chart-status')}
</div>
<h2>Endpoints</h2>
<div class="filters">
<input type="search" id="q" placeholder="Filter by path, tag, file…" aria-label="Filter">
<label>status <select id="status"><option value="">all</option>${options(statuses)}</select></label>
<label>auth <select id="auth"><option value="">all</option>${options(['required', 'optional', 'none', 'unknown'])}</select></label>
<label><input type="checkbox" id="sensitive"> sensitive data</label>
<label><input type="checkbox" id="ai"> AI-linked</label>
<span id="shown"></span>
</div>
<table id="endpoints">
<thead><tr><th>method</th><th>path</th><th>status</th><th>auth</th><th>data classes</th><th>owner</th><th>flags</th><th>where</th></tr></thead>
<tbody>
${report.endpoints.map(row).join('\n')}
</tbody>
</table>
<h2>Cross-check findings</h2>
${findings}
<script>${SCRIPT}</script>
</body>
</html>
`;
}
