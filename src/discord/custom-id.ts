import { z } from 'zod';

/**
 * Every button and modal custom id is encoded and decoded here. Ids carry a version prefix so that a change of
 * format turns old buttons into "no longer available" answers instead of misreadings; they stay ≤ 100 characters.
 * The schema is the only description of an id: its fields, in their declared order, are the id's parts.
 */
const VERSION = 'g1';

const IdNum = z.coerce.number().int().positive();

export const CustomIdSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('agree'), roundId: IdNum, unitId: IdNum }),
	z.object({ kind: z.literal('comment'), roundId: IdNum, unitId: IdNum }),
	z.object({ kind: z.literal('comment-modal'), roundId: IdNum, unitId: IdNum }),
]);
export type CustomId = z.infer<typeof CustomIdSchema>;

/** Each kind's fields after `kind`, read from the schema. */
const FIELDS: ReadonlyMap<string, readonly string[]> = new Map(
	CustomIdSchema.options.map((o) => [o.shape.kind.value, Object.keys(o.shape).filter((k) => k !== 'kind')]),
);

/** Encodes a custom id; throws if the result would break Discord's 100-character limit (a programming error). */
export function encodeCustomId(id: CustomId): string {
	const values = (FIELDS.get(id.kind) ?? []).map((field) => String((id as Record<string, unknown>)[field]));
	const encoded = [VERSION, id.kind, ...values].join(':');
	if (encoded.length > 100) throw new Error(`custom id too long: ${encoded}`);
	return encoded;
}

/** Decodes a custom id, or returns null for anything unknown, stale or malformed. */
export function decodeCustomId(raw: string): CustomId | null {
	const [version, kind, ...values] = raw.split(':');
	const fields = kind === undefined ? undefined : FIELDS.get(kind);
	if (version !== VERSION || !fields || values.length !== fields.length) return null;
	const parsed = CustomIdSchema.safeParse(
		Object.fromEntries([['kind', kind], ...fields.map((f, i) => [f, values[i]])]),
	);
	return parsed.success ? parsed.data : null;
}
