import { createRequire } from 'node:module';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { EChartsOption } from 'echarts';
import * as echarts from 'echarts/core';
// Only the parts the picture draws (each registers itself): importing all of ECharts costs about twice the start-up.
import 'echarts/lib/chart/bar.js';
import 'echarts/lib/chart/line.js';
import 'echarts/lib/chart/scatter.js';
import 'echarts/lib/component/grid.js';
import 'echarts/lib/component/legend.js';
import 'echarts/lib/component/markLine.js';
import 'echarts/lib/component/title.js';
import { SVGRenderer } from 'echarts/renderers';
import type { UnitKind } from '../../domain/model.ts';
import {
	PICTURE_STATES,
	type PictureState,
	type StatusPictureData,
	type UnitsView,
} from '../../domain/status-picture.ts';

/**
 * Draws a round's status picture: Apache ECharts builds the chart as SVG on the server (no DOM, no canvas), and
 * resvg turns the SVG into a PNG with the font shipped in node_modules (Noto Sans, which covers Vietnamese), never
 * the machine's fonts. Both install from the npm registry alone (resvg as a prebuilt per-platform package).
 */

const require = createRequire(import.meta.url);

/** The shipped font files (regular and bold) and the family name they declare. */
export const PICTURE_FONT = {
	family: 'Noto Sans',
	files: [
		require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
		require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
	],
} as const;

export const PICTURE_WIDTH = 1200;

export const STATE_COLOURS: Readonly<Record<PictureState, string>> = {
	agree: '#2e8b57',
	comment: '#e3a21a',
	silence: '#9fd3b4',
	pending: '#b8bec8',
};
const LATE_BORDER = '#c62828';
const DEADLINE_COLOUR = '#c62828';
const REMINDER_COLOUR = '#5b6b82';

/** Every word the picture shows, already in the reader's language. */
export interface PictureLabels {
	title: string;
	subtitle: string;
	states: Record<PictureState, string>;
	progressTitle: string;
	timelineTitle: string;
	unitsTitle: string;
	deadline: string;
	/** Explains how late answers are marked. */
	lateNote: string;
	kinds: Record<UnitKind, string>;
	/** Formats an instant for the time axis (in the round's time zone). */
	formatTime: (at: Date) => string;
	/** Formats a share (0..1) as a percentage. */
	formatShare: (share: number) => string;
}

const TITLE_H = 78;
const PROGRESS_H = 110;
const TIMELINE_H = 300;
const CELL_H = 34;
const KIND_BAR_H = 46;
const SECTION_GAP = 56;
const LEFT = 150;
const RIGHT = 40;

function unitsHeight(units: UnitsView): number {
	return units.mode === 'grid' ? Math.max(1, units.rows) * CELL_H : Math.max(1, units.bars.length) * KIND_BAR_H;
}

/** The picture's size in pixels for these data (height grows with the unit grid). */
export function pictureSize(data: StatusPictureData): { width: number; height: number } {
	return {
		width: PICTURE_WIDTH,
		height: TITLE_H + PROGRESS_H + SECTION_GAP + TIMELINE_H + SECTION_GAP + unitsHeight(data.units) + 40,
	};
}

/**
 * One label per reminder mark, except that marks closer than 2% of the time axis share the first one's label
 * (`-30m, +10m`): their labels would print over each other.
 */
function reminderLabels(
	reminders: StatusPictureData['timeline']['reminders'],
	span: number,
): Array<{ at: number; label: string }> {
	const result: Array<{ at: number; steps: string[] }> = [];
	let leader: { at: number; steps: string[] } | null = null;
	for (const r of reminders) {
		const at = r.at.getTime();
		if (leader && at - leader.at < span * 0.02) {
			leader.steps.push(r.step);
			result.push({ at, steps: [] });
		} else {
			leader = { at, steps: [r.step] };
			result.push(leader);
		}
	}
	return result.map((r) => ({ at: r.at, label: r.steps.join(', ') }));
}

/** The ECharts option for the picture (exported for tests that read what is drawn). */
export function pictureOption(data: StatusPictureData, labels: PictureLabels): EChartsOption {
	const progressTop = TITLE_H + 30;
	const timelineTop = progressTop + PROGRESS_H - 30 + SECTION_GAP;
	const unitsTop = timelineTop + TIMELINE_H + SECTION_GAP;
	const unitsH = unitsHeight(data.units);
	const font = { fontFamily: PICTURE_FONT.family };
	const sectionTitle = (text: string, top: number) => ({
		text,
		left: 20,
		top: top - 30,
		textStyle: { ...font, fontSize: 15, fontWeight: 'bold' as const, color: '#222' },
	});

	// 1. Progress: one stacked horizontal bar, a slice per state with its count and share.
	const progressSeries = PICTURE_STATES.map((state) => {
		const slice = data.progress.find((p) => p.state === state);
		const count = slice?.count ?? 0;
		return {
			type: 'bar' as const,
			name: labels.states[state],
			stack: 'progress',
			xAxisIndex: 0,
			yAxisIndex: 0,
			barWidth: 44,
			itemStyle: { color: STATE_COLOURS[state] },
			label: {
				show: count > 0,
				...font,
				fontSize: 13,
				color: '#111',
				formatter: `${String(count)} (${labels.formatShare(slice?.share ?? 0)})`,
			},
			data: [count],
		};
	});

	// 2. Answers over time: a cumulative step line, the deadline and each reminder step marked.
	const tl = data.timeline;
	const timelineSeries = {
		type: 'line' as const,
		name: labels.timelineTitle,
		xAxisIndex: 1,
		yAxisIndex: 1,
		step: 'end' as const,
		showSymbol: false,
		lineStyle: { width: 3, color: STATE_COLOURS.agree },
		areaStyle: { color: 'rgba(46,139,87,0.12)' },
		data: tl.points.map((p) => [p.at.getTime(), p.answered]),
		markLine: {
			symbol: 'none',
			silent: true,
			data: [
				{
					xAxis: tl.deadline.getTime(),
					lineStyle: { color: DEADLINE_COLOUR, width: 2, type: 'solid' as const },
					// At the foot of the line: reminder steps near the deadline keep the top for their labels.
					label: { ...font, formatter: labels.deadline, color: DEADLINE_COLOUR, position: 'insideStartTop' as const },
				},
				...reminderLabels(tl.reminders, tl.end.getTime() - tl.start.getTime()).map((r) => ({
					xAxis: r.at,
					lineStyle: { color: REMINDER_COLOUR, width: 1, type: 'dashed' as const },
					label: { ...font, formatter: r.label, color: REMINDER_COLOUR, position: 'insideEndTop' as const },
				})),
			],
		},
	};

	// 3. Every unit: a labelled cell per unit (late answers outlined), or one stacked bar per kind of unit.
	const unitSeries =
		data.units.mode === 'grid'
			? PICTURE_STATES.map((state) => ({
					type: 'scatter' as const,
					name: labels.states[state],
					xAxisIndex: 2,
					yAxisIndex: 2,
					symbol: 'rect',
					symbolSize: [
						(PICTURE_WIDTH - LEFT - RIGHT) / (data.units.mode === 'grid' ? data.units.columns : 1) - 6,
						CELL_H - 6,
					],
					itemStyle: { color: STATE_COLOURS[state], opacity: 1 },
					label: { show: true, ...font, fontSize: 12, color: '#111', formatter: '{@[2]}' },
					data: (data.units.mode === 'grid' ? data.units.cells : [])
						.filter((c) => c.state === state)
						.map((c) => ({
							value: [c.col, c.row, c.code],
							itemStyle: c.late ? { borderColor: LATE_BORDER, borderWidth: 3 } : {},
						})),
				}))
			: PICTURE_STATES.map((state) => ({
					type: 'bar' as const,
					name: labels.states[state],
					stack: 'kinds',
					xAxisIndex: 2,
					yAxisIndex: 2,
					barWidth: 30,
					itemStyle: { color: STATE_COLOURS[state] },
					label: {
						show: true,
						...font,
						fontSize: 12,
						color: '#111',
						formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : ''),
					},
					data: data.units.mode === 'by-kind' ? data.units.bars.map((b) => b.counts[state]) : [],
				}));

	const units = data.units;
	const unitAxes =
		units.mode === 'grid'
			? {
					x: { type: 'value' as const, min: -0.5, max: units.columns - 0.5, show: false },
					y: { type: 'value' as const, min: -0.5, max: Math.max(1, units.rows) - 0.5, inverse: true, show: false },
				}
			: {
					x: {
						type: 'value' as const,
						max: Math.max(1, ...units.bars.map((b) => PICTURE_STATES.reduce((n, s) => n + b.counts[s], 0))),
						axisLabel: { ...font },
					},
					y: {
						type: 'category' as const,
						inverse: true,
						data: units.bars.map((b) =>
							b.late > 0 ? `${labels.kinds[b.kind]} (${String(b.late)}*)` : labels.kinds[b.kind],
						),
						axisLabel: { ...font, fontSize: 13 },
					},
				};

	return {
		animation: false,
		backgroundColor: '#ffffff',
		textStyle: font,
		title: [
			{
				text: labels.title,
				subtext: labels.subtitle,
				left: 20,
				top: 12,
				textStyle: {
					...font,
					fontSize: 20,
					fontWeight: 'bold',
					color: '#111',
					width: PICTURE_WIDTH - 40,
					overflow: 'truncate',
				},
				subtextStyle: { ...font, fontSize: 14, color: '#333' },
			},
			sectionTitle(labels.progressTitle, progressTop),
			sectionTitle(labels.timelineTitle, timelineTop),
			sectionTitle(labels.unitsTitle, unitsTop),
			{
				text: labels.lateNote,
				right: RIGHT,
				top: unitsTop - 28,
				textStyle: { ...font, fontSize: 12, fontWeight: 'normal', color: LATE_BORDER },
			},
		],
		// Beside the first section's title, clear of a long round title.
		legend: {
			top: progressTop - 32,
			right: RIGHT,
			data: PICTURE_STATES.map((s) => labels.states[s]),
			textStyle: { ...font, fontSize: 13 },
		},
		grid: [
			{ left: LEFT, right: RIGHT, top: progressTop, height: PROGRESS_H - 60 },
			{ left: LEFT, right: RIGHT, top: timelineTop, height: TIMELINE_H },
			{ left: LEFT, right: RIGHT, top: unitsTop, height: unitsH },
		],
		xAxis: [
			{ type: 'value', gridIndex: 0, max: Math.max(1, data.total), show: false },
			{
				type: 'value',
				gridIndex: 1,
				min: tl.start.getTime(),
				max: tl.end.getTime(),
				splitNumber: 6,
				axisLabel: {
					...font,
					fontSize: 11,
					formatter: (v: number) => labels.formatTime(new Date(v)),
					hideOverlap: true,
				},
				splitLine: { show: false },
			},
			{ ...unitAxes.x, gridIndex: 2 },
		],
		yAxis: [
			{ type: 'category', gridIndex: 0, data: [''], show: false },
			{
				type: 'value',
				gridIndex: 1,
				min: 0,
				max: Math.max(1, data.total),
				minInterval: 1,
				// The top is every unit; a round tick just under it would print over it.
				axisLabel: {
					...font,
					formatter: (v: number) =>
						v === data.total || data.total - v >= Math.max(1, data.total) * 0.06 ? String(v) : '',
				},
			},
			{ ...unitAxes.y, gridIndex: 2 },
		],
		series: [...progressSeries, timelineSeries, ...unitSeries],
	};
}

echarts.use([SVGRenderer]);

/** The picture as SVG (ECharts' server-side renderer). */
export function pictureSvg(data: StatusPictureData, labels: PictureLabels): string {
	const { width, height } = pictureSize(data);
	const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
	try {
		chart.setOption(pictureOption(data, labels));
		return chart.renderToSVGString();
	} finally {
		chart.dispose();
	}
}

function rasterOptions(fontFiles: readonly string[]): ResvgRenderOptions {
	return {
		font: { fontFiles: [...fontFiles], loadSystemFonts: false, defaultFontFamily: PICTURE_FONT.family },
		background: '#ffffff',
	};
}

/** Rasterizes SVG with only the given font files (by default the shipped ones); system fonts are never loaded. */
export function rasterize(svg: string, fontFiles: readonly string[] = PICTURE_FONT.files) {
	return new Resvg(svg, rasterOptions(fontFiles)).render();
}

/** Turns SVG into PNG with the shipped font. */
export function svgToPng(svg: string): Buffer {
	return rasterize(svg).asPng();
}

/**
 * Renders the status picture as a PNG, on the calling thread. The bot calls it in a child process of its own
 * (infra/apart.ts, through discord/views/status.ts), which has nothing else to do, so the clicks' replies are never
 * held up. Rasterizing on libuv's thread pool instead (resvg's renderAsync) started the pool's threads and their
 * own allocator arenas: 30 MB of peak memory for a 63-unit picture instead of 26 (bench/picture.ts).
 */
export async function renderStatusPicture(
	data: StatusPictureData,
	labels: PictureLabels,
): Promise<{ png: Buffer; width: number; height: number }> {
	const size = pictureSize(data);
	return Promise.resolve({ png: svgToPng(pictureSvg(data, labels)), ...size });
}
