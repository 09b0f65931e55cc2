// The extension's settings and the shape the server reads.
//
// The server accepts exactly the keys of `.persona-ls.toml` (`rules`, `dialects`, `exclude`) and
// rejects any other key (src/config.rs: `deny_unknown_fields`), so the client-only settings
// (`server.*`, `trace.*`, `checkAllMarkdown`) must never reach it. This module is free of the
// `vscode` import so that it can be tested with plain Node.

/** What the server reads: the same shape as `.persona-ls.toml`. */
export interface ServerSettings {
  rules: Record<string, string>;
  dialects: Record<string, DialectSettings>;
  exclude: string[];
}

export interface DialectSettings {
  paths?: string[];
  keys?: Record<string, unknown>;
}

/** The settings sections forwarded to the server (`synchronize.configurationSection`). */
export const SERVER_SECTIONS = ['personaLs.rules', 'personaLs.dialects', 'personaLs.exclude'];

/** Settings whose change needs a new server process or a new document selector. */
export const RESTART_SECTIONS = [
  'personaLs.server.path',
  'personaLs.server.logLevel',
  'personaLs.checkAllMarkdown',
];

/** `get` of a `WorkspaceConfiguration` for the `personaLs` section. */
export type Getter = <T>(key: string) => T | undefined;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A plain JSON copy (VS Code hands out frozen proxies). */
function plain<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}

/** The server's settings from the `personaLs` configuration section. */
export function serverSettings(get: Getter): ServerSettings {
  const rules = get<unknown>('rules');
  const dialects = get<unknown>('dialects');
  const exclude = get<unknown>('exclude');
  return {
    rules: isObject(rules) ? (plain(rules) as Record<string, string>) : {},
    dialects: isObject(dialects) ? (plain(dialects) as Record<string, DialectSettings>) : {},
    exclude: Array.isArray(exclude) ? exclude.filter((g): g is string => typeof g === 'string') : [],
  };
}

/** The user's extra dialect globs, which the document selector must include too. */
export function configuredPaths(settings: ServerSettings): string[] {
  const out: string[] = [];
  for (const d of Object.values(settings.dialects)) {
    for (const p of d?.paths ?? []) {
      if (typeof p === 'string' && p.length > 0) {
        // The server matches them relative to the workspace folder; VS Code matches document
        // filter patterns against the absolute path.
        out.push(p.startsWith('**/') || p.startsWith('/') ? p : `**/${p}`);
      }
    }
  }
  return out;
}

/** Expands `~` and `${workspaceFolder}` (the first folder) in a configured server path. */
export function expandPath(p: string, home: string, workspaceFolder: string | undefined): string {
  let out = p.trim();
  if (out === '~' || out.startsWith('~/')) {
    out = home + out.slice(1);
  }
  if (workspaceFolder !== undefined) {
    out = out.split('${workspaceFolder}').join(workspaceFolder);
  }
  return out;
}

export type LogLevel = 'error' | 'warn' | 'info';

/**
 * One line of the server's stderr (`tracing`'s format: `<RFC 3339 time>  LEVEL target: message`)
 * as a log-channel entry: the channel stamps its own time, and the level picks the entry's
 * level. Debug and trace lines are logged as `info` (with their level kept in the text) so that
 * `personaLs.server.logLevel` alone decides what is shown. Anything else (a panic, a message
 * printed before the logger starts) is an error.
 */
export function serverLogLine(line: string): { level: LogLevel; text: string } {
  const m = /^\d{4}-\d\d-\d\dT[\d:.]+Z?\s+(ERROR|WARN|INFO|DEBUG|TRACE)\s+(.*)$/.exec(line);
  if (!m) return { level: 'error', text: line };
  const [, level, rest] = m;
  switch (level) {
    case 'ERROR':
      return { level: 'error', text: rest };
    case 'WARN':
      return { level: 'warn', text: rest };
    case 'INFO':
      return { level: 'info', text: rest };
    default:
      return { level: 'info', text: `${level} ${rest}` };
  }
}
