// Drives code-server (VS Code in the browser) with the persona-ls extension installed, the way a
// person would: open the broken persona, read the Problems panel (with a file never opened),
// go to a skill's definition with F12 and rename it with F2, type `model: ` and pick from
// the completion list, hover a key, apply a quick fix, change a setting, restart the server,
// open a Cursor rule (.mdc), read the server log, point personaLs.server.path at a binary.
//
// Environment (set by tests/e2e/vscode.sh):
//   CODE_URL     code-server's address, e.g. http://127.0.0.1:8123
//   WORKSPACE    the folder to open
//   SHOTS        where to save vscode-*.png
//   SERVER_PATH  a persona-ls binary to set as personaLs.server.path near the end
//   CHROMIUM     the browser binary (default /usr/bin/chromium)

import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const url = process.env.CODE_URL;
const workspace = process.env.WORKSPACE;
const shots = process.env.SHOTS;
const serverPath = process.env.SERVER_PATH;
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!url || !workspace || !shots || !serverPath) {
  console.error('drive.mjs: CODE_URL, WORKSPACE, SHOTS and SERVER_PATH are required');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

const t0 = Date.now();
const say = (msg) => console.log(`[drive ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
let failures = 0;

const browser = await chromium.launch({
  executablePath,
  headless: true,
  chromiumSandbox: false,
  // Never let Chromium reach for the network: this machine has none but the loopback.
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
const page = await context.newPage();
page.setDefaultTimeout(30_000);
page.on('pageerror', (e) => say(`page error: ${e.message}`));

async function shot(name) {
  const file = path.join(shots, `vscode-${name}.png`);
  await page.screenshot({ path: file });
  say(`screenshot ${file}`);
}

async function check(name, fn) {
  say(`check: ${name}`);
  try {
    await fn();
    say(`ok: ${name}`);
  } catch (e) {
    failures++;
    say(`FAILED: ${name}: ${e.message.split('\n')[0]}`);
    await shot(`failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => {});
  }
}

/** Waits until `pred()` (on the file system, say) holds; fails with `what` after `ms`. */
async function until(pred, what, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await page.waitForTimeout(100);
  }
}
const read = (rel) => {
  try {
    return readFileSync(path.join(workspace, rel), 'utf8');
  } catch {
    return '';
  }
};

/** Runs a command from the command palette (F1), by its title. */
async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page
    .locator('.quick-input-widget .monaco-list-row', { hasText: title })
    .first()
    .waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/** Opens a workspace file with Quick Open (Ctrl+P), as a person would. */
async function openFile(name) {
  say(`opening ${name} with Quick Open`);
  await page.keyboard.press('Control+P');
  const quick = page.locator('.quick-input-widget input');
  await quick.waitFor({ state: 'visible' });
  await quick.fill(name);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first();
  await row.waitFor();
  await page.waitForTimeout(300); // let the list settle after filtering
  await row.click();
  await page.locator('.tab.active', { hasText: name }).waitFor();
  await page.locator('.editor-instance .view-lines').first().waitFor();
}

/**
 * Adds `entry` to a settings.json as a person would: in the editor, saved with Ctrl+S. Leaves
 * the settings editor open.
 */
async function editUserSettings(entry, command = 'Preferences: Open User Settings (JSON)') {
  await runCommand(command);
  await page.locator('.tab.active', { hasText: 'settings.json' }).waitFor();
  await page.locator('.editor-instance .view-lines').first().click();
  // Right after the opening brace, ahead of the other settings.
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  // insertText types it as one edit: no auto-closed quotes or braces, no suggestion accepted.
  await page.keyboard.insertText(` ${entry},`);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+S');
}

/** The text of the editor line `n` (1-based) as Monaco renders it. */
async function lineText(n) {
  return page.evaluate((n) => {
    const lines = [...document.querySelectorAll('.editor-instance .view-lines .view-line')];
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return (lines[n - 1]?.textContent ?? '').replace(/\u00a0/g, ' ');
  }, n);
}

/** Hovers the first rendered token whose text is exactly `word`; returns the hover widget. */
async function hoverWord(word) {
  const token = page
    .locator('.editor-instance .view-lines .view-line span > span')
    .filter({ hasText: new RegExp(`^${word}$`) })
    .first();
  await token.waitFor({ state: 'visible' });
  const box = await token.boundingBox();
  // Move in from elsewhere, then rest on the word: Monaco shows the hover after a delay.
  await page.mouse.move(box.x + box.width / 2, box.y - 120);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents').first();
  await hover.waitFor({ state: 'visible', timeout: 15_000 });
  return hover;
}

try {
  say(`opening ${url} with folder ${workspace}`);
  await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  // Let the workbench settle (extension host, explorer).
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 }).catch(() => {});

  await openFile('reviewer.md');

  await check('the Problems panel shows the persona-ls diagnostics', async () => {
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible' });
    const purpel = panel.locator('.monaco-list-row', { hasText: 'purpel' }).first();
    await purpel.waitFor({ state: 'visible', timeout: 60_000 });
    const text = (await purpel.innerText()).replace(/\s+/g, ' ');
    say(`problem row: ${text}`);
    if (!/persona-ls/.test(text) || !/invalid-value/.test(text)) {
      throw new Error(`the row does not name persona-ls(invalid-value): ${text}`);
    }
    await panel.locator('.monaco-list-row', { hasText: 'description' }).first().waitFor({ state: 'visible' });
    // Squiggles in the editor too.
    await page.locator('.editor-instance .squiggly-warning, .editor-instance .squiggly-error').first().waitFor();
    await shot('problems');
  });

  await check('the Problems panel lists the unknown-reference of planner.md, never opened', async () => {
    // The extension's client pulls workspace/diagnostic: the server answers for every persona
    // file it indexed, open or not.
    const panel = page.locator('.markers-panel');
    const row = panel.locator('.monaco-list-row', { hasText: 'release-notes' }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    say(`problem row: ${text}`);
    if (!/names no Claude Code skill/.test(text) || !/unknown-reference/.test(text)) {
      throw new Error(`the row is not persona-ls(unknown-reference): ${text}`);
    }
    await panel.locator('.monaco-list-row', { hasText: 'planner.md' }).first().waitFor({ state: 'visible' });
    if ((await page.locator('.tab', { hasText: 'planner.md' }).count()) > 0) {
      throw new Error('planner.md has a tab: it was opened');
    }
    await shot('problems-closed-file');
  });

  await check('F12 on a skills: entry opens the SKILL.md at its name', async () => {
    // The cursor into `lint-rules` of `skills: [lint-rules]` (line 4, column 12), from the
    // keyboard, then Go to Definition.
    await page.locator('.editor-instance .view-lines').click();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    for (let i = 0; i < 11; i++) await page.keyboard.press('ArrowRight');
    await page.locator('.statusbar-item', { hasText: 'Ln 4, Col 12' }).first().waitFor();
    await page.keyboard.press('F12');
    await page.locator('.tab.active', { hasText: 'SKILL.md' }).waitFor({ timeout: 15_000 });
    const crumbs = (await page.locator('.breadcrumbs-control').first().innerText()).replace(/\s+/g, ' ');
    say(`breadcrumbs: ${crumbs}`);
    if (!/skills\W+lint-rules\W+SKILL\.md/.test(crumbs)) throw new Error(`not .claude/skills/lint-rules/SKILL.md: ${crumbs}`);
    await page.locator('.statusbar-item', { hasText: 'Ln 2, Col 7' }).first().waitFor({ timeout: 5_000 });
    await shot('definition');
  });

  await check("F2 on the skill's name renames it: the preload, the folder and the name on disk", async () => {
    // Still on the `name` value. The server's edit renames the folder first, then edits the
    // files at their new places.
    await page.keyboard.press('F2');
    const input = page.locator('.rename-box input').first();
    await input.waitFor({ state: 'visible' });
    await input.fill('style-rules');
    await page.keyboard.press('Enter');
    await until(() => existsSync(path.join(workspace, '.claude/skills/style-rules')), 'style-rules/ on disk');
    await runCommand('File: Save All');
    await until(
      () => /^skills: \[style-rules\]$/m.test(read('.claude/agents/reviewer.md')),
      `reviewer.md preloads style-rules: ${read('.claude/agents/reviewer.md')}`,
    );
    await until(
      () => /^name: style-rules$/m.test(read('.claude/skills/style-rules/SKILL.md')),
      `style-rules/SKILL.md says name: style-rules: ${read('.claude/skills/style-rules/SKILL.md')}`,
    );
    if (existsSync(path.join(workspace, '.claude/skills/lint-rules'))) throw new Error('lint-rules/ is still on disk');
    // The tab followed the folder.
    const crumbs = (await page.locator('.breadcrumbs-control').first().innerText()).replace(/\s+/g, ' ');
    say(`breadcrumbs: ${crumbs}`);
    if (!/skills\W+style-rules\W+SKILL\.md/.test(crumbs)) throw new Error(`the tab is not style-rules/SKILL.md: ${crumbs}`);
  });
  // Back to reviewer.md for the next checks, whatever the two above did.
  await page.keyboard.press('Escape');
  await page.locator('.tab', { hasText: 'reviewer.md' }).first().click();
  await page.locator('.tab.active', { hasText: 'reviewer.md' }).waitFor();

  await check('typing "model: " opens a completion list with opus', async () => {
    // Back to the editor; a new front-matter line after `name: reviewer`.
    await page.locator('.editor-instance .view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('model: ', { delay: 60 });
    const widget = page.locator('.editor-widget.suggest-widget.visible');
    try {
      await widget.waitFor({ state: 'visible', timeout: 10_000 });
    } catch {
      // The server lists `:` and ` ` as trigger characters; fall back to an explicit request so
      // that a missed trigger shows up in the log but still tests the list.
      say('the list did not open by itself: pressing Ctrl+Space');
      await page.keyboard.press('Control+Space');
      await widget.waitFor({ state: 'visible', timeout: 10_000 });
    }
    const opus = widget.locator('.monaco-list-row', { hasText: /^\s*opus\b/ }).first();
    await opus.waitFor({ state: 'visible' }).catch(async () => {
      // The row may be scrolled out of view: filter the list by typing.
      await page.keyboard.type('op', { delay: 60 });
      await opus.waitFor({ state: 'visible' });
    });
    const labels = await widget.locator('.monaco-list-row .label-name').allInnerTexts();
    say(`completion items: ${labels.join(', ')}`);
    await opus.hover();
    await shot('completion');
    await opus.click();
    await page.waitForTimeout(300);
    const line = await lineText(3);
    say(`line 3 is now: ${line}`);
    if (!/^model:\s*opus\s*$/.test(line)) throw new Error(`accepting opus gave "${line}"`);
  });

  await check('hovering a key shows its docs', async () => {
    await page.keyboard.press('Escape');
    const hover = await hoverWord('color');
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    say(`hover: ${text.slice(0, 200)}`);
    if (!/Display color of the subagent/i.test(text)) throw new Error(`unexpected hover: ${text}`);
    await shot('hover');
    const model = await hoverWord('model');
    const mtext = (await model.innerText()).replace(/\s+/g, ' ');
    say(`hover on model: ${mtext.slice(0, 200)}`);
    if (!/Model for this subagent/i.test(mtext)) throw new Error(`unexpected hover on model: ${mtext}`);
  });

  await check('a quick fix from Ctrl+. replaces the invalid value', async () => {
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');
    const token = page
      .locator('.editor-instance .view-lines .view-line span > span')
      .filter({ hasText: /^purpel$/ })
      .first();
    await token.click();
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'purple' }).first();
    await fix.waitFor({ state: 'visible' });
    say(`quick fix: ${(await fix.innerText()).trim()}`);
    await shot('quickfix');
    // The first fix is focused: Enter applies it, as from the keyboard.
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.editor-instance .view-lines .view-line')].some((l) =>
        /^color:\s+purple\s*$/.test(l.textContent.replace(/\u00a0/g, ' ')),
      ),
    );
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'purpel' }).waitFor({ state: 'detached' });
  });

  await check('a changed setting reaches the running server (didChangeConfiguration)', async () => {
    const rows = page.locator('.markers-panel .monaco-list-row', { hasText: 'description' });
    await rows.first().waitFor({ state: 'visible' });
    await editUserSettings('"personaLs.rules": { "missing-required-key": "information" }');
    // The error becomes information in the Problems panel below the settings editor.
    await page.locator('.markers-panel .monaco-list-row:has-text("description") .codicon-info').first().waitFor({ timeout: 30_000 });
    if ((await rows.locator('.codicon-error').count()) > 0) throw new Error('still an error');
    await shot('settings');
    await page.keyboard.press('Control+W');
  });

  await check('"Persona: Restart server" starts it again with the settings, and .mdc rules are checked', async () => {
    await runCommand('Persona: Restart server');
    await page.waitForTimeout(1000);
    await openFile('style.mdc');
    await page.locator('.statusbar-item', { hasText: /^Markdown$/ }).first().waitFor();
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'alwaysApply' }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    say(`problem row: ${text}`);
    if (!/persona-ls/.test(text) || !/invalid-type/.test(text)) throw new Error(`unexpected row: ${text}`);
    await shot('mdc');
    // The new server has the changed severity from the start (initializationOptions).
    await page.locator('.tab', { hasText: 'reviewer.md' }).first().click();
    await page.locator('.tab.active', { hasText: 'reviewer.md' }).waitFor();
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row:has-text("description") .codicon-info').first().waitFor({ timeout: 30_000 });
    const errors = await page.locator('.markers-panel .monaco-list-row:has-text("description") .codicon-error').count();
    if (errors > 0) throw new Error('missing-required-key is an error again after the restart');
  });

  await check('the persona-ls output channel has the server log', async () => {
    await runCommand('Persona: Show server log');
    const out = page.locator('.output-view, .panel .monaco-editor').first();
    await out.waitFor({ state: 'visible' });
    // Monaco renders spaces as no-break spaces: match them with \s.
    await out.getByText(/persona-ls\s+\d+\.\d+\.\d+\s+is\s+running/).first().waitFor({ timeout: 15_000 });
    await out.getByText(/\[server\]\s+persona_ls.*initialize/).first().waitFor({ timeout: 15_000 });
    await shot('output');
  });
  await check('setting personaLs.server.path restarts the server from that path', async () => {
    // A machine-overridable setting: in code-server (a remote window) it belongs in the Remote
    // settings, the machine the server runs on; VS Code ignores it in the User settings there.
    await editUserSettings(
      `"personaLs.server.path": ${JSON.stringify(serverPath)}`,
      'Preferences: Open Remote Settings (JSON)',
    );
    await page.keyboard.press('Control+W');
    await runCommand('Persona: Show server log');
    // The restart logs a dozen lines and the view follows the end, so the first of them can
    // scroll out of sight: filter the log to the setting's name, as a person looking for it would.
    const filter = page.locator('.panel input[placeholder="Filter"]:visible').first();
    await filter.fill('personaLs.server.path');
    const out = page.locator('.output-view, .panel .monaco-editor').first();
    await out.getByText(/\(personaLs\.server\.path\)/).first().waitFor({ timeout: 30_000 });
    await out.getByText(/restarting:\s+personaLs\.server\.path\s+changed/).first().waitFor({ timeout: 10_000 });
    await shot('server-path');
    await filter.fill('');
  });
} catch (e) {
  failures++;
  say(`FAILED: ${e.stack ?? e}`);
  await shot('failed').catch(() => {});
} finally {
  await browser.close();
}

if (failures > 0) {
  say(`${failures} check(s) failed`);
  process.exit(1);
}
say('all checks passed');
