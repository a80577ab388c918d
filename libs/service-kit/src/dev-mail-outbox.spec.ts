import { chmod, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { DevMailOutbox } from './dev-mail-outbox.js';

describe('development e-mail files', () => {
  const roots: string[] = [];
  const root = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dev-outbox-'));
    roots.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(roots.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('writes files only their owner can read, in a directory only their owner can enter', async () => {
    const dir = join(await root(), 'a', 'outbox');
    const outbox = new DevMailOutbox(dir);
    const file = await outbox.write('c-1', '<m1@x>', 'To: a@example.org\n\nhello');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('tightens a directory created world-readable before', async () => {
    const dir = join(await root(), 'outbox');
    await mkdir(dir);
    await chmod(dir, 0o755);
    await new DevMailOutbox(dir).write('c-1', '<m1@x>', 'x');
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('removes the files concerning the given keys and no others', async () => {
    const dir = await root();
    const outbox = new DevMailOutbox(dir);
    await outbox.write('ab-1', '<m1@x>', 'one');
    await outbox.write('ab-1', '<m2@x>', 'two');
    await outbox.write('ab-12', '<m3@x>', 'a longer key sharing the prefix');
    await outbox.write('cd-2', '<m4@x>', 'other');
    expect(await outbox.remove(['ab-1'])).toBe(2);
    const left = (await readdir(dir)).sort();
    expect(left).toHaveLength(2);
    expect(left[0]).toMatch(/^ab-12\./);
    expect(left[1]).toMatch(/^cd-2\./);
    expect(await outbox.remove(['ab-1'])).toBe(0);
  });

  it('has nothing to remove before anything was written', async () => {
    expect(await new DevMailOutbox(join(await root(), 'never')).remove(['x'])).toBe(0);
  });

  it('refuses a key that could reach outside its files', async () => {
    const outbox = new DevMailOutbox(await root());
    await expect(outbox.write('../etc', '<m@x>', 'x')).rejects.toThrow('outbox key');
    await expect(outbox.remove([''])).rejects.toThrow('outbox key');
  });
});
