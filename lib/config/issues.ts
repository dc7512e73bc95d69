/**
 * Collects configuration problems so one synth reports all of them, and offers the primitive
 * checks every validator shares. The config file is run by tsx without type checking, so every
 * value is checked as if it were untyped.
 */
import { ConfigError } from './config-error';

export type Untyped = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is Untyped {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class Issues {
  private readonly problems: string[] = [];

  add(path: string, problem: string, fix: string): void {
    this.problems.push(`${path}: ${problem}. ${fix}`);
  }

  get list(): readonly string[] {
    return this.problems;
  }

  /** Throws when anything was reported. */
  throwIfAny(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }

  integer(path: string, value: unknown, min: number, max: number): value is number {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return true;
    this.add(path, `${describe(value)} is out of range`, `Use a whole number from ${min} to ${max}.`);
    return false;
  }

  number(path: string, value: unknown, minExclusive: number, max: number): value is number {
    if (typeof value === 'number' && Number.isFinite(value) && value > minExclusive && value <= max) return true;
    this.add(path, `${describe(value)} is out of range`, `Use a number above ${minExclusive} and at most ${max}.`);
    return false;
  }

  boolean(path: string, value: unknown): value is boolean {
    if (typeof value === 'boolean') return true;
    this.add(path, `${describe(value)} is not a boolean`, 'Use true or false.');
    return false;
  }

  /** A string matching `pattern`; `expected` says in words what is accepted. */
  text(path: string, value: unknown, pattern: RegExp, expected: string): value is string {
    if (typeof value === 'string' && pattern.test(value)) return true;
    this.add(path, value === undefined ? 'missing' : `${describe(value)} is not valid`, `Use ${expected}.`);
    return false;
  }

  /** Reports keys the shape does not know (usually a typo that would silently be ignored). */
  unknownKeys(path: string, value: Untyped, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        this.add(`${path}.${key}`, 'unknown setting', `Remove it or use one of: ${known.join(', ')}.`);
      }
    }
  }
}

export function describe(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}
