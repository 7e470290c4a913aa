import { describe, expect, it } from 'vitest';
import type { Answer, Unit } from '../../src/domain/model.ts';
import { statusPictureFile, type StatusSnapshot } from '../../src/discord/views/status.ts';
import { childPids } from '../support/processes.ts';
import { PICTURE_ROUND } from '../support/status-fixture.ts';

const round = PICTURE_ROUND;
const published = PICTURE_ROUND.publishedAt!;

function snapshot(count: number): StatusSnapshot {
	return {
		round,
		rows: Array.from({ length: count }, (_, i) => {
			const unit: Unit = {
				id: i + 1,
				guildId: 'g',
				code: `DV${String(i + 1).padStart(2, '0')}`,
				name: `Đơn vị ${String(i + 1)}`,
				kind: i < 9 ? 'department' : 'provincial',
				channelId: `c${String(i)}`,
				roleId: `r${String(i)}`,
				archived: false,
			};
			const current: Answer | null =
				i % 4 === 3
					? null
					: {
							id: i + 1,
							roundId: 1,
							unitId: unit.id,
							version: 1,
							answer: i % 3 === 0 ? 'comment' : 'agree',
							text: null,
							fileName: null,
							fileUrl: null,
							userId: 'u',
							userName: 'Cán bộ',
							source: null,
							late: false,
							createdAt: new Date(published.getTime() + i * 3_600_000),
						};
			return { unit, current };
		}),
	};
}

describe("the bot's status picture", () => {
	it("GIVEN a 63-unit round WHEN the bot draws its status picture THEN it is drawn in a child process of the bot's, and comes back as a PNG: the bot's event loop goes on meanwhile (other interactions are not held up)", async () => {
		const children = new Set<number>();
		let turns = 0;
		const watch = setInterval(() => {
			turns++;
			for (const pid of childPids(process.pid)) children.add(pid);
		}, 5);
		try {
			const file = await statusPictureFile(snapshot(63), 'vi', new Date('2021-10-05T01:00:00Z'));

			expect(file.name).toMatch(/\.png$/);
			expect([...file.attachment.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
		} finally {
			clearInterval(watch);
		}
		expect(children.size).toBeGreaterThan(0);
		expect(turns).toBeGreaterThan(0);
	});
});
