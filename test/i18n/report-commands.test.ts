import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';

type Option = {
	name: string;
	name_localizations?: Record<string, string>;
	options?: Option[];
	choices?: Array<{ value: string; name: string; name_localizations?: Record<string, string> }>;
};

function command(name: string): Option {
	const found = commands.find((c) => c.data.name === name);
	expect(found, `/${name}`).toBeDefined();
	return found!.data as unknown as Option;
}

function sub(parent: Option, name: string): Option {
	const found = parent.options?.find((o) => o.name === name);
	expect(found, `${parent.name} ${name}`).toBeDefined();
	return found!;
}

/** `english:vietnamese` of each option, in registration order. */
function names(o: Option): string[] {
	return (o.options ?? []).map((x) => `${x.name}:${x.name_localizations?.['vi'] ?? ''}`);
}

describe('issue 5 commands: English base names, Vietnamese localizations with diacritics', () => {
	it('GIVEN /round WHEN built THEN items, baseline, report and create’s `from` carry their Vietnamese names', () => {
		const round = command('round');
		expect(`${sub(round, 'items').name_localizations?.['vi']} ${names(sub(round, 'items')).join(' ')}`).toBe(
			'đầu-báo-cáo round:đợt file:tệp',
		);
		expect(`${sub(round, 'baseline').name_localizations?.['vi']} ${names(sub(round, 'baseline')).join(' ')}`).toBe(
			'kế-hoạch-năm-trước round:đợt file:tệp',
		);
		const report = sub(round, 'report');
		expect(`${report.name_localizations?.['vi']} ${names(report).join(' ')}`).toBe(
			'tổng-hợp round:đợt format:định-dạng post:đăng',
		);
		expect(sub(report, 'format').choices?.map((c) => [c.value, c.name_localizations?.['vi']])).toEqual([
			['xlsx', 'XLSX (Excel, đủ các bảng)'],
			['csv', 'CSV (bảng Đơn vị)'],
		]);
		expect(names(sub(round, 'create'))).toContain('from:từ-đợt');
	});

	it('GIVEN /feedback WHEN built THEN comment has `items` and record has round, unit, answer, source, text', () => {
		const feedback = command('feedback');
		expect(names(sub(feedback, 'comment'))).toContain('items:đầu-báo-cáo');
		const record = sub(feedback, 'record');
		expect(record.name_localizations?.['vi']).toBe('ghi-nhận-thay');
		expect(names(record)).toEqual(['round:đợt', 'unit:đơn-vị', 'answer:ý-kiến', 'source:nguồn', 'text:nội-dung']);
		expect(sub(record, 'answer').choices?.map((c) => [c.value, c.name, c.name_localizations?.['vi']])).toEqual([
			['agree', 'Agree', 'Nhất trí'],
			['comment', 'Comment', 'Có ý kiến'],
		]);
	});

	it('GIVEN /comment and /audit WHEN built THEN resolve and export carry their options and choices in both languages', () => {
		const comment = command('comment');
		expect(comment.name_localizations?.['vi']).toBe('tiếp-thu-giải-trình');
		const resolve = sub(comment, 'resolve');
		expect(`${resolve.name_localizations?.['vi']} ${names(resolve).join(' ')}`).toBe(
			'xử-lý comment:ý-kiến outcome:kết-quả note:nội-dung',
		);
		expect(sub(resolve, 'outcome').choices?.map((c) => [c.value, c.name, c.name_localizations?.['vi']])).toEqual([
			['accepted', 'Accepted', 'Tiếp thu'],
			['explained', 'Explained', 'Giải trình'],
		]);
		const audit = command('audit');
		expect(audit.name_localizations?.['vi']).toBe('nhật-ký');
		expect(`${sub(audit, 'export').name_localizations?.['vi']} ${names(sub(audit, 'export')).join(' ')}`).toBe(
			'xuất round:đợt format:định-dạng',
		);
	});
});
