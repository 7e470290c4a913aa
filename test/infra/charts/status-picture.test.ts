import { describe, expect, it } from 'vitest';
import { statusPictureData, type PictureInput } from '../../../src/domain/status-picture.ts';
import {
	PICTURE_FONT,
	PICTURE_WIDTH,
	pictureOption,
	pictureSize,
	pictureSvg,
	rasterize,
	renderStatusPicture,
	type PictureLabels,
} from '../../../src/infra/charts/status-picture.ts';

const published = new Date('2021-09-27T01:00:00Z');
const round = {
	createdAt: published,
	publishedAt: published,
	deadline: new Date('2021-10-04T10:00:00Z'),
	closedAt: null,
};

function labels(title: string): PictureLabels {
	return {
		title,
		subtitle: 'Tính đến ngày 05/10/2021 có 2/3 đơn vị đã gửi ý kiến',
		states: { agree: 'Đồng ý', comment: 'Góp ý', silence: 'Đồng ý (im lặng)', pending: 'Chưa trả lời' },
		progressTitle: 'Tiến độ',
		timelineTitle: 'Số đơn vị đã trả lời',
		unitsTitle: 'Từng đơn vị',
		deadline: 'Hạn chót',
		lateNote: 'Viền đỏ: trả lời muộn',
		kinds: { department: 'Vụ', provincial: 'Cục Thống kê', other: 'Khác' },
		formatTime: (d) => d.toISOString().slice(5, 10),
		formatShare: (s) => `${String(Math.round(s * 100))}%`,
	};
}

function rows(n: number): PictureInput['rows'] {
	return Array.from({ length: n }, (_, i) => ({
		unit: { code: `P${String(i)}`, kind: 'provincial' as const },
		current:
			i % 3 === 0
				? null
				: {
						answer: i % 3 === 1 ? ('agree' as const) : ('comment' as const),
						late: i === 2,
						createdAt: new Date(published.getTime() + i * 3_600_000),
					},
	}));
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
	expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
	expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
	return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Pixels darker than near-white inside a box of an RGBA image. */
function ink(image: { pixels: Buffer; width: number }, box: { x: number; y: number; w: number; h: number }): number {
	let n = 0;
	for (let y = box.y; y < box.y + box.h; y++) {
		for (let x = box.x; x < box.x + box.w; x++) {
			const i = (y * image.width + x) * 4;
			if ((image.pixels[i] ?? 255) < 200 || (image.pixels[i + 1] ?? 255) < 200 || (image.pixels[i + 2] ?? 255) < 200)
				n++;
		}
	}
	return n;
}

function render(svg: string, fontFiles?: readonly string[]) {
	const image = rasterize(svg, fontFiles);
	return { pixels: image.pixels, width: image.width, height: image.height };
}

describe('the status picture', () => {
	it('GIVEN a 63-unit round WHEN rendered THEN it is a PNG of the announced size', async () => {
		const data = statusPictureData({ round, rows: rows(63), now: new Date('2021-10-05T01:00:00Z') });
		const picture = await renderStatusPicture(data, labels('R2 — Kế hoạch 2022'));
		expect(pngSize(picture.png)).toEqual({ width: PICTURE_WIDTH, height: picture.height });
		expect(picture).toMatchObject(pictureSize(data));
		// 6 rows of 12 cells: taller than a 9-unit round's single row
		const small = pictureSize(statusPictureData({ round, rows: rows(9), now: new Date('2021-10-05T01:00:00Z') }));
		expect(picture.height).toBeGreaterThan(small.height);
	});

	it('GIVEN 1,000 units WHEN rendered THEN the picture keeps a bounded size (units aggregated by kind)', async () => {
		const data = statusPictureData({ round, rows: rows(1000), now: new Date('2021-10-05T01:00:00Z') });
		const picture = await renderStatusPicture(data, labels('R9'));
		expect(pngSize(picture.png)).toEqual({ width: PICTURE_WIDTH, height: picture.height });
		expect(picture.height).toBeLessThan(1000);
	});

	it('GIVEN a known round WHEN the chart is built THEN its series hold the progress, the cumulative line, the marks and one cell per unit', () => {
		const data = statusPictureData({
			round,
			rows: rows(3),
			reminders: [{ step: '-2wd', at: new Date('2021-09-30T01:00:00Z') }],
			now: new Date('2021-10-05T01:00:00Z'),
		});
		const option = pictureOption(data, labels('R2'));
		const series = option.series as Array<{
			type: string;
			name: string;
			data: unknown[];
			markLine?: { data: Array<{ xAxis: number }> };
		}>;
		expect(series.filter((s) => s.type === 'bar').map((s) => [s.name, s.data])).toEqual([
			['Đồng ý', [1]],
			['Góp ý', [1]],
			['Đồng ý (im lặng)', [0]],
			['Chưa trả lời', [1]],
		]);
		const line = series.find((s) => s.type === 'line');
		expect(line?.data).toEqual([
			[published.getTime(), 0],
			[published.getTime() + 3_600_000, 1],
			[published.getTime() + 2 * 3_600_000, 2],
			[new Date('2021-10-05T01:00:00Z').getTime(), 2],
		]);
		expect(line?.markLine?.data.map((m) => m.xAxis)).toEqual([
			round.deadline.getTime(),
			new Date('2021-09-30T01:00:00Z').getTime(),
		]);
		const cells = series
			.filter((s) => s.type === 'scatter')
			.flatMap((s) => s.data as Array<{ value: unknown[]; itemStyle: object }>);
		expect(cells.map((c) => c.value[2]).sort()).toEqual(['P0', 'P1', 'P2']);
		expect(cells.find((c) => c.value[2] === 'P2')?.itemStyle).toMatchObject({ borderWidth: 3 });
	});

	it('GIVEN two reminder steps 40 minutes apart in a 17-day round WHEN drawn THEN both lines stay and they share one label', () => {
		const deadline = new Date('2021-10-04T09:00:00Z');
		const data = statusPictureData({
			round: { ...round, deadline },
			rows: rows(3),
			reminders: [
				{ step: '-2wd', at: new Date('2021-09-30T01:00:00Z') },
				{ step: '-30m', at: new Date('2021-10-04T08:30:00Z') },
				{ step: '+10m', at: new Date('2021-10-04T09:10:00Z') },
			],
			now: new Date('2021-10-04T09:30:00Z'),
		});
		const line = (
			pictureOption(data, labels('R1')).series as Array<{
				type: string;
				markLine?: { data: Array<{ label: { formatter: string } }> };
			}>
		).find((s) => s.type === 'line');
		expect(line?.markLine?.data.map((m) => m.label.formatter)).toEqual(['Hạn chót', '-2wd', '-30m, +10m', '']);
	});

	it('GIVEN a Vietnamese unit name WHEN rendered THEN its glyphs come from the shipped Noto Sans and from nothing else', () => {
		const name = 'Cục Thống kê tỉnh Đắk Lắk';
		const data = statusPictureData({ round, rows: rows(3), now: new Date('2021-10-05T01:00:00Z') });
		const svg = pictureSvg(data, labels(name));
		expect(svg).toContain(name);
		expect(svg).toContain(PICTURE_FONT.family);
		const titleBox = { x: 20, y: 12, w: 500, h: 30 };

		// With the shipped font files the name is drawn ...
		const shipped = render(svg);
		expect(ink(shipped, titleBox)).toBeGreaterThan(500);
		// ... and without them nothing is (system fonts are never loaded), so the ink above came from the shipped font.
		expect(ink(render(svg, []), titleBox)).toBe(0);

		// The diacritics are real glyphs, not missing-glyph boxes: "ắ" and "ặ" differ, and both differ from "a".
		const glyph = (text: string) =>
			render(
				`<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80"><text x="20" y="55" font-size="48" font-family="${PICTURE_FONT.family}">${text}</text></svg>`,
			).pixels;
		const [breve, dotBelow, plain] = [glyph('ắ'), glyph('ặ'), glyph('a')];
		expect(breve.equals(dotBelow)).toBe(false);
		expect(breve.equals(plain)).toBe(false);
		expect(dotBelow.equals(plain)).toBe(false);
		expect(PICTURE_FONT.files.every((f) => f.includes('node_modules/@expo-google-fonts/noto-sans/'))).toBe(true);
	});
});
