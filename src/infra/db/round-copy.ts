import type { AuditInput } from '../../app/ports.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { writeAudit } from './audit.ts';

/**
 * The starting point of a round created from an earlier one, copied inside the transaction that creates it: the
 * units' own drafts (text and files), the common draft files unless the new round brings its own, and the plan
 * items of the units it addresses. The baseline is not copied: reports look it up along the chain of rounds.
 * Open comments are not copied either: they are the earlier round's, and reports list them as carried over.
 */
export async function copyRoundContent(
	tx: Prisma.TransactionClient,
	input: { fromRoundId: number; toRoundId: number; unitIds: readonly number[]; copyCommonFiles: boolean },
	audit: AuditInput,
): Promise<void> {
	const { fromRoundId, toRoundId } = input;
	const unitIds = [...input.unitIds];
	const targets = await tx.roundTarget.findMany({
		where: { roundId: fromRoundId, unitId: { in: unitIds }, ownDraft: true },
	});
	for (const target of targets) {
		await tx.roundTarget.update({
			where: { roundId_unitId: { roundId: toRoundId, unitId: target.unitId } },
			data: { draftText: target.draftText, ownDraft: true },
		});
	}
	const files = await tx.draftFile.findMany({
		where: {
			roundId: fromRoundId,
			OR: [{ unitId: { in: targets.map((t) => t.unitId) } }, ...(input.copyCommonFiles ? [{ unitId: null }] : [])],
		},
		orderBy: { id: 'asc' },
	});
	for (const file of files) {
		await tx.draftFile.create({
			data: {
				roundId: toRoundId,
				unitId: file.unitId,
				name: file.name,
				contentType: file.contentType,
				size: file.size,
				data: file.data,
			},
		});
	}
	const items = await tx.planItem.findMany({
		where: { roundId: fromRoundId, set: 'plan', unitId: { in: unitIds } },
		orderBy: { id: 'asc' },
	});
	if (items.length > 0) {
		await tx.planItem.createMany({
			data: items.map((item) => ({
				roundId: toRoundId,
				unitId: item.unitId,
				set: 'plan',
				code: item.code,
				title: item.title,
				frequency: item.frequency,
				due: item.due,
				points: item.points,
			})),
		});
	}
	await writeAudit(tx, {
		...audit,
		action: 'round.copy',
		roundId: toRoundId,
		after: { fromRoundId, drafts: targets.length, files: files.length, items: items.length },
	});
}
