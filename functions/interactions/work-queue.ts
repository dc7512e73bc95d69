/** Receives of a work item before its queue moves it to the dead-letter queue (the stack's maxReceiveCount). */
export const WORK_MAX_RECEIVES = 3;
