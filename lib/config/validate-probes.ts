import { PROBE_NAMES, type ProbeName } from '../../functions/types';
import { describe, type Issues } from './issues';

export function resolveProbes(issues: Issues, value: unknown): ProbeName[] {
  if (value === undefined) return [...PROBE_NAMES];
  const expected = `probe names from: ${PROBE_NAMES.join(', ')}`;
  if (!Array.isArray(value) || value.length === 0) {
    issues.add(
      'probes',
      `${describe(value)} is not a non-empty list`,
      `List ${expected}, or leave probes unset to run all of them.`,
    );
    return [];
  }
  const probes: ProbeName[] = [];
  (value as readonly unknown[]).forEach((item, index) => {
    const probe = PROBE_NAMES.find((name) => name === item);
    if (!probe) issues.add(`probes[${index}]`, `unknown probe ${describe(item)}`, `Use ${expected}.`);
    else if (probes.includes(probe))
      issues.add(`probes[${index}]`, `probe "${probe}" is listed twice`, 'List each probe once.');
    else probes.push(probe);
  });
  return probes;
}
