/**
 * The shared vocabulary of the responder: incident, findings, hypotheses, remediation and the
 * summary model. Every part (probes, classifier, remediation, notifiers, handler, CLI) speaks
 * these types, so a change here is a change of contract: extend, do not repurpose.
 */

export * from './types/incident';
export * from './types/findings';
export * from './types/diagnosis';
export * from './types/classification';
export * from './types/remediation';
export * from './types/summary';
export * from './types/delivery';
