-- Headless Neovim 0.11 against the real persona-ls binary. Run by tests/nvim/run.sh.
--
-- Neovim offers UTF-8 first, so positions travel in bytes; vim.diagnostic columns are bytes
-- too, which makes them easy to check against the fixture.

local bin = assert(os.getenv('PERSONA_LS_BIN'), 'PERSONA_LS_BIN')
local ws = assert(os.getenv('PERSONA_LS_WORKSPACE'), 'PERSONA_LS_WORKSPACE')
local log = os.getenv('PERSONA_LS_LOG') or '/dev/null'
local TIMEOUT = 15000

local failures = 0
local function check(ok, what, detail)
  if ok then
    io.stdout:write('ok   ' .. what .. '\n')
  else
    failures = failures + 1
    io.stdout:write('FAIL ' .. what .. (detail and (': ' .. vim.inspect(detail)) or '') .. '\n')
  end
end

local function write(path, lines)
  vim.fn.mkdir(vim.fn.fnamemodify(path, ':h'), 'p')
  vim.fn.writefile(lines, path)
end

local fixture = {
  '---',
  'name: builder',
  'description: 🏗️ Builds: things',
  'color: purpel',
  'model: sonnet',
  'tools: Read, Grep',
  '---',
  'You build things.',
}
vim.fn.mkdir(ws .. '/.git', 'p')
local file = ws .. '/.claude/agents/builder.md'
write(file, fixture)

vim.cmd.edit(vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local exit_code
local client_id = vim.lsp.start({
  name = 'persona-ls',
  cmd = { 'sh', '-c', 'exec "$0" --log-level info 2>>"$1"', bin, log },
  root_dir = ws,
  on_exit = function(code)
    exit_code = code
  end,
}, { bufnr = buf })
check(client_id ~= nil, 'client started')
local client = assert(vim.lsp.get_client_by_id(client_id))
check(vim.wait(TIMEOUT, function()
  return client.initialized
end, 10), 'initialized')
check(client.offset_encoding == 'utf-8', 'UTF-8 negotiated', client.offset_encoding)

-- Diagnostics ----------------------------------------------------------------------------
local function diagnostics()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out, { code = d.code, lnum = d.lnum, col = d.col, end_col = d.end_col })
  end
  table.sort(out, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  return out
end
check(vim.wait(TIMEOUT, function()
  return #vim.diagnostic.get(buf) >= 2
end, 10), 'diagnostics arrive')
local diags = diagnostics()
-- `description: 🏗️ Builds: things`: the `:` after `Builds` is at byte 13 + 7 + 1 + 6 = 27.
check(vim.deep_equal(diags, {
  { code = 'yaml-syntax', lnum = 2, col = 27, end_col = 28 },
  { code = 'invalid-value', lnum = 3, col = 7, end_col = 13 },
}), 'diagnostics have exact positions', diags)

local function request(method, params)
  local res, err = client:request_sync(method, params, TIMEOUT, buf)
  if not res then
    error(method .. ': ' .. tostring(err))
  end
  if res.err then
    error(method .. ': ' .. vim.inspect(res.err))
  end
  return res.result
end

local uri = vim.uri_from_bufnr(buf)
local function at(line, character)
  return { textDocument = { uri = uri }, position = { line = line, character = character } }
end

-- Completion -----------------------------------------------------------------------------
local function labels(result)
  local items = result and (result.items or result) or {}
  local out = {}
  for _, i in ipairs(items) do
    out[i.label] = i
  end
  return out
end

-- Replace `model: sonnet` by `model: ` (a real edit: Neovim sends it before the request).
vim.api.nvim_buf_set_lines(buf, 4, 5, true, { 'model: ' })
local models = labels(request('textDocument/completion', at(4, 7)))
for _, m in ipairs({ 'sonnet', 'opus', 'haiku', 'inherit', 'claude-opus-5', 'claude-sonnet-4-6' }) do
  check(models[m] ~= nil, 'completion after `model: ` offers ' .. m)
end

vim.api.nvim_buf_set_lines(buf, 5, 6, true, { 'tools: Read, ' })
local tools = labels(request('textDocument/completion', at(5, 13)))
check(tools['Grep'] ~= nil and tools['Bash'] ~= nil, 'completion after `tools: Read, ` offers other tools')
check(tools['Read'] == nil, 'completion after `tools: Read, ` does not offer Read')

-- Through Neovim's own completion machinery: accept `opus` for the model.
vim.api.nvim_buf_set_lines(buf, 4, 5, true, { 'model: op' })
local opus = labels(request('textDocument/completion', at(4, 9)))['opus']
check(opus ~= nil, 'completion of a partly typed model')
if opus then
  vim.lsp.util.apply_text_edits({ opus.textEdit }, buf, client.offset_encoding)
end
check(vim.api.nvim_buf_get_lines(buf, 4, 5, true)[1] == 'model: opus', 'the completion edit replaces the typed word',
  vim.api.nvim_buf_get_lines(buf, 4, 5, true)[1])

-- Hover ----------------------------------------------------------------------------------
local hover = request('textDocument/hover', at(4, 1))
local md = hover and hover.contents and hover.contents.value or ''
check(md:find('**`model`** · model', 1, true) ~= nil and md:find('Default: `inherit`.', 1, true) ~= nil,
  'hover on a key shows its docs', md)
local value = request('textDocument/hover', at(4, 9))
local vmd = value and value.contents and value.contents.value or ''
check(vmd:find('Alias for the latest Opus', 1, true) ~= nil, 'hover on a model shows its docs', vmd)

-- Quick fix ------------------------------------------------------------------------------
local color = nil
for _, d in ipairs(vim.diagnostic.get(buf)) do
  if d.code == 'invalid-value' then
    color = d
  end
end
check(color ~= nil, 'the color diagnostic is there')
if color then
  local actions = request('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = { line = color.lnum, character = color.col }, ['end'] = { line = color.end_lnum, character = color.end_col } },
    context = { diagnostics = { color.user_data.lsp } },
  })
  local fix
  for _, a in ipairs(actions or {}) do
    if a.title == 'Change to `purple`' then
      fix = a
    end
  end
  check(fix ~= nil, 'a quick fix for purpel', actions)
  if fix then
    vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
  end
  check(vim.api.nvim_buf_get_lines(buf, 3, 4, true)[1] == 'color: purple', 'the fix gives purple')
  check(vim.wait(TIMEOUT, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == 'invalid-value' then
        return false
      end
    end
    return true
  end, 10), 'the color diagnostic goes away', diagnostics())
end

-- Shutdown -------------------------------------------------------------------------------
client:stop()
check(vim.wait(TIMEOUT, function()
  return exit_code ~= nil
end, 10), 'the server exits')
check(exit_code == 0, 'exit code 0 after shutdown', exit_code)

if failures > 0 then
  io.stdout:write(failures .. ' check(s) failed\n')
  os.exit(1)
end
io.stdout:write('all checks passed\n')
os.exit(0)
