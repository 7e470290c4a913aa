import { describe, expect, it } from 'vitest';
import { DISCORD_UPLOAD_BYTES, withFile } from '../../src/discord/views/files.ts';
import { catalog } from '../../src/i18n/index.ts';

describe('the report file and Discord’s upload limit', () => {
	const file = (bytes: number) => ({ name: 'bao-cao-R1.xlsx', attachment: Buffer.alloc(bytes) });

	it('GIVEN a file within the limit WHEN sent THEN it is attached and the text is unchanged', () => {
		const largest = file(DISCORD_UPLOAD_BYTES);
		const sent = withFile(catalog('vi'), 'Báo cáo', largest);
		expect(sent.text).toBe('Báo cáo');
		expect(sent.files).toHaveLength(1);
		expect(sent.files[0]).toBe(largest);
	});

	it('GIVEN a file above the limit WHEN sent THEN it stays behind and the text says its size, the limit and the CSV way', () => {
		const vi = withFile(catalog('vi'), 'Báo cáo', file(21 * 1024 * 1024));
		expect(vi.files).toEqual([]);
		expect(vi.text).toBe(
			'Báo cáo\nTệp báo cáo (21 MB) vượt giới hạn tải lên 10 MB của Discord nên không được đính kèm; tệp CSV (bảng Đơn vị) nhỏ hơn nhiều.',
		);
		const en = withFile(catalog('en'), 'Report', file(2048), 1024);
		expect(en.files).toEqual([]);
		expect(en.text).toContain("The report file (2 KB) is above Discord's 1 KB upload limit");
	});

	it('GIVEN a text near Discord’s message limit WHEN the note is added THEN the message stays within 2,000 characters', () => {
		const sent = withFile(catalog('vi'), 'x'.repeat(1990), file(2048), 1024);
		expect(sent.text.length).toBeLessThanOrEqual(2000);
	});
});
