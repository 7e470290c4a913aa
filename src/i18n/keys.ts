import type { HolidayRowProblemCode } from '../domain/import/holiday-rows.ts';
import type { ItemRowProblemCode } from '../domain/import/item-rows.ts';
import type { UnitRowProblemCode } from '../domain/import/unit-rows.ts';

/** Every reason an import row can be rejected for; each catalog names all of them. */
export type ImportProblemCode = UnitRowProblemCode | ItemRowProblemCode | HolidayRowProblemCode;

/**
 * The label of a key that arrives as a plain string (an audit action read back from the database, an import
 * problem code carried by a generic error): the catalog's label when it has one, else `undefined`.
 */
export function labelOf<K extends string>(labels: Readonly<Record<K, string>>, key: string): string | undefined {
	return Object.hasOwn(labels, key) ? labels[key as K] : undefined;
}
