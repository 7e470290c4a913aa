import { z } from 'zod';

/**
 * Every button and modal custom id is encoded and decoded here. Ids carry a version prefix so that a change of
 * format turns old buttons into "no longer available" answers instead of misreadings; they stay ≤ 100 characters.
 */
const VERSION = 'g1';

const IdNum = z.coerce.number().int().positive();

export const CustomIdSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('agree'), roundId: IdNum, unitId: IdNum }),
	z.object({ kind: z.literal('comment'), roundId: IdNum, unitId: IdNum }),
	z.object({ kind: z.literal('comment-modal'), roundId: IdNum, unitId: IdNum }),
]);
export type CustomId = z.infer<typeof CustomIdSchema>;

const FIELDS: Record<CustomId['kind'], readonly string[]> = {
	agree: ['roundId', 'unitId'],
	comment: ['roundId', 'unitId'],
	'comment-modal': ['roundId', 'unitId'],
};

/** Encodes a custom id; throws if the result would break Discord's 100-character limit (a programming error). */
export function encodeCustomId(id: CustomId): string {
	const values = FIELDS[id.kind].map((field) => String((id as Record<string, unknown>)[field]));
	const encoded = [VERSION, id.kind, ...values].join(':');
	if (encoded.length > 100) throw new Error(`custom id too long: ${encoded}`);
	return encoded;
}

/** Decodes a custom id, or returns null for anything unknown, stale or malformed. */
export function decodeCustomId(raw: string): CustomId | null {
	const [version, kind, ...values] = raw.split(':');
	if (version !== VERSION || !kind || !(kind in FIELDS)) return null;
	const fields = FIELDS[kind as CustomId['kind']];
	if (values.length !== fields.length) return null;
	const candidate: Record<string, unknown> = { kind };
	fields.forEach((field, i) => (candidate[field] = values[i]));
	const parsed = CustomIdSchema.safeParse(candidate);
	return parsed.success ? parsed.data : null;
}
