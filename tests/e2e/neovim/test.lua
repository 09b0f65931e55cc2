-- Driven by tests/e2e/neovim.sh: Neovim has started with the user's config (init.lua +
-- lsp/persona_ls.lua from editors/neovim) and opened `.claude/agents/reviewer.md` in the
-- temporary project. Everything goes through what a user touches: the `persona_ls` config,
-- the default `K` mapping, omni completion (<C-x><C-o>, Neovim sets 'omnifunc' on attach),
-- `vim.lsp.buf.code_action`, and the client's `settings`.
--
-- Keys are fed without the `x` flag and the steps wait in a coroutine resumed by timers, so
-- Neovim's main loop really processes the keys (insert mode, the completion menu) as it does
-- for a person typing.

local TIMEOUT = tonumber(os.getenv('PERSONA_E2E_TIMEOUT') or '') or 15000
local project = assert(os.getenv('PERSONA_E2E_PROJECT'), 'PERSONA_E2E_PROJECT')
local skills = assert(os.getenv('PERSONA_E2E_SKILLS'), 'PERSONA_E2E_SKILLS') -- new_skill_project

vim.o.showmode = false -- keep `-- INSERT --` out of the headless output
vim.o.shortmess = vim.o.shortmess .. 'F'

local failures, checks = 0, 0
local t0 = vim.uv.hrtime()
local function ms()
  return string.format('%6.0f ms', (vim.uv.hrtime() - t0) / 1e6)
end
local function out(s)
  io.stdout:write(s .. '\n')
  io.stdout:flush()
end
local function check(ok, what, detail)
  checks = checks + 1
  if ok then
    out(ms() .. '  ok    ' .. what)
  else
    failures = failures + 1
    out(ms() .. '  FAIL  ' .. what .. (detail ~= nil and (': ' .. vim.inspect(detail)) or ''))
  end
  return ok
end

local function finish()
  out(string.format('%d passed, %d failed', checks - failures, failures))
  vim.cmd(failures == 0 and 'qall!' or 'cquit! 1')
end

-- A test that hangs fails instead.
vim.defer_fn(function()
  out(ms() .. '  FAIL  timed out')
  vim.cmd('cquit! 2')
end, 6 * TIMEOUT)

-- Waits (inside the test coroutine) until `pred()` is true or `timeout` ms pass.
local function wait_until(pred, timeout)
  local co = coroutine.running()
  local deadline = vim.uv.now() + (timeout or TIMEOUT)
  local function poll()
    local ok, v = pcall(pred)
    if ok and v then
      coroutine.resume(co, true)
    elseif vim.uv.now() > deadline then
      coroutine.resume(co, false)
    else
      vim.defer_fn(poll, 10)
    end
  end
  vim.defer_fn(poll, 0)
  return coroutine.yield()
end

-- Types keys as a user would (mappings apply: `K` is the LSP hover mapping).
local function type_keys(keys)
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(keys, true, false, true), 'mt', false)
end

local function line(buf, n)
  return vim.api.nvim_buf_get_lines(buf, n - 1, n, false)[1]
end

local function floating_window()
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then
      return w
    end
  end
end

local function persona_client(buf)
  return vim.lsp.get_clients({ bufnr = buf, name = 'persona_ls' })[1]
end

local function read_file(path)
  local f = io.open(path, 'r')
  if not f then
    return nil
  end
  local text = f:read('a')
  f:close()
  return text
end

-- The diagnostics Neovim holds for `path`, whether or not a window ever showed it (pushed
-- diagnostics for a file that is not open go to an unloaded buffer of that name).
local function diagnostics_of(path)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get()) do
    if vim.api.nvim_buf_get_name(d.bufnr) == path then
      found[#found + 1] = d
    end
  end
  return found
end

-- 8. Across files (tests/e2e/lib.sh new_skill_project): a project of its own, so a client of
-- its own (root_markers), as when a person opens a second repository.
local function across_files()
  local agent = skills .. '/.claude/agents/reviewer.md'
  local skill = skills .. '/.claude/skills/lint-rules/SKILL.md'
  local planner = skills .. '/.claude/agents/planner.md'
  vim.cmd.edit(vim.fn.fnameescape(agent))
  local abuf = vim.api.nvim_get_current_buf()
  check(wait_until(function()
    local c = persona_client(abuf)
    return c and c.initialized and c.root_dir == skills
  end), 'a client for the second project attaches to its agent')

  -- A file never opened: the server pushes its findings once the startup scan has read it.
  local unknown = {}
  check(wait_until(function()
    unknown = diagnostics_of(planner)
    return #unknown > 0
  end), 'planner.md (never opened) has diagnostics')
  local u = unknown[1] or {}
  check(
    #unknown == 1
      and u.code == 'unknown-reference'
      and u.lnum == 4
      and u.col == 4
      and u.end_col == 17
      and u.severity == vim.diagnostic.severity.WARN
      and vim.fn.bufloaded(u.bufnr) == 0,
    'unknown-reference on `- release-notes` (line 5) of the unopened planner.md',
    unknown
  )

  -- Go to definition on the `skills:` entry (the default `gd`-less way: vim.lsp.buf.definition
  -- jumps straight to a single answer).
  vim.api.nvim_win_set_cursor(0, { 4, 12 }) -- inside `lint-rules` of `skills: [lint-rules]`
  vim.lsp.buf.definition()
  check(wait_until(function()
    return vim.api.nvim_buf_get_name(0) == skill
  end), 'definition on `lint-rules` opens the SKILL.md', vim.api.nvim_buf_get_name(0))
  local cursor = vim.api.nvim_win_get_cursor(0)
  check(cursor[1] == 2 and cursor[2] == 6, 'the cursor lands on its `name` value (2:7)', cursor)

  -- Rename the skill from its `name` (vim.lsp.buf.rename with the new name: no prompt).
  local sbuf = vim.api.nvim_get_current_buf()
  check(wait_until(function()
    return persona_client(sbuf) ~= nil
  end), 'the client attaches to the SKILL.md')
  vim.lsp.buf.rename('style-rules')
  local moved = skills .. '/.claude/skills/style-rules'
  check(wait_until(function()
    return vim.uv.fs_stat(moved) ~= nil
  end), 'the rename moves the skill folder to style-rules/ on disk')
  check(
    vim.uv.fs_stat(skills .. '/.claude/skills/lint-rules') == nil,
    'lint-rules/ is gone',
    vim.fn.glob(skills .. '/.claude/skills/*', false, true)
  )
  check(
    vim.api.nvim_buf_get_name(sbuf) == moved .. '/SKILL.md' and line(sbuf, 2) == 'name: style-rules',
    'the SKILL.md buffer follows the folder and says `name: style-rules`',
    { vim.api.nvim_buf_get_name(sbuf), line(sbuf, 2) }
  )
  check(line(abuf, 4) == 'skills: [style-rules]', "the agent's buffer says `skills: [style-rules]`", line(abuf, 4))
  vim.cmd('silent wall')
  check(
    (read_file(agent) or ''):find('\nskills: %[style%-rules%]\n') ~= nil,
    'after :wall the agent file on disk preloads style-rules',
    read_file(agent)
  )
  check(
    (read_file(moved .. '/SKILL.md') or ''):find('\nname: style%-rules\n') ~= nil,
    'and style-rules/SKILL.md on disk says `name: style-rules`',
    read_file(moved .. '/SKILL.md')
  )
  -- The server followed: from the edited entry, definition now lands in the moved file.
  vim.cmd.buffer(abuf)
  vim.api.nvim_win_set_cursor(0, { 4, 12 })
  vim.lsp.buf.definition()
  check(wait_until(function()
    return vim.api.nvim_buf_get_name(0) == moved .. '/SKILL.md'
  end), 'definition on `style-rules` now opens style-rules/SKILL.md', vim.api.nvim_buf_get_name(0))
  check(#vim.diagnostic.get(abuf) == 0, 'and the agent has no finding', vim.diagnostic.get(abuf))
end

local function run()
  local buf = vim.api.nvim_get_current_buf()

  -- 1. The server starts from lsp/persona_ls.lua ----------------------------------------
  check(vim.bo[buf].filetype == 'markdown', 'reviewer.md is markdown', vim.bo[buf].filetype)
  check(wait_until(function()
    local c = persona_client(buf)
    return c and c.initialized
  end), 'persona_ls attached and initialized')
  local client = persona_client(buf)
  if not client then
    return finish()
  end
  check(
    vim.deep_equal(client.config.cmd, { 'persona-ls' }),
    'cmd comes from editors/neovim/lsp/persona_ls.lua',
    client.config.cmd
  )
  check(client.root_dir == project, 'root_dir is the project (root_markers)', client.root_dir)
  out(ms() .. '        server: ' .. vim.fn.exepath('persona-ls'))

  -- 2. Diagnostics --------------------------------------------------------------------------
  check(wait_until(function()
    return #vim.diagnostic.get(buf) > 0
  end), 'diagnostics arrive')
  local diags = vim.diagnostic.get(buf)
  local d = diags[1] or {}
  check(#diags == 1, 'exactly one diagnostic', diags)
  check(
    d.code == 'invalid-value'
      and d.lnum == 3
      and d.col == 7
      and d.end_lnum == 3
      and d.end_col == 13
      and d.severity == vim.diagnostic.severity.WARN
      and d.source == 'persona-ls',
    'invalid-value warning on `purpel` (line 4, columns 8-13)',
    d
  )
  check(
    (d.message or ''):find('did you mean `purple`', 1, true) ~= nil,
    'message suggests `purple`',
    d.message
  )

  -- 3. Completion: `model: ` + <C-x><C-o> ----------------------------------------------------
  vim.api.nvim_win_set_cursor(0, { 5, 0 }) -- on `tools: ...`
  type_keys('Omodel: <C-x><C-o>')
  check(wait_until(function()
    return vim.fn.pumvisible() == 1
  end), 'completion menu opens after `model: `')
  local info = vim.fn.complete_info({ 'items', 'selected' })
  local words, opus = {}, nil
  for i, item in ipairs(info.items or {}) do
    words[#words + 1] = item.word
    if item.word == 'opus' and not opus then
      opus = i - 1 -- complete_info indexes from 0
    end
  end
  check(opus ~= nil, 'completion offers `opus`', words)
  out(ms() .. '        ' .. #words .. ' items: ' .. table.concat(vim.list_slice(words, 1, 6), ', ') .. ', ...')
  if opus then
    -- Move the selection to `opus` and accept it, as a person would with <C-n> and <C-y>.
    local steps = info.selected >= 0 and (opus - info.selected) or (opus + 1)
    type_keys(string.rep('<C-n>', steps) .. '<C-y><Esc>')
  else
    type_keys('<C-e><Esc>')
  end
  wait_until(function()
    return vim.api.nvim_get_mode().mode == 'n'
  end)
  check(line(buf, 5) == 'model: opus', 'accepting it writes `model: opus`', line(buf, 5))
  check(wait_until(function()
    return #vim.diagnostic.get(buf) == 1
  end), 'still one diagnostic after the edit', vim.diagnostic.get(buf))

  -- 4. Hover: `K` on the `color` key --------------------------------------------------------
  vim.api.nvim_win_set_cursor(0, { 4, 1 })
  type_keys('K')
  local hover = ''
  check(wait_until(function()
    local w = floating_window()
    if w then
      hover = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false), '\n')
    end
    return w ~= nil
  end), '`K` opens a hover window')
  check(
    hover:find('color', 1, true) ~= nil and hover:find('purple', 1, true) ~= nil,
    'hover shows the docs of `color`',
    hover
  )
  out(ms() .. '        hover: ' .. (vim.split(hover, '\n')[1] or '') .. ' / ' .. (vim.split(hover, '\n')[3] or ''))
  local w = floating_window()
  if w then
    vim.api.nvim_win_close(w, true)
  end

  -- 5. Settings: the `persona-ls` section reaches the server ---------------------------------
  client.settings = vim.tbl_deep_extend('force', client.settings or {}, {
    ['persona-ls'] = { rules = { ['invalid-value'] = 'error' } },
  })
  client:notify('workspace/didChangeConfiguration', { settings = client.settings })
  check(wait_until(function()
    local ds = vim.diagnostic.get(buf)
    return #ds == 1 and ds[1].severity == vim.diagnostic.severity.ERROR
  end), 'settings.rules raises invalid-value to an error', vim.diagnostic.get(buf))

  -- 6. Quick fix through vim.lsp.buf.code_action --------------------------------------------
  vim.api.nvim_win_set_cursor(0, { 4, 9 }) -- inside `purpel`
  local titles = {}
  vim.lsp.buf.code_action({
    context = { only = { 'quickfix' } },
    filter = function(action)
      titles[#titles + 1] = action.title
      return action.title:find('purple', 1, true) ~= nil
    end,
    apply = true,
  })
  check(wait_until(function()
    return line(buf, 4) == 'color: purple'
  end), 'the quick fix changes the buffer to `color: purple`', { line = line(buf, 4), actions = titles })
  check(wait_until(function()
    return #vim.diagnostic.get(buf) == 0
  end), 'the diagnostic clears after the fix', vim.diagnostic.get(buf))

  -- 7. A Cursor rule (*.mdc) attaches to the same server; plain Markdown stays quiet -----------
  vim.cmd.edit(vim.fn.fnameescape(project .. '/README.md'))
  local readme = vim.api.nvim_get_current_buf()
  vim.cmd.edit(vim.fn.fnameescape(project .. '/.cursor/rules/style.mdc'))
  local mdc = vim.api.nvim_get_current_buf()
  check(vim.bo[mdc].filetype == 'markdown', '*.mdc is markdown (vim.filetype.add)', vim.bo[mdc].filetype)
  check(wait_until(function()
    return #vim.diagnostic.get(mdc) > 0
  end), 'diagnostics arrive for style.mdc')
  local md = vim.diagnostic.get(mdc)[1] or {}
  check(
    md.code == 'invalid-type' and md.lnum == 3 and md.col == 13,
    'invalid-type on `alwaysApply: maybe` (line 4)',
    md
  )
  check(persona_client(mdc) and persona_client(mdc).id == client.id, 'one client for the project')
  check(persona_client(readme) ~= nil, 'README.md attaches too')
  wait_until(function()
    return false
  end, 300)
  check(#vim.diagnostic.get(readme) == 0, 'README.md (not a persona) gets no diagnostics', vim.diagnostic.get(readme))

  across_files()
  finish()
end

coroutine.wrap(function()
  local ok, err = xpcall(run, debug.traceback)
  if not ok then
    out(ms() .. '  FAIL  error: ' .. tostring(err))
    vim.cmd('cquit! 1')
  end
end)()
