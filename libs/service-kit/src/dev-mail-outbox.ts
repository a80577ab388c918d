import { chmod, mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** A resident's e-mail is personal data: only the service's own user may read the files. */
export const OUTBOX_DIR_MODE = 0o700;
export const OUTBOX_FILE_MODE = 0o600;

const KEY = /^[A-Za-z0-9-]+$/;

/**
 * Where development writes e-mail it would have sent (no SMTP server configured): one `.eml` file
 * per message, named after what it concerns (`<key>.<time>-<message id>.eml`, the key a resident's
 * or a submission's id), so erasing that resident removes their files. Directory 0700, files 0600.
 */
export class DevMailOutbox {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  /** Writes one message; returns the file's path. */
  async write(concerning: string, messageId: string, message: Buffer | string): Promise<string> {
    assertKey(concerning);
    await mkdir(this.dir, { recursive: true, mode: OUTBOX_DIR_MODE });
    // A directory made before files were private keeps its old mode: tighten it.
    await chmod(this.dir, OUTBOX_DIR_MODE);
    const file = join(
      this.dir,
      `${concerning}.${new Date().toISOString().replace(/[:.]/g, '-')}-${messageId.replace(/[^A-Za-z0-9.-]/g, '_')}.eml`,
    );
    await writeFile(file, message, { mode: OUTBOX_FILE_MODE, flag: 'wx' });
    return file;
  }

  /** Deletes every file concerning these keys; returns how many went. */
  async remove(concerning: readonly string[]): Promise<number> {
    if (concerning.length === 0) {
      return 0;
    }
    concerning.forEach(assertKey);
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return 0;
      }
      throw error;
    }
    const prefixes = concerning.map((key) => `${key}.`);
    const doomed = names.filter(
      (name) => name.endsWith('.eml') && prefixes.some((p) => name.startsWith(p)),
    );
    await Promise.all(
      doomed.map((name) =>
        unlink(join(this.dir, name)).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') {
            throw error;
          }
        }),
      ),
    );
    return doomed.length;
  }
}

function assertKey(key: string): void {
  if (!KEY.test(key)) {
    throw new Error(`outbox key "${key}": letters, digits and dashes only`);
  }
}
