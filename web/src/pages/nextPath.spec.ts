import { describe, expect, it } from '@jest/globals';
import { nextPath } from './nextPath';

describe('nextPath (where the sign-in goes next)', () => {
  it('goes back to the page that sent the person, its query kept', () => {
    expect(nextPath('?next=%2Fsupervisor%3FdepartmentCode%3Dstreets')).toBe(
      '/supervisor?departmentCode=streets',
    );
  });

  it('never leaves the app: no other site, no protocol-relative or backslash path', () => {
    for (const next of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      'supervisor',
    ]) {
      expect(nextPath(`?next=${encodeURIComponent(next)}`)).toBeNull();
    }
    expect(nextPath('')).toBeNull();
  });
});
