import type { Catalog } from '../../i18n/index.ts';
import { labelOf } from '../../i18n/keys.ts';

/** Why a post could not be sent, from a reason stored or carried as text; anything unknown reads as a Discord error. */
export function deliveryReason(t: Catalog, reason: string): string {
	return labelOf(t.round.deliveryReasons, reason) ?? t.round.deliveryReasons.other;
}

/** Why an import row was rejected; a code the catalog does not know is shown as it is. */
export function importProblem(t: Catalog, code: string): string {
	return labelOf(t.importFile.problems, code) ?? code;
}

/** What an audit event did, or null for an action this version does not describe. */
export function auditAction(t: Catalog, action: string): string | null {
	return labelOf(t.audit.actions, action) ?? null;
}
