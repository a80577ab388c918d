import { describe, expect, it } from '@jest/globals';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ContractValidationError, validateAs } from './index.js';

class Base {
  @IsString()
  name: string;
}

class Child extends Base {
  @IsInt()
  @Min(1)
  count: number;
}

const problems = (cls: new () => object, plain: unknown) => {
  try {
    validateAs(cls, plain, 'test');
    return [];
  } catch (error) {
    return (error as ContractValidationError).problems.map((p) => p.field);
  }
};

describe('validation with cached class rules', () => {
  it('still applies inherited and own rules, every time', () => {
    for (let i = 0; i < 3; i++) {
      expect(problems(Child, { name: 'a', count: 2 })).toEqual([]);
      expect(problems(Child, { name: 1, count: 0 }).sort()).toEqual(['count', 'name']);
      expect(problems(Base, { name: 1 })).toEqual(['name']);
    }
  });

  it('sees rules registered after a first validation (a class loaded later)', () => {
    expect(problems(Child, { name: 'a', count: 2 })).toEqual([]);
    class Later {
      @ValidateNested()
      @Type(() => Child)
      child: Child;

      @IsString()
      note: string;
    }
    expect(problems(Later, { child: { name: 'a', count: 0 }, note: 'x' })).toEqual(['child.count']);
    expect(problems(Later, { child: { name: 'a', count: 1 }, note: 5 })).toEqual(['note']);
  });

  it('drops what it remembered of a class when a rule is added to that class', () => {
    class Growing {
      @IsString()
      name: string;
    }
    expect(problems(Growing, { name: 'a', extra: 5 })).toEqual([]);
    // A rule registered on a class already validated (as a late decorator would).
    IsString()(Growing.prototype, 'extra');
    expect(problems(Growing, { name: 'a', extra: 5 })).toEqual(['extra']);
  });
});
