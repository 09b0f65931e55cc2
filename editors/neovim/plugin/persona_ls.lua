-- Loaded when `editors/neovim` is on 'runtimepath' (a plugin manager or
-- `vim.opt.runtimepath:append(...)`). Cursor rules (`*.mdc`) are Markdown with front matter;
-- Neovim has no filetype for them, so they are read as markdown, which persona-ls attaches to.
-- This does not start the server: `vim.lsp.enable('persona_ls')` does.
vim.filetype.add({ extension = { mdc = 'markdown' } })
