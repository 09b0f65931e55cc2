-- The user's init.lua in tests/e2e/neovim.sh: exactly the setup steps of editors/neovim/README.md
-- (lsp/persona_ls.lua is copied next to this file, persona-ls is on $PATH).
vim.filetype.add({ extension = { mdc = 'markdown' } })
vim.diagnostic.config({ virtual_text = true })
vim.lsp.enable('persona_ls')
