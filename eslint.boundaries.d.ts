import type { Linter } from 'eslint';

/** The layer boundaries (see eslint.boundaries.js). */
export declare const boundaries: Linter.Config[];
