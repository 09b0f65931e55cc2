// The persona-ls extension: starts the language server and keeps it in step with the settings.
//
// All features (diagnostics, completion, hover, quick fixes, symbols, folding) come from the
// server through vscode-languageclient; this file only finds the binary, chooses which
// documents the server sees, forwards the settings and offers a restart.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import * as vscode from 'vscode';
import {
  DocumentSelector,
  Executable,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import patterns from './patterns.json';
import {
  configuredPaths,
  expandPath,
  RESTART_SECTIONS,
  SERVER_SECTIONS,
  serverLogLine,
  serverSettings,
} from './settings';

const SECTION = 'personaLs';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let traceChannel: vscode.LogOutputChannel;
let status: vscode.LanguageStatusItem | undefined;
/** Starts and stops run one after the other, never interleaved. */
let queue: Promise<void> = Promise.resolve();

function log(message: string): void {
  output.info(`[client] ${message}`);
}

function config(scope?: vscode.Uri): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION, scope);
}

/** Every built-in dialect glob (src/schema/*.yaml), plus the user's extra dialect paths. */
function personaPatterns(): string[] {
  const all = new Set<string>();
  for (const globs of Object.values(patterns.dialects)) {
    for (const g of globs) all.add(g);
  }
  for (const g of configuredPaths(serverSettings((k) => config().get(k)))) all.add(g);
  return [...all];
}

function documentSelector(): DocumentSelector {
  const selector: DocumentSelector = [];
  if (config().get<boolean>('checkAllMarkdown')) {
    selector.push({ scheme: 'file', language: 'markdown' });
  } else {
    for (const pattern of personaPatterns()) {
      selector.push({ scheme: 'file', language: 'markdown', pattern });
    }
  }
  // The server validates its own configuration file too.
  selector.push({ scheme: 'file', pattern: '**/.persona-ls.toml' });
  return selector;
}

interface Resolved {
  command: string;
  how: string;
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * The server binary: `personaLs.server.path`, else the one bundled in the .vsix for this
 * platform (`server/<platform>-<arch>/persona-ls`), else `persona-ls` on PATH.
 */
async function resolveServer(context: vscode.ExtensionContext): Promise<Resolved | undefined> {
  const exe = process.platform === 'win32' ? 'persona-ls.exe' : 'persona-ls';
  const configured = config().get<string | null>('server.path');
  if (configured && configured.trim()) {
    const p = expandPath(
      configured,
      os.homedir(),
      vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    );
    const found = p.includes('/') || p.includes('\\') ? (fs.existsSync(p) ? p : undefined) : onPath(p);
    if (found) return { command: found, how: 'personaLs.server.path' };
    await complain(`personaLs.server.path is set to "${configured}", which does not exist.`);
    return undefined;
  }
  const bundled = context.asAbsolutePath(path.join('server', `${process.platform}-${process.arch}`, exe));
  if (fs.existsSync(bundled)) {
    try {
      fs.accessSync(bundled, fs.constants.X_OK);
    } catch {
      // Some unzip paths drop the executable bit.
      try {
        fs.chmodSync(bundled, 0o755);
      } catch (e) {
        log(`cannot make ${bundled} executable: ${e}`);
      }
    }
    return { command: bundled, how: 'bundled with the extension' };
  }
  const fromPath = onPath(exe);
  if (fromPath) return { command: fromPath, how: 'PATH' };
  await complain(
    `No persona-ls binary: this extension has none bundled for ${process.platform}-${process.arch} and ` +
      `"persona-ls" is not on PATH. Install it (cargo install --path . in the persona-ls repository) ` +
      `or set personaLs.server.path.`,
  );
  return undefined;
}

async function complain(message: string): Promise<void> {
  log(message);
  const open = 'Open Settings';
  // Not awaited by the caller's caller: a notification must not block activation.
  void vscode.window.showErrorMessage(message, open).then((choice) => {
    if (choice === open) {
      void vscode.commands.executeCommand('workbench.action.openSettings', 'personaLs.server.path');
    }
  });
}

async function createClient(context: vscode.ExtensionContext): Promise<LanguageClient | undefined> {
  const server = await resolveServer(context);
  if (!server) return undefined;
  const logLevel = config().get<string>('server.logLevel') || 'info';
  // TransportKind.stdio makes the client append `--stdio`.
  const run: Executable = {
    command: server.command,
    args: ['--log-level', logLevel],
    transport: TransportKind.stdio,
  };
  const serverOptions: ServerOptions = { run, debug: run };
  log(`starting ${server.command} (${server.how}), log level ${logLevel}`);

  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    // The same shape as .persona-ls.toml; client-only settings are left out (see settings.ts).
    initializationOptions: serverSettings((k) => config().get(k)),
    synchronize: {
      // Sent as `{"personaLs": {"rules", "dialects", "exclude"}}` on every change.
      configurationSection: SERVER_SECTIONS,
    },
    outputChannel: output,
    traceOutputChannel: traceChannel,
    // The server logs to stderr; by default every stderr line would be logged as an error.
    stdioOptions: {
      stdout: (input, channel) => lines(input, (line) => channel.info(line)),
      stderr: (input, channel) =>
        lines(input, (line) => {
          const { level, text } = serverLogLine(line);
          channel[level](`[server] ${text}`);
        }),
    },
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: {
      workspace: {
        // The server asks for the `persona-ls` section (workspace/configuration); VS Code
        // spells it `personaLs` and keeps client-only keys in it.
        configuration: async (params, token, next) => {
          const answer = await next(params, token);
          if (!Array.isArray(answer)) return answer;
          return params.items.map((item, i) => {
            if (item.section === 'persona-ls' || item.section === SECTION) {
              const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
              return serverSettings((k) => config(scope).get(k));
            }
            return answer[i];
          });
        },
      },
    },
  };
  // The id `personaLs` makes the client read `personaLs.trace.server`.
  return new LanguageClient(SECTION, 'persona-ls', serverOptions, clientOptions);
}

/**
 * The LSP trace goes to the same channel, driven by `personaLs.trace.server` alone.
 * vscode-languageclient 10 traces only while its trace channel's log level is Trace, which a
 * user would otherwise have to set by hand ("Developer: Set Log Level..."); this view of the
 * channel reports Trace whenever the setting asks for a trace, and logs the messages at `info`.
 */
function traceView(channel: vscode.LogOutputChannel, context: vscode.ExtensionContext): vscode.LogOutputChannel {
  const changed = new vscode.EventEmitter<vscode.LogLevel>();
  context.subscriptions.push(changed);
  const level = (): vscode.LogLevel =>
    (config().get<string>('trace.server') ?? 'off') === 'off' ? channel.logLevel : vscode.LogLevel.Trace;
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('personaLs.trace.server')) changed.fire(level());
    }),
    channel.onDidChangeLogLevel(() => changed.fire(level())),
  );
  return {
    get name() {
      return channel.name;
    },
    get logLevel() {
      return level();
    },
    onDidChangeLogLevel: changed.event,
    trace: (message: string) => channel.info(message),
    debug: (message: string) => channel.info(message),
    info: (message: string) => channel.info(message),
    warn: (message: string) => channel.warn(message),
    error: (message: string | Error) => channel.error(message),
    append: (value: string) => channel.append(value),
    appendLine: (value: string) => channel.appendLine(value),
    replace: (value: string) => channel.replace(value),
    clear: () => channel.clear(),
    show: (a?: unknown, b?: boolean) =>
      typeof a === 'boolean' || a === undefined ? channel.show(a) : channel.show(a as vscode.ViewColumn, b),
    hide: () => channel.hide(),
    // The real channel is disposed with the extension, not with a client.
    dispose: () => undefined,
  };
}

function lines(input: NodeJS.ReadableStream, each: (line: string) => void): void {
  readline
    .createInterface({ input, crlfDelay: Infinity, terminal: false, historySize: 0 })
    .on('line', each);
}

function setStatus(text: string, detail: string, severity = vscode.LanguageStatusSeverity.Information): void {
  if (!status) return;
  status.text = text;
  status.detail = detail;
  status.severity = severity;
}

async function startNow(context: vscode.ExtensionContext): Promise<void> {
  const next = await createClient(context);
  if (!next) {
    setStatus('persona-ls: not running', 'no server binary', vscode.LanguageStatusSeverity.Error);
    return;
  }
  client = next;
  try {
    await next.start();
    const info = next.initializeResult?.serverInfo;
    const name = info ? `${info.name} ${info.version ?? ''}`.trim() : 'persona-ls';
    log(`${name} is running`);
    setStatus(name, 'running');
  } catch (e) {
    log(`the server failed to start: ${e}`);
    setStatus('persona-ls: failed', String(e), vscode.LanguageStatusSeverity.Error);
    void vscode.window.showErrorMessage(`persona-ls failed to start: ${e}. See the "persona-ls" output.`);
  }
}

async function stopNow(): Promise<void> {
  const old = client;
  client = undefined;
  if (!old) return;
  try {
    await old.dispose(2000);
  } catch (e) {
    log(`stopping the server: ${e}`);
  }
}

function enqueue(work: () => Promise<void>): Promise<void> {
  queue = queue.then(work, work);
  return queue;
}

function restart(context: vscode.ExtensionContext, why: string): Promise<void> {
  return enqueue(async () => {
    log(`restarting: ${why}`);
    await stopNow();
    await startNow(context);
  });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // The server's stderr (its `tracing` log) and the LSP trace land here.
  output = vscode.window.createOutputChannel('persona-ls', { log: true });
  context.subscriptions.push(output);
  traceChannel = traceView(output, context);

  status = vscode.languages.createLanguageStatusItem('personaLs.status', [
    { language: 'markdown' },
    { pattern: '**/.persona-ls.toml' },
  ]);
  status.name = 'persona-ls';
  status.command = { title: 'Show log', command: 'personaLs.showLog' };
  context.subscriptions.push(status);

  context.subscriptions.push(
    vscode.commands.registerCommand('personaLs.restartServer', () => restart(context, 'command')),
    vscode.commands.registerCommand('personaLs.showLog', () => output.show(true)),
  );

  let paths = JSON.stringify(configuredPaths(serverSettings((k) => config().get(k))));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      const nowPaths = JSON.stringify(configuredPaths(serverSettings((k) => config().get(k))));
      const changed = RESTART_SECTIONS.filter((s) => e.affectsConfiguration(s));
      if (nowPaths !== paths) changed.push('personaLs.dialects.*.paths');
      paths = nowPaths;
      // Other changes reach the running server through `synchronize.configurationSection`.
      if (changed.length > 0) void restart(context, `${changed.join(', ')} changed`);
    }),
  );

  await enqueue(() => startNow(context));
}

export function deactivate(): Promise<void> | undefined {
  return enqueue(stopNow);
}
