import type { AuditInput, UnitRepository } from '../../../app/ports.ts';
import type { Unit } from '../../../domain/model.ts';
import { toUnit } from '../mappers.ts';
import { PrismaRepository } from './base.ts';

/** Units of a server. */
export class PrismaUnitRepository extends PrismaRepository implements UnitRepository {
	async list(guildId: string, opts: { includeArchived?: boolean } = {}): Promise<Unit[]> {
		const rows = await this.prisma.unit.findMany({
			where: { guildId, ...(opts.includeArchived ? {} : { archivedAt: null }) },
			orderBy: { code: 'asc' },
		});
		return rows.map(toUnit);
	}

	async findByCode(guildId: string, code: string): Promise<Unit | null> {
		const row = await this.prisma.unit.findUnique({ where: { guildId_code: { guildId, code } } });
		return row ? toUnit(row) : null;
	}

	async get(id: number): Promise<Unit | null> {
		const row = await this.prisma.unit.findUnique({ where: { id } });
		return row ? toUnit(row) : null;
	}

	async create(
		guildId: string,
		units: Array<Omit<Unit, 'id' | 'guildId' | 'archived'>>,
		audit: AuditInput,
	): Promise<Unit[]> {
		return this.prisma.$transaction(async (tx) => {
			const created: Unit[] = [];
			for (const u of units) {
				const row = await tx.unit.create({
					data: { guildId, code: u.code, name: u.name, kind: u.kind, channelId: u.channelId, roleId: u.roleId },
				});
				created.push(toUnit(row));
				await this.writeAudit(tx, { ...audit, subject: u.code, after: u });
			}
			return created;
		});
	}

	async update(
		id: number,
		changes: Partial<Pick<Unit, 'name' | 'channelId' | 'roleId' | 'kind'>>,
		audit: AuditInput,
	): Promise<Unit> {
		return this.prisma.$transaction(async (tx) => {
			const before = await tx.unit.findUniqueOrThrow({ where: { id } });
			const row = await tx.unit.update({ where: { id }, data: changes });
			await this.writeAudit(tx, {
				...audit,
				subject: row.code,
				before: { name: before.name, channelId: before.channelId, roleId: before.roleId, kind: before.kind },
				after: changes,
			});
			return toUnit(row);
		});
	}

	async remove(id: number, audit: AuditInput): Promise<'deleted' | 'archived'> {
		return this.prisma.$transaction(async (tx) => {
			const unit = await tx.unit.findUniqueOrThrow({ where: { id } });
			const used =
				(await tx.response.count({ where: { unitId: id } })) > 0 ||
				(await tx.roundTarget.count({ where: { unitId: id } })) > 0;
			if (used) {
				await tx.unit.update({ where: { id }, data: { archivedAt: this.clock.now() } });
				await this.writeAudit(tx, { ...audit, action: 'unit.archive', subject: unit.code });
				return 'archived' as const;
			}
			await tx.unit.delete({ where: { id } });
			await this.writeAudit(tx, { ...audit, subject: unit.code, before: unit });
			return 'deleted' as const;
		});
	}
}
