import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runDemo, UNITS_FILE } from '../../demo/scenario.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CODES = ['HTTKQG', 'TKCNXD', 'TKNLTS', 'TKTMDV', 'TKG', 'TKDSLD', 'TKXHMT', 'PPCD', 'TTDL'];
const NINE_OF_NINE =
	'9/9 đơn vị đã gửi ý kiến: 6 đơn vị nhất trí, 3 đơn vị có ý kiến (thời hạn 16 giờ 00 ngày 04/10/2021).';
const SEED_SENTENCE =
	'Tính đến ngày 04/10/2021 có 9/9 đơn vị đã gửi ý kiến. Trong đó: có 6 đơn vị nhất trí với dự thảo; 3 đơn vị có ý kiến.';

describe('npm run demo', () => {
	it("GIVEN the seed's 9 departments WHEN the demo runs THEN its transcript shows each channel's draft and ends with 9/9: 6 agreed, 3 commented", async () => {
		const { transcript, status } = await runDemo();
		expect(status).toContain(NINE_OF_NINE);
		expect(status).toContain(SEED_SENTENCE);
		const final = transcript.slice(transcript.indexOf('Final /round status'));
		expect(final).toContain(NINE_OF_NINE);
		expect(final).toContain(SEED_SENTENCE);

		expect(transcript).toContain('→ Đã nhập 9 đơn vị.');
		expect(transcript).toContain('→ Đợt **R1**: đã gửi dự thảo tới 9 đơn vị.');
		expect(transcript.match(/clicks \[Nhất trí\] on the draft/g)).toHaveLength(6);
		expect(transcript.match(/: \/feedback comment round:R1/g)).toHaveLength(3);
		for (const code of CODES) {
			const section = transcript.slice(transcript.indexOf(`\n#gop-y-${code.toLowerCase()}\n`));
			expect(section).toMatch(
				new RegExp(
					`^\\n#gop-y-${code.toLowerCase()}\\n-+\\n {4}— gopy \\(bot\\) \\(edited 1×\\)\\n {6}Kính gửi: \\*\\*${code} – .*\\n {6}Vụ Tổ chức cán bộ xin ý kiến đơn vị về dự thảo dưới đây\\. Đề nghị đơn vị gửi ý kiến trước 16 giờ 00 ngày 04/10/2021\\.\\n.*\\n {6}@Đại diện ${code}\\n`,
				),
			);
			if (code === 'TTDL')
				expect(section).toMatch(/│ {5}💬 Có ý kiến — @Cán bộ TTDL, 04\/10\/2021 16:20 \(quá hạn\)\n/);
			else expect(section).toMatch(/│ {5}(✅ Nhất trí|💬 Có ý kiến) — @Cán bộ \w+, \d\d\/09\/2021 09:30\n/);
		}
		// The clock chased the late unit: two reminders before the deadline, one after, one escalation, summaries.
		expect(transcript).toContain('clock: reminder sweep → reminded TTDL (-2wd)');
		expect(transcript).toContain('clock: reminder sweep → reminded TTDL (-30m)');
		expect(transcript).toContain('clock: reminder sweep → posted the deadline summary');
		expect(transcript).toContain('clock: reminder sweep → reminded TTDL (+10m); escalated to the coordinators');
		expect(transcript).toContain('⚠️ Đợt **R1**');
		expect(transcript).toContain('Đề nghị đôn đốc các đơn vị khẩn trương gửi ý kiến.\n      @Điều phối');
		expect(transcript).toContain('còn 1/9 đơn vị chưa gửi ý kiến: TTDL.');
		expect(transcript).toContain('tất cả đơn vị đã gửi ý kiến.');
		// Every mention and timestamp is written for people; no raw Discord tag is left.
		expect(transcript).not.toMatch(/<@|<#|<t:/);
	});

	it('GIVEN its units file WHEN the demo reads it THEN it is the copy inside the repository (never ../shared)', () => {
		expect(path.relative(ROOT, UNITS_FILE)).toBe(path.join('demo', 'units-round2.csv'));
	});

	it('GIVEN the entry point behind npm run demo WHEN started as a process THEN it prints the transcript and exits 0 within seconds', async () => {
		const started = Date.now();
		const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'demo/run-demo.ts'], {
			cwd: ROOT,
			timeout: 30_000,
		});
		expect(stderr).toBe('');
		expect(stdout).toContain(NINE_OF_NINE);
		expect(Date.now() - started).toBeLessThan(20_000);
	});
});
