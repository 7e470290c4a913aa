import type { Round } from '../../src/domain/model.ts';

/**
 * An open round of the seed's second consultation, as the status picture's tests and bench/picture.ts draw it:
 * published on 17/09/2021, due 04/10/2021 17:00 (Hà Nội time), three reminder steps.
 */
export const PICTURE_ROUND: Round = {
	id: 1,
	guildId: 'g',
	seq: 2,
	code: 'R2',
	title: 'Rà soát kế hoạch công tác năm 2022 của các Cục Thống kê tỉnh, thành phố',
	deadline: new Date('2021-10-04T10:00:00Z'),
	timezone: 'Asia/Ho_Chi_Minh',
	state: 'open',
	commonText: null,
	silencePolicy: 'none',
	latePolicy: 'accept',
	reminderLadder: '-2wd,-0wd,+1wd',
	campaignName: null,
	createdBy: 'u',
	createdAt: new Date('2021-09-17T02:00:00Z'),
	publishedAt: new Date('2021-09-17T02:00:00Z'),
	closedAt: null,
};
