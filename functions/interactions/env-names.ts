/** Environment variables of the interactions Lambda (shared by the stack, the wiring and the sandbox). */

/** The Secrets Manager secret holding the Slack app's signing secret. */
export const SIGNING_SECRET_ENV = 'SLACK_SIGNING_SECRET_ID';
/** The SQS queue the endpoint hands work to. */
export const WORK_QUEUE_ENV = 'INTERACTIONS_QUEUE_URL';
