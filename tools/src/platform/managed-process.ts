import { spawn, type ChildProcess } from 'node:child_process';
import { LineSplitter } from './line-prefixer.js';

export interface ProcessSpec {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  uid?: number;
  gid?: number;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const KEPT_LINES = 200;

/**
 * One child process of the platform. Spawned in its own process group so a Ctrl-C at the
 * terminal reaches only the launcher, which then stops children in order (gateway first, then
 * services, then NATS and Postgres) instead of all at once.
 */
export class ManagedProcess {
  private child: ChildProcess | undefined;
  private exit: Promise<ExitInfo> | undefined;
  private readonly recent: string[] = [];
  private stopping = false;

  constructor(
    readonly name: string,
    private readonly spec: ProcessSpec,
    private readonly onLine: (name: string, line: string) => void,
    private readonly onUnexpectedExit: (name: string, info: ExitInfo) => void = () => undefined,
  ) {}

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Resolves when the current child exits (immediately when none runs). */
  get exited(): Promise<ExitInfo> {
    return this.exit ?? Promise.resolve({ code: null, signal: null });
  }

  lastLines(count = 30): string[] {
    return this.recent.slice(-count);
  }

  /** Starts the child, with `env` instead of the spec's when given (a restart may differ). */
  start(env: NodeJS.ProcessEnv = this.spec.env): void {
    if (this.running) {
      throw new Error(`${this.name} is already running`);
    }
    this.stopping = false;
    const child = spawn(this.spec.command, this.spec.args, {
      cwd: this.spec.cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(this.spec.uid !== undefined ? { uid: this.spec.uid, gid: this.spec.gid } : {}),
    });
    this.child = child;
    const record = (line: string) => {
      this.recent.push(line);
      if (this.recent.length > KEPT_LINES) {
        this.recent.shift();
      }
      this.onLine(this.name, line);
    };
    const out = new LineSplitter(record);
    const err = new LineSplitter(record);
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    this.exit = new Promise<ExitInfo>((resolve) => {
      child.once('error', (error) => {
        record(`failed to start: ${error.message}`);
        resolve({ code: null, signal: null });
      });
      child.once('close', (code, signal) => {
        out.flush();
        err.flush();
        const info = { code, signal };
        if (!this.stopping) {
          this.onUnexpectedExit(this.name, info);
        }
        resolve(info);
      });
    });
  }

  /** `signal`, then SIGKILL if it is still running after `timeoutMs`. */
  async stop(
    signal: NodeJS.Signals = 'SIGTERM',
    timeoutMs = 10_000,
    forceSignal: NodeJS.Signals = 'SIGKILL',
  ): Promise<ExitInfo> {
    const child = this.child;
    if (!child || !this.running) {
      return this.exited;
    }
    this.stopping = true;
    child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const forced = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        if (this.running) {
          child.kill(forceSignal);
        }
        resolve();
      }, timeoutMs);
    });
    const info = await Promise.race([this.exited, forced.then(() => this.exited)]);
    clearTimeout(timer);
    return info;
  }

  /** Last resort on the launcher's own exit: no waiting possible. */
  killNow(): void {
    if (this.running) {
      this.stopping = true;
      this.child?.kill('SIGKILL');
    }
  }
}
