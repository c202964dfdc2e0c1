-- Headless Neovim (Debian's 0.7.2 and later) as a second, independent LSP client for the API Warden server.
-- Run by e2e/scenarios/nvim.mjs:
--   nvim --headless --clean -u NONE -S e2e/nvim/apiwarden_check.lua
-- Environment:
--   APIWARDEN_SERVER   path to dist/server.js (started with `node <server> --stdio`)
--   APIWARDEN_FILE     the OpenAPI file to open (a copy; it is written back after the fix)
--   APIWARDEN_EXPECT   comma-separated "rule@line:col" (1-based) that must be published
--   APIWARDEN_FIX      rule id whose quick-fix is requested and applied
--   APIWARDEN_FIX_TITLE  expected title of that code action
-- Prints one "E2E <event> <json>" line per observation, "E2E-OK" at the end; exits non-zero on failure.
local function out(event, value)
  io.stdout:write('E2E ' .. event .. ' ' .. vim.fn.json_encode(value) .. '\n')
end
local function fail(msg)
  io.stdout:write('E2E-FAIL ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

local server = os.getenv('APIWARDEN_SERVER')
local file = os.getenv('APIWARDEN_FILE')
local expect = vim.split(os.getenv('APIWARDEN_EXPECT') or '', ',', { trimempty = true })
local fix_rule = os.getenv('APIWARDEN_FIX')
local fix_title = os.getenv('APIWARDEN_FIX_TITLE')
if not (server and file and fix_rule and fix_title) then return fail('missing environment') end

local t0 = vim.loop.hrtime()
local function ms() return math.floor((vim.loop.hrtime() - t0) / 1e6) end

-- Keep the raw LSP diagnostics as published (with code, codeDescription and data), per version.
local published = {}
local default_handler = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result and vim.uri_to_fname(result.uri) == vim.fn.fnamemodify(file, ':p') then
    published = result.diagnostics
  end
  return default_handler(err, result, ctx, config)
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = 'yaml'

local config = {
  name = 'apiwarden',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
}
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config) -- Neovim 0.8+
else
  client_id = vim.lsp.start_client(config) -- Neovim 0.7: start + attach by hand
  if client_id then vim.lsp.buf_attach_client(bufnr, client_id) end
end
if not client_id then return fail('could not start the language server') end

local function key(d)
  return string.format('%s@%d:%d', tostring(d.code), d.range.start.line + 1, d.range.start.character + 1)
end
local function has_all()
  local seen = {}
  for _, d in ipairs(published) do seen[key(d)] = true end
  for _, e in ipairs(expect) do
    if not seen[e] then return false end
  end
  return #published > 0
end

if not vim.wait(30000, has_all, 20) then
  local keys = {}
  for _, d in ipairs(published) do table.insert(keys, key(d)) end
  return fail('expected diagnostics ' .. table.concat(expect, ',') .. ' within 30 s; got: ' .. table.concat(keys, ','))
end
out('first-diagnostics-ms', ms())
for _, d in ipairs(published) do
  out('diagnostic', {
    code = d.code, line = d.range.start.line + 1, col = d.range.start.character + 1,
    source = d.source, severity = d.severity, href = d.codeDescription and d.codeDescription.href or vim.NIL,
    message = d.message,
  })
end
-- What Neovim itself shows (vim.diagnostic), to prove the client took them in.
out('vim-diagnostic-count', #vim.diagnostic.get(bufnr))

-- Code action for the chosen finding, with the diagnostic exactly as the server sent it.
local target
for _, d in ipairs(published) do
  if d.code == fix_rule then target = d; break end
end
if not target then return fail('no ' .. fix_rule .. ' diagnostic to fix') end
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = target.range,
  context = { diagnostics = { target }, only = { 'quickfix' } },
}
local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
local action
for _, r in pairs(responses or {}) do
  for _, a in ipairs(r.result or {}) do
    out('code-action', { title = a.title, kind = a.kind })
    if a.title == fix_title then action = a end
  end
end
if not action then return fail('no code action titled "' .. fix_title .. '"') end
local client = vim.lsp.get_client_by_id(client_id)
vim.lsp.util.apply_workspace_edit(action.edit, client and client.offset_encoding or 'utf-16')
out('applied', action.title)

-- The edit sends didChange; the server re-lints and must drop the finding (other findings stay).
local function fixed()
  if #published == 0 then return false end
  for _, d in ipairs(published) do
    if d.code == fix_rule then return false end
  end
  return true
end
if not vim.wait(30000, fixed, 20) then return fail(fix_rule .. ' still reported 30 s after the fix') end
out('after-fix-codes', vim.tbl_map(function(d) return key(d) end, published))
vim.cmd('silent write')
out('total-ms', ms())
vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
io.stdout:write('E2E-OK\n')
vim.cmd('qall!')
