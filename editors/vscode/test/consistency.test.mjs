// The extension repeats a few facts of the server: the dialect globs (document selector), the
// rule codes and dialect ids (settings schema). These tests keep them in step with the Rust
// sources, and check the settings sent to the server. Run with `npm test`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { buildSync } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const ext = path.join(here, '..');
const repo = path.join(ext, '..', '..');
const schemaDir = path.join(repo, 'src', 'schema');

const pkg = JSON.parse(readFileSync(path.join(ext, 'package.json'), 'utf8'));
const props = pkg.contributes.configuration.properties;

/** `paths:` of each dialect file in src/schema (a plain YAML list of quoted globs). */
function schemaPaths() {
  const out = {};
  for (const file of readdirSync(schemaDir).sort()) {
    if (!file.endsWith('.yaml') || file === 'values.yaml') continue;
    const lines = readFileSync(path.join(schemaDir, file), 'utf8').split('\n');
    const id = file.slice(0, -'.yaml'.length);
    let inPaths = false;
    for (const line of lines) {
      if (line.startsWith('paths:')) {
        inPaths = true;
        continue;
      }
      if (!inPaths) continue;
      const m = line.match(/^\s+-\s+"?([^"]+?)"?\s*$/);
      if (m) (out[id] ??= []).push(m[1]);
      else if (line.trim() !== '' && !line.trim().startsWith('#')) inPaths = false;
    }
  }
  return out;
}

// The codes of the rule registry (src/analysis/rules/registry.yaml): one `- code: x` row per rule.
function ruleCodes() {
  const table = readFileSync(path.join(repo, 'src', 'analysis', 'rules', 'registry.yaml'), 'utf8');
  return [...table.matchAll(/^- code: ([a-z-]+)$/gm)].map((m) => m[1]);
}

test('the document selector globs are the schema dialect globs', () => {
  const patterns = JSON.parse(readFileSync(path.join(ext, 'src', 'patterns.json'), 'utf8'));
  assert.deepEqual(patterns.dialects, schemaPaths());
});

test('personaLs.rules lists every rule code', () => {
  assert.deepEqual(Object.keys(props['personaLs.rules'].properties).sort(), ruleCodes().sort());
});

test('personaLs.dialects lists every dialect id', () => {
  assert.deepEqual(
    Object.keys(props['personaLs.dialects'].properties).sort(),
    Object.keys(schemaPaths()).sort(),
  );
});

test('activation covers the file kinds the issue names', () => {
  const events = pkg.activationEvents;
  for (const p of ['**/*.agent.md', '**/*.chatmode.md', '**/*.prompt.md', '**/SKILL.md', '**/*.mdc']) {
    assert.ok(events.includes(`workspaceContains:${p}`), p);
  }
  assert.ok(events.includes('onLanguage:markdown'));
});

const settings = await (async () => {
  const built = buildSync({
    entryPoints: [path.join(ext, 'src', 'settings.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
  });
  const code = built.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
})();

test('only rules, dialects and exclude reach the server', () => {
  const cfg = {
    rules: { 'empty-body': 'off' },
    dialects: { agency: { keys: { tier: { values: ['lead'] } } } },
    exclude: ['vendor/**', 3],
    server: { path: '/x' },
    trace: { server: 'verbose' },
    checkAllMarkdown: true,
  };
  const got = settings.serverSettings((k) => cfg[k]);
  assert.deepEqual(got, {
    rules: { 'empty-body': 'off' },
    dialects: { agency: { keys: { tier: { values: ['lead'] } } } },
    exclude: ['vendor/**'],
  });
  assert.deepEqual(settings.serverSettings(() => undefined), { rules: {}, dialects: {}, exclude: [] });
});

test('synchronized sections nest into the personaLs object the server unwraps', () => {
  assert.deepEqual(settings.SERVER_SECTIONS, ['personaLs.rules', 'personaLs.dialects', 'personaLs.exclude']);
});

test('configured dialect paths become absolute-path globs', () => {
  const got = settings.configuredPaths({
    rules: {},
    exclude: [],
    dialects: { 'claude-agent': { paths: ['prompts/agents/**/*.md', '**/x/*.md', ''] } },
  });
  assert.deepEqual(got, ['**/prompts/agents/**/*.md', '**/x/*.md']);
});

test('server paths expand ~ and ${workspaceFolder}', () => {
  assert.equal(settings.expandPath('~/bin/persona-ls', '/home/u', undefined), '/home/u/bin/persona-ls');
  assert.equal(settings.expandPath('${workspaceFolder}/target/release/persona-ls', '/h', '/w'), '/w/target/release/persona-ls');
  assert.equal(settings.expandPath(' persona-ls ', '/h', '/w'), 'persona-ls');
});

test('server log lines keep their level and lose the timestamp', () => {
  assert.deepEqual(
    settings.serverLogLine('2026-11-22T00:57:28.705802Z  INFO persona_ls::lsp::server: initialize'),
    { level: 'info', text: 'persona_ls::lsp::server: initialize' },
  );
  assert.deepEqual(settings.serverLogLine('2026-11-22T00:57:28.7Z  WARN x: y'), { level: 'warn', text: 'x: y' });
  assert.deepEqual(settings.serverLogLine('2026-11-22T00:57:28.7Z ERROR x: y'), { level: 'error', text: 'x: y' });
  assert.deepEqual(settings.serverLogLine('2026-11-22T00:57:28.7Z DEBUG x: y'), { level: 'info', text: 'DEBUG x: y' });
  assert.deepEqual(settings.serverLogLine("thread 'main' panicked at src/x.rs:1:1"), {
    level: 'error',
    text: "thread 'main' panicked at src/x.rs:1:1",
  });
});
