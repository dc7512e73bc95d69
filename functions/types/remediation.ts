/** Remediation: the concrete steps and links for a root-cause class. */
import type { RootCauseClass } from './classification';

export interface RemediationStep {
  readonly title: string;
  readonly detail?: string;
  /** Ready-to-run command with the incident's real names filled in. */
  readonly command?: string;
}

export interface Link {
  readonly label: string;
  readonly url: string;
}

export interface Remediation {
  readonly class: RootCauseClass;
  readonly steps: readonly RemediationStep[];
  readonly links: readonly Link[];
}
