/** Wizard step ids, for jumping between steps. */
export const IMPACT_STEP_ID = 'impact';
export const BLOCKING_PODS_STEP_ID = 'blocking-pods';
export const CONFIRM_STEP_ID = 'confirm';
export const PROGRESS_STEP_ID = 'progress';
