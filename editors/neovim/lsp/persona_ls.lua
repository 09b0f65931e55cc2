-- persona-ls for Neovim 0.11+ (`vim.lsp.config` / `vim.lsp.enable`).
--
-- Install: copy this file to `~/.config/nvim/lsp/persona_ls.lua` (or put `editors/neovim` on
-- 'runtimepath'), then in init.lua:
--
--   vim.filetype.add({ extension = { mdc = 'markdown' } }) -- Cursor rules (*.mdc)
--   vim.lsp.enable('persona_ls')
--
-- Override any field without editing this file (it is merged over these defaults):
--
--   vim.lsp.config('persona_ls', {
--     cmd = { '/path/to/persona-ls' },
--     settings = { ['persona-ls'] = { rules = { ['unknown-key'] = 'off' } } },
--   })
--
-- persona-ls attaches to every Markdown buffer but only reports on the files it recognises as
-- personas (by path, e.g. `.claude/agents/*.md`, `SKILL.md`, `*.agent.md`, `*.mdc`, or by the
-- `dialects.*.paths` of `.persona-ls.toml`); other Markdown files get no diagnostics.

---@type vim.lsp.Config
return {
  -- `persona-ls` on $PATH (`cargo install --path .` in the persona-ls checkout). The server
  -- speaks LSP on stdin/stdout; `--stdio` is accepted and changes nothing.
  cmd = { 'persona-ls' },

  -- `*.mdc` (Cursor rules) has no filetype of its own in Neovim: map it to markdown with
  -- `vim.filetype.add({ extension = { mdc = 'markdown' } })` (plugin/persona_ls.lua does that
  -- when `editors/neovim` is on 'runtimepath'). `mdc` is listed too, for users who map `*.mdc`
  -- to a filetype of that name instead.
  filetypes = { 'markdown', 'mdc' },

  -- The project root: where `.persona-ls.toml` lives, else the git repository. Files outside
  -- any root still work (single-file mode).
  root_markers = { '.persona-ls.toml', '.git' },

  -- Same shape as `.persona-ls.toml`, under the `persona-ls` section:
  --   rules    = { ['unknown-key'] = 'off', ['empty-body'] = 'hint' }
  --              (off | error | warning | information | hint)
  --   dialects = { ['claude-agent'] = { paths = { 'prompts/agents/**/*.md' } },
  --                agency = { keys = { tier = { doc = '...', values = { 'lead' } } } } }
  --   exclude  = { 'vendor/**' }
  -- Settings win over `.persona-ls.toml` where both set something. They are sent on start
  -- (workspace/didChangeConfiguration) and answered to workspace/configuration requests; change
  -- them at run time with `client.settings` + `client:notify('workspace/didChangeConfiguration',
  -- { settings = client.settings })`.
  settings = {
    ['persona-ls'] = vim.empty_dict(),
  },

  -- Sent once with `initialize` (same shape as `settings`; `nil` sends nothing). Useful when a
  -- setting must be in force before the first diagnostics are computed.
  init_options = nil,
}
