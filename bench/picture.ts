/**
 * One status-picture measurement in a process of its own (so memory is this work's alone):
 * `node --import tsx bench/picture.ts <units>` prints JSON to stdout:
 * - coldMs / coldCpuMs: the first picture (ECharts sets itself up, the font files are read), wall and CPU time;
 * - warmMs / warmCpuMs: the median of the next five;
 * - extraMb: peak resident memory while drawing the first picture, above the resident memory with the modules
 *   loaded (later pictures' buffers are garbage the collector frees when it runs);
 * - apartMs: the median of three pictures drawn as the bot draws them, each in a child process of its own
 *   (src/infra/apart.ts, compiled: run `npm run build` first), start of the process included.
 */
import { writeFileSync } from 'node:fs';
import { statusPictureData, type PictureInput } from '../src/domain/status-picture.ts';
import { catalog } from '../src/i18n/index.ts';
import { renderStatusPicture } from '../src/infra/charts/status-picture.ts';
import { pictureLabels } from '../src/discord/views/status.ts';
import { PICTURE_ROUND } from '../test/support/status-fixture.ts';

const count = Number(process.argv[2] ?? 63);
const published = new Date('2021-09-17T02:00:00Z');
const round = PICTURE_ROUND;
const rows: PictureInput['rows'] = Array.from({ length: count }, (_, i) => ({
	unit: { code: `P${String(i + 1).padStart(4, '0')}`, kind: i < count / 10 ? 'department' : 'provincial' },
	current:
		i % 5 === 4
			? null
			: {
					answer: i % 3 === 0 ? 'comment' : 'agree',
					late: i % 17 === 0,
					createdAt: new Date(published.getTime() + ((i * 7_919_000) % (17 * 86_400_000))),
				},
}));
const now = new Date('2021-10-05T02:00:00Z');
const reminders = [
	{ step: '-2wd', at: new Date('2021-09-30T01:00:00Z') },
	{ step: '+1wd', at: new Date('2021-10-05T01:00:00Z') },
];

const t = catalog('vi');
const snapshot = {
	round,
	rows: rows.map((r, i) => ({
		unit: {
			id: i,
			guildId: 'g',
			code: r.unit.code,
			name: r.unit.code,
			kind: r.unit.kind,
			channelId: '',
			roleId: '',
			archived: false,
		},
		current: r.current
			? {
					id: i,
					roundId: 1,
					unitId: i,
					version: 1,
					answer: r.current.answer,
					text: null,
					fileName: null,
					fileUrl: null,
					userId: null,
					userName: null,
					source: null,
					late: r.current.late,
					createdAt: r.current.createdAt,
				}
			: null,
	})),
};

async function draw(): Promise<Buffer> {
	const data = statusPictureData({ round, rows, reminders, now });
	return (await renderStatusPicture(data, pictureLabels(t, snapshot, now, data.units.mode === 'by-kind'))).png;
}

function cpuMs(since: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(since);
	return (used.user + used.system) / 1000;
}

const before = process.memoryUsage().rss;
let t0 = performance.now();
let c0 = process.cpuUsage();
await draw();
const coldMs = performance.now() - t0;
const coldCpuMs = cpuMs(c0);
// Peak resident memory of drawing one picture (what a /round status adds), before later pictures pile up garbage.
const extraMb = Math.max(0, process.resourceUsage().maxRSS * 1024 - before) / 1024 / 1024;
const wall: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < 5; i++) {
	t0 = performance.now();
	c0 = process.cpuUsage();
	await draw();
	wall.push(performance.now() - t0);
	cpu.push(cpuMs(c0));
}
// `--write <file>` keeps the last picture (docs/status-picture-63.png was made this way).
const writeTo = process.argv.indexOf('--write');
if (writeTo > 0 && process.argv[writeTo + 1]) writeFileSync(process.argv[writeTo + 1] ?? '', await draw());
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
// What the bot does: each picture drawn in a child process of its own, from the compiled code (`npm run build`).
const dist = new URL('../dist/src/', import.meta.url);
const { runApart } = (await import(new URL('infra/apart.js', dist).href)) as typeof import('../src/infra/apart.ts');
const apart: number[] = [];
for (let i = 0; i < 3; i++) {
	t0 = performance.now();
	await runApart(new URL('discord/views/status.js', dist), 'statusPicturePng', [snapshot, 'vi', now, reminders]);
	apart.push(performance.now() - t0);
}
process.stdout.write(
	JSON.stringify({ coldMs, coldCpuMs, warmMs: median(wall), warmCpuMs: median(cpu), extraMb, apartMs: median(apart) }) +
		'\n',
);
