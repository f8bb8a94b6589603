// A ratio of two counts, null when there is nothing to divide by: the rates of reports, track records and targets.

/** numerator / denominator, unrounded; null when the denominator is 0. */
export const rate = (numerator: number, denominator: number): number | null => denominator === 0 ? null : numerator / denominator
