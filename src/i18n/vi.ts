import type { AnswerKind, LatePolicy, RoundState, SilencePolicy, UnitKind } from '../domain/model.ts';
import type { CommentOutcome, ItemField, MatrixChange } from '../domain/items.ts';
import type { PublicHolidayKey } from '../domain/time/public-holidays.ts';
import type { OutboxStatus, SendFailure } from '../app/ports.ts';
import type { DraftArchiveRefusal, TextField } from '../app/errors.ts';
import type { DraftProblemCode } from '../domain/import/draft-bundle.ts';
import type { ImportProblemCode } from './keys.ts';
import type { PermName } from '../domain/permissions.ts';

/**
 * Vietnamese messages: the users' first language and the reference shape every other catalog satisfies. Every term
 * follows docs/GLOSSARY.md (one word per concept, the source article's where it has one); a test rejects the retired
 * words. Maps are keyed by the domain's own unions, so a missing or stray key is a type error, not a fallback.
 * Command names and descriptions live apart, in commands-vi.ts.
 */

/** "6 đơn vị nhất trí, 3 đơn vị có ý kiến": the non-zero parts of a breakdown, or null when every part is zero. */
function parts(list: ReadonlyArray<[number, string]>, sep = ', '): string | null {
	const kept = list.filter(([n]) => n > 0).map(([, text]) => text);
	return kept.length > 0 ? kept.join(sep) : null;
}

export const vi = {
	/** The catalog's own language, for formatting dates and numbers the way its readers write them. */
	lang: 'vi' as 'vi' | 'en',
	language: { vi: 'tiếng Việt', en: 'tiếng Anh' },
	common: {
		yes: 'Có',
		no: 'Không',
		none: '(không có)',
		late: 'quá hạn',
		moreInFile: (p: { file: string }) => `Nội dung đầy đủ trong tệp đính kèm **${p.file}**.`,
		/** A deadline in the article's words: "16 giờ 00 ngày 04/10/2021". */
		at: (p: { hour: string; minute: string; date: string }) => `${p.hour} giờ ${p.minute} ngày ${p.date}`,
		/** Weekday names, Monday first, for working days and the holiday list. */
		weekdays: ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật'],
		/** The working-day unit of a reminder ladder as this language writes it. */
		workingDayUnit: 'nlv' as 'nlv' | 'wd',
		list: (p: { items: readonly string[] }) =>
			p.items.length <= 1 ? (p.items[0] ?? '') : `${p.items.slice(0, -1).join(', ')} và ${p.items.at(-1) ?? ''}`,
	},
	errors: {
		internal: (p: { incident: string }) =>
			`Xin lỗi, đã có lỗi ngoài dự kiến. Vui lòng thử lại sau; nếu lỗi lặp lại, vui lòng báo mã sự cố \`${p.incident}\` cho quản trị viên.`,
		unavailable: 'Thao tác này không còn khả dụng.',
		guildOnly: 'Lệnh này chỉ dùng được trong máy chủ, không dùng trong tin nhắn riêng.',
		notCoordinator: 'Tài khoản này không có quyền điều phối: cần vai trò điều phối hoặc quyền Quản lý máy chủ.',
		notSetUp: 'Máy chủ chưa được thiết lập. Đề nghị người điều phối chạy lệnh `/thiết-lập` trước.',
		tooLong: (p: { field: string; max: number }) => `Phần “${p.field}” dài quá ${p.max} ký tự.`,
		required: (p: { field: string }) => `Vui lòng nhập “${p.field}”.`,
		/** The names of the inputs errors talk about. */
		fields: {
			title: 'tiêu đề',
			text: 'nội dung',
			note: 'ghi chú',
			campaign: 'kế hoạch',
			source: 'nguồn',
			items: 'đầu báo cáo',
			sender: 'đơn vị xin ý kiến',
		} satisfies Record<TextField, string>,
		busy: 'Hệ thống đang bận, vui lòng thử lại sau ít phút.',
	},
	ping: {
		pong: (p: { ws: number; db: string; version: string }) =>
			`Bot đang hoạt động. Độ trễ kết nối tới Discord: ${p.ws} ms; cơ sở dữ liệu: ${p.db}; phiên bản ${p.version}.`,
		dbOk: 'hoạt động tốt',
		dbDown: 'không truy cập được',
	},
	setup: {
		saved: (p: { role: string; channel: string; language: string; timezone: string }) =>
			`Đã lưu thiết lập: vai trò điều phối ${p.role}, kênh điều phối ${p.channel}, bài đăng bằng ${p.language}, múi giờ ${p.timezone}.`,
		sender: (p: { sender: string }) => `Bài xin ý kiến ghi đơn vị xin ý kiến là **${p.sender}**.`,
		noSender: 'Bài xin ý kiến chưa ghi đơn vị xin ý kiến (tùy chọn `đơn-vị-xin-ý-kiến`).',
		badTimezone: (p: { value: string }) =>
			`Múi giờ “${p.value}” không hợp lệ. Vui lòng dùng tên múi giờ IANA, ví dụ Asia/Ho_Chi_Minh.`,
		reportChannelNotWritable: (p: { channel: string }) =>
			`Bot không gửi được tin nhắn vào ${p.channel}. Vui lòng cấp quyền Xem kênh và Gửi tin nhắn cho bot, hoặc chọn kênh khác.`,
		coordinatorRoleNotAssignable: (p: { role: string }) =>
			`Không thể dùng ${p.role} làm vai trò điều phối: @everyone có ở mọi thành viên, còn vai trò do ứng dụng quản lý thì không trao được cho ai. Vui lòng chọn một vai trò riêng cho điều phối viên.`,
		notTextChannel: (p: { channel: string }) => `${p.channel} không phải kênh văn bản.`,
		schedule: (p: { hours: string; days: string; ladder: string }) =>
			`Giờ làm việc ${p.hours}, ngày làm việc ${p.days}; lịch nhắc mặc định cho đợt mới: \`${p.ladder}\`.`,
	},
	unit: {
		kinds: {
			department: 'Vụ, đơn vị thuộc Tổng cục',
			provincial: 'Cục Thống kê tỉnh, thành phố',
			other: 'Đơn vị khác',
		} satisfies Record<UnitKind, string>,
		added: (p: { code: string; name: string; channel: string; role: string }) =>
			`Đã thêm đơn vị **${p.code}** – ${p.name} (kênh ${p.channel}, vai trò ${p.role}).`,
		updated: (p: { code: string }) => `Đã cập nhật đơn vị **${p.code}**.`,
		removed: (p: { code: string }) => `Đã xóa đơn vị **${p.code}**.`,
		archived: (p: { code: string }) =>
			`Đơn vị **${p.code}** đã gửi ý kiến trong các đợt xin ý kiến nên được lưu trữ (không xóa): lịch sử vẫn có trong báo cáo tổng hợp.`,
		badCode: (p: { value: string }) => `Mã đơn vị “${p.value}” không hợp lệ: cần 1–16 ký tự gồm A–Z, 0–9, - hoặc _.`,
		nameTooLong: 'Tên đơn vị phải có từ 1 đến 100 ký tự.',
		duplicate: (p: { code: string }) => `Mã đơn vị **${p.code}** đã tồn tại.`,
		duplicateArchived: (p: { code: string }) =>
			`Mã đơn vị **${p.code}** thuộc một đơn vị đã lưu trữ; vui lòng dùng mã khác.`,
		unknown: (p: { code: string }) => `Không tìm thấy đơn vị đang hoạt động có mã **${p.code}**.`,
		channelNotWritable: (p: { channel: string }) =>
			`Bot không gửi được tin nhắn vào ${p.channel}. Vui lòng cấp quyền Xem kênh và Gửi tin nhắn cho bot.`,
		notTextChannel: (p: { channel: string }) => `${p.channel} không phải kênh văn bản.`,
		nothingToEdit: 'Vui lòng chọn ít nhất một thông tin cần sửa (tên, kênh, vai trò hoặc loại).',
		roleNotAssignable: (p: { role: string }) =>
			`Không dùng được vai trò ${p.role} cho đơn vị: vui lòng chọn một vai trò riêng có thể gán cho cán bộ của đơn vị (không phải @everyone hay vai trò của bot).`,
		listTitle: (p: { count: number }) => `Danh sách đơn vị (${p.count}):`,
		listEmpty: 'Chưa có đơn vị nào. Dùng `/đơn-vị thêm` hoặc `/đơn-vị nhập` để đăng ký.',
		listLine: (p: { code: string; name: string; kind: string; channel: string; role: string }) =>
			`**${p.code}** – ${p.name} · ${p.kind} · ${p.channel} · ${p.role}`,
		archivedTag: '(đã lưu trữ)',
		imported: (p: { count: number }) => `Đã nhập ${p.count} đơn vị.`,
	},
	importFile: {
		unsupported: 'Tệp phải là CSV hoặc XLSX.',
		tooLarge: (p: { max: string }) => `Tệp quá lớn (tối đa ${p.max}).`,
		tooManyRows: (p: { max: number }) => `Tệp có quá nhiều dòng (tối đa ${p.max}).`,
		unreadable: 'Không đọc được tệp: tệp bị hỏng hoặc không đúng định dạng.',
		empty: 'Tệp trống hoặc thiếu dòng tiêu đề.',
		missingColumns: (p: { columns: string }) => `Tệp thiếu cột: ${p.columns}.`,
		duplicateColumns: (p: { columns: string }) =>
			`Tệp có cột bị lặp lại: ${p.columns}. Mỗi cột chỉ được xuất hiện một lần.`,
		inflatedTooLarge: (p: { max: string }) =>
			`Tệp XLSX khi giải nén quá lớn (tối đa ${p.max}); tệp có thể bị hỏng hoặc là “bom nén”.`,
		downloadFailed: 'Không tải được tệp đính kèm từ Discord, vui lòng thử lại.',
		rejected: (p: { count: number }) => `Tệp bị từ chối, không có thay đổi nào được lưu. Cần sửa ${p.count} lỗi:`,
		line: (p: { line: number; column: string; reason: string }) => `Dòng ${p.line}${p.column}: ${p.reason}`,
		problems: {
			required: 'thiếu giá trị bắt buộc',
			'too-long': 'quá dài',
			'bad-code': 'mã không hợp lệ (1–16 ký tự A–Z, 0–9, - hoặc _)',
			'bad-kind': 'loại đơn vị phải là “Vụ”, “Cục Thống kê” hoặc “Khác” (hoặc department, provincial, other)',
			'unknown-channel': 'không tìm thấy kênh',
			'ambiguous-channel': 'có nhiều kênh trùng tên, vui lòng dùng ID',
			'channel-not-writable': 'bot không gửi được tin nhắn vào kênh này',
			'not-text-channel': 'không phải kênh văn bản',
			'unknown-role': 'không tìm thấy vai trò',
			'ambiguous-role': 'có nhiều vai trò trùng tên, vui lòng dùng ID',
			'duplicate-in-file': 'trùng mã với một dòng trước trong tệp',
			'duplicate-existing': 'mã đã tồn tại',
			'bad-date': 'ngày không hợp lệ',
			'unknown-unit': 'mã đơn vị không thuộc đợt xin ý kiến',
			'duplicate-item': 'trùng mã đầu báo cáo trong cùng đơn vị',
			'bad-points': 'điểm phải là số không âm',
		} satisfies Record<ImportProblemCode, string>,
	},
	round: {
		states: { draft: 'chưa gửi', open: 'đang xin ý kiến', closed: 'đã kết thúc' } satisfies Record<RoundState, string>,
		created: (p: { id: string; title: string; deadline: string; count: number }) =>
			`Đã tạo đợt xin ý kiến **${p.id}** – ${p.title}, thời hạn ${p.deadline}, gồm ${p.count} đơn vị. Dùng \`/đợt gửi\` để gửi dự thảo.`,
		deadlineUnparsable: (p: { value: string }) =>
			`Thời hạn “${p.value}” không đúng định dạng. Vui lòng nhập theo dạng \`DD/MM/YYYY HH:mm\` hoặc \`YYYY-MM-DD HH:mm\`.`,
		deadlineNonexistent: (p: { value: string; zone: string; shifted: string }) =>
			`Thời điểm ${p.value} không tồn tại ở múi giờ ${p.zone}: đêm đó đồng hồ được chỉnh nhanh lên (giờ mùa hè), nên giờ này bị bỏ qua (nó sẽ thành ${p.shifted}). Vui lòng chọn một thời điểm khác.`,
		deadlinePast: (p: { value: string }) => `Thời hạn ${p.value} đã qua; vui lòng chọn một thời điểm trong tương lai.`,
		unknownUnits: (p: { codes: string }) => `Không có đơn vị đang hoạt động với mã: ${p.codes}.`,
		noUnits: 'Không có đơn vị nào để gửi. Vui lòng đăng ký đơn vị trước bằng `/đơn-vị thêm`.',
		unknown: (p: { id: string }) => `Không tìm thấy đợt xin ý kiến **${p.id}**.`,
		notTargeted: (p: { unit: string; round: string }) => `Đợt **${p.round}** không xin ý kiến đơn vị **${p.unit}**.`,
		draftSaved: (p: { unit: string; round: string; files: number }) =>
			`Đã lưu dự thảo riêng cho đơn vị **${p.unit}** trong đợt **${p.round}**${p.files > 0 ? ` (${p.files} tệp đính kèm)` : ''}.`,
		draftNeedsContent: 'Vui lòng đính kèm tệp hoặc nhập nội dung dự thảo.',
		draftAfterPublish: (p: { round: string }) =>
			`Đợt **${p.round}** đã được gửi; không thể thay dự thảo. Vui lòng tạo đợt mới cho dự thảo sửa đổi.`,
		fileTooLarge: (p: { max: string }) => `Tệp đính kèm quá lớn (tối đa ${p.max}).`,
		published: (p: { round: string; sent: number; already: number; failed: number; total: number }) =>
			`Đợt **${p.round}**: ` +
			(parts(
				[
					[p.sent, `đã gửi dự thảo tới ${p.sent} đơn vị`],
					[p.already, `${p.already} đơn vị đã nhận từ trước`],
					[p.failed, `không gửi được tới ${p.failed} đơn vị`],
				],
				'; ',
			) ?? 'không có đơn vị nào cần gửi') +
			(p.sent === p.total ? '.' : ` (tổng ${p.total} đơn vị).`),
		failedDelivery: (p: { unit: string; channel: string; reason: string }) =>
			`• **${p.unit}** (${p.channel}): ${p.reason}`,
		inProgress: (p: { count: number; units: string }) =>
			`Đang gửi cho ${p.count} đơn vị (${p.units}); hệ thống sẽ tự hoàn tất, không cần gửi lại.`,
		deliveryStates: { due: 'chờ gửi', sending: 'đang gửi', failed: 'gửi không thành công', skipped: 'không gửi' },
		deliveryReasons: {
			'missing-permission': 'bot không có quyền gửi tin nhắn vào kênh',
			'unknown-channel': 'kênh không còn tồn tại',
			other: 'lỗi Discord',
		} satisfies Record<SendFailure, string>,
		alreadyClosed: (p: { round: string }) => `Đợt **${p.round}** đã kết thúc.`,
		listTitle: 'Các đợt xin ý kiến đang mở và gần đây:',
		listEmpty: 'Chưa có đợt xin ý kiến nào. Dùng `/đợt tạo` để bắt đầu.',
		listLine: (p: { id: string; title: string; state: string; answered: number; total: number; deadline: string }) =>
			`**${p.id}** – ${p.title} · ${p.state} · ${p.answered > 0 ? `${p.answered}/${p.total} đơn vị đã gửi ý kiến` : `chưa có đơn vị nào gửi ý kiến (${p.total} đơn vị)`} · thời hạn ${p.deadline}`,
		autocompleteLabel: (p: { id: string; title: string; state: string }) => `${p.id} · ${p.title} (${p.state})`,
	},
	post: {
		title: (p: { title: string }) => `Xin ý kiến dự thảo: ${p.title}`,
		/** The first line of every post to a unit. */
		to: (p: { unit: string }) => `Kính gửi: **${p.unit}**`,
		intro: (p: { sender: string | null; deadline: string }) =>
			`${p.sender ? `${p.sender} xin ý kiến` : 'Xin ý kiến'} đơn vị về dự thảo dưới đây. Đề nghị đơn vị gửi ý kiến trước ${p.deadline}.`,
		deadline: (p: { at: string }) => `Thời hạn gửi ý kiến: trước ${p.at}`,
		round: (p: { id: string }) => `Đợt ${p.id}`,
		howTo: 'Bấm **Nhất trí** nếu nhất trí với dự thảo, hoặc **Có ý kiến** để gửi ý kiến của đơn vị.',
		agree: 'Nhất trí',
		comment: 'Có ý kiến',
		stateNone: '⏳ Chưa gửi ý kiến',
		stateAgree: (p: { user: string; at: string; late: string }) => `✅ Nhất trí — ${p.user}, ${p.at}${p.late}`,
		stateComment: (p: { user: string; at: string; late: string }) => `💬 Có ý kiến — ${p.user}, ${p.at}${p.late}`,
		stateSilence: '☑️ Coi là nhất trí (không gửi ý kiến đến hết thời hạn)',
		lateTag: ' (quá hạn)',
		onBehalf: (p: { source: string }) => `ghi nhận thay (${p.source})`,
		draftFiles: (p: { count: number }) => `Tệp dự thảo đính kèm: ${p.count}.`,
		noDraftText: 'Dự thảo ở tệp đính kèm.',
	},
	modal: {
		title: 'Ý kiến về dự thảo',
		label: 'Nội dung ý kiến',
		placeholder: 'Nêu ý kiến của đơn vị về dự thảo…',
	},
	feedback: {
		agreed: (p: { unit: string; round: string; late: string }) =>
			`Đã ghi nhận: đơn vị **${p.unit}** nhất trí với dự thảo của đợt **${p.round}**${p.late}.`,
		commented: (p: { unit: string; round: string; late: string }) =>
			`Đã ghi nhận ý kiến của đơn vị **${p.unit}** về dự thảo của đợt **${p.round}**${p.late}.`,
		lateNote: ' (quá hạn, được đánh dấu quá hạn)',
		notMember: 'Tài khoản này không thuộc đơn vị nào được xin ý kiến trong đợt này.',
		notMemberOfUnit: (p: { unit: string }) => `Tài khoản này không có vai trò của đơn vị **${p.unit}**.`,
		chooseUnit: (p: { units: string }) =>
			`Tài khoản này thuộc nhiều đơn vị của đợt (${p.units}); vui lòng chọn đơn vị ở tùy chọn \`đơn-vị\`.`,
		roundClosed: (p: { round: string }) => `Đợt **${p.round}** đã kết thúc, không nhận thêm ý kiến.`,
		roundNotOpen: (p: { round: string }) => `Đợt **${p.round}** chưa được gửi đi, chưa thể gửi ý kiến.`,
		lateRefused: (p: { round: string }) =>
			`Đã quá thời hạn gửi ý kiến của đợt **${p.round}**; đợt này không nhận ý kiến quá hạn.`,
		textRequired: 'Vui lòng nhập nội dung ý kiến.',
		showTitle: (p: { unit: string; round: string }) => `Ý kiến của **${p.unit}** trong đợt **${p.round}**:`,
		current: (p: { state: string }) => `Hiện tại: ${p.state}`,
		historyTitle: 'Lịch sử gửi ý kiến:',
		historyLine: (p: { n: number; answer: string; user: string; at: string; late: string }) =>
			`${p.n}. ${p.answer} — ${p.user}, ${p.at}${p.late}`,
		noAnswer: 'Đơn vị chưa gửi ý kiến.',
		answers: {
			agree: 'Nhất trí',
			comment: 'Có ý kiến',
			silence: 'Coi là nhất trí (không gửi ý kiến)',
		} satisfies Record<AnswerKind, string>,
		fileTooLarge: (p: { max: string }) => `Tệp đính kèm quá lớn (tối đa ${p.max}).`,
	},
	status: {
		headline: (p: {
			answered: number;
			total: number;
			agreed: number;
			commented: number;
			pending: number;
			deadline: string;
		}) => {
			if (p.answered === 0) return `Chưa có đơn vị nào gửi ý kiến (${p.total} đơn vị; thời hạn ${p.deadline}).`;
			const breakdown =
				p.agreed === p.answered
					? p.answered > 1
						? `cả ${p.agreed} đơn vị đều nhất trí`
						: 'đơn vị nhất trí'
					: p.commented === p.answered
						? p.answered > 1
							? `cả ${p.commented} đơn vị đều có ý kiến`
							: 'đơn vị có ý kiến'
						: parts([
								[p.agreed, `${p.agreed} đơn vị nhất trí`],
								[p.commented, `${p.commented} đơn vị có ý kiến`],
							]);
			const pending = p.pending > 0 ? `; còn ${p.pending} đơn vị chưa gửi ý kiến` : '';
			return `${p.answered}/${p.total} đơn vị đã gửi ý kiến: ${breakdown ?? ''}${pending} (thời hạn ${p.deadline}).`;
		},
		silenceNote: (p: { count: number }) =>
			`Ngoài ra, ${p.count} đơn vị không gửi ý kiến đến hết thời hạn được coi là nhất trí.`,
		seed: (p: { date: string; answered: number; total: number; agreed: number; commented: number }) => {
			if (p.answered === 0) return `Tính đến ngày ${p.date} chưa có đơn vị nào gửi ý kiến.`;
			const breakdown =
				p.commented === 0
					? p.agreed > 1
						? `cả ${p.agreed} đơn vị đều nhất trí với dự thảo`
						: 'đơn vị nhất trí với dự thảo'
					: p.agreed === 0
						? p.commented > 1
							? `cả ${p.commented} đơn vị đều có ý kiến`
							: 'đơn vị có ý kiến'
						: `có ${p.agreed} đơn vị nhất trí với dự thảo; ${p.commented} đơn vị có ý kiến`;
			return `Tính đến ngày ${p.date} có ${p.answered}/${p.total} đơn vị đã gửi ý kiến. Trong đó: ${breakdown}.`;
		},
		title: (p: { id: string; title: string; state: string }) => `Đợt ${p.id} – ${p.title} (${p.state})`,
		pendingTitle: 'Chưa gửi ý kiến:',
		pendingNone: 'Tất cả đơn vị đã gửi ý kiến.',
		commentsTitle: 'Ý kiến:',
		tableTitle: 'Từng đơn vị:',
		tableHeaders: ['Mã', 'Đơn vị', 'Ý kiến', 'Người gửi', 'Thời điểm', 'Quá hạn', 'Nội dung ý kiến'],
		unitLine: (p: { code: string; name: string; answer: string; who: string; at: string; late: string }) =>
			`**${p.code}** ${p.name}: ${p.answer}${p.who}${p.at}${p.late}`,
		posted: (p: { channel: string }) => `Đã đăng tình hình gửi ý kiến vào ${p.channel}.`,
		fileName: (p: { id: string }) => `tinh-hinh-${p.id}.md`,
		pendingAnswer: 'chưa gửi ý kiến',
		deliveryNote: (p: { state: string; reason: string }) => ` · dự thảo: ${p.state}${p.reason ? ` (${p.reason})` : ''}`,
	},
	picture: {
		fileName: (p: { id: string }) => `tinh-hinh-${p.id}.png`,
		title: (p: { id: string; title: string }) => `Đợt ${p.id} – ${p.title}`,
		states: { agree: 'Nhất trí', comment: 'Có ý kiến', silence: 'Coi là nhất trí', pending: 'Chưa gửi ý kiến' },
		progressTitle: 'Tiến độ gửi ý kiến',
		timelineTitle: 'Số đơn vị đã gửi ý kiến theo thời gian',
		unitsTitle: 'Từng đơn vị',
		unitsByKindTitle: 'Theo loại đơn vị',
		deadline: 'Thời hạn',
		lateNote: 'Viền đỏ: gửi ý kiến quá hạn',
		lateNoteByKind: '(n*): số đơn vị gửi ý kiến quá hạn',
		kinds: {
			department: 'Vụ, đơn vị thuộc Tổng cục',
			provincial: 'Cục Thống kê tỉnh, thành phố',
			other: 'Đơn vị khác',
		},
		deadlineLine: (p: { absolute: string; relative: string }) => `Thời hạn: ${p.absolute} (${p.relative})`,
		progressBar: (p: { bar: string; percent: string }) => `${p.bar} ${p.percent}`,
		unavailable: 'Không vẽ được hình tình hình lần này; bảng vẫn đầy đủ.',
	},
	drafts: {
		saved: (p: { count: number; round: string }) =>
			`Đã lưu dự thảo riêng cho ${p.count} đơn vị của đợt **${p.round}**.`,
		withoutOwn: (p: { count: number; units: string }) =>
			`${p.count} đơn vị của đợt chưa có dự thảo riêng (sẽ nhận dự thảo chung nếu có): ${p.units}`,
		allHaveOwn: 'Mọi đơn vị của đợt đều đã có dự thảo riêng.',
		unsupported: 'Tệp phải là ZIP (mỗi đơn vị một tệp hoặc thư mục mang mã đơn vị), hoặc XLSX/CSV có cột unit,text.',
		tooLarge: (p: { max: string }) => `Tệp quá lớn (tối đa ${p.max}).`,
		rejected: (p: { count: number }) => `Tệp bị từ chối, không có dự thảo nào được lưu. ${p.count} lỗi cần sửa:`,
		problem: (p: { where: string; reason: string }) => `${p.where}: ${p.reason}`,
		whereEntry: (p: { entry: string }) => `Mục “${p.entry}”`,
		whereLine: (p: { line: number }) => `Dòng ${p.line}`,
		whereUnit: (p: { unit: string }) => `Đơn vị ${p.unit}`,
		whereFile: 'Tệp',
		problems: {
			'bad-name': 'tên không phải mã đơn vị (đặt tên như TKG.pdf hoặc thư mục TKG/)',
			'nested-archive': 'là tệp nén nằm trong tệp nén; vui lòng giải nén trước',
			empty: 'rỗng',
			'too-large': 'vượt giới hạn tệp đính kèm của Discord (8 MB)',
			'too-many-files': 'có quá 10 tệp (giới hạn của một tin nhắn Discord)',
			'duplicate-unit': 'đơn vị đã có ở một dòng trước',
			'text-required': 'thiếu nội dung dự thảo',
			'text-too-long': 'nội dung dài quá 4000 ký tự',
			'unknown-unit': 'mã đơn vị không có trên máy chủ',
			'not-in-round': 'đơn vị không thuộc đợt xin ý kiến này',
			'no-drafts': 'không có dự thảo nào',
		} satisfies Record<DraftProblemCode, string>,
		archive: {
			'not-zip': 'Tệp không phải tệp ZIP hợp lệ.',
			damaged: 'Tệp ZIP bị hỏng, không mở được.',
			encrypted: 'Tệp ZIP có đặt mật khẩu; vui lòng gửi tệp không đặt mật khẩu.',
			unsupported: 'Tệp ZIP dùng định dạng không được hỗ trợ (nhiều phần hoặc kiểu nén lạ).',
			'too-many-entries': 'Tệp ZIP có quá nhiều mục.',
			'too-large-uncompressed': 'Tệp ZIP khai báo dung lượng giải nén quá lớn; không giải nén.',
			ratio: 'Tệp ZIP có mục nén bất thường (nghi là bom nén); không giải nén.',
		} satisfies Record<DraftArchiveRefusal, string>,
	},
	progress: {
		sending: (p: { sent: number; total: number }) => `Đang gửi: ${p.sent}/${p.total} đơn vị…`,
		downloading: (p: { name: string; size: string }) => `Đang tải tệp “${p.name}” (${p.size})…`,
		reading: (p: { name: string }) => `Đang đọc tệp “${p.name}”…`,
		saving: (p: { rows: number }) => `Đang kiểm tra và lưu ${p.rows} dòng…`,
		savingDrafts: (p: { units: number }) => `Đang kiểm tra và lưu dự thảo của ${p.units} đơn vị…`,
	},
	reminders: {
		badLadder: (p: { token: string; example: string }) =>
			`Lịch nhắc không hợp lệ${p.token}. Cú pháp: các mốc cách nhau bởi dấu phẩy, mỗi mốc là một số kèm đơn vị \`nlv\` (ngày làm việc; viết \`wd\` cũng được), \`h\` (giờ) hoặc \`m\` (phút); số âm là trước thời hạn, số dương là sau thời hạn. Ví dụ: \`${p.example}\`.`,
		badLadderToken: (p: { token: string }) => ` (mốc “${p.token}”)`,
		ladderEmpty: (p: { example: string }) => `Lịch nhắc đang trống. Ví dụ: \`${p.example}\`.`,
		ladderTooMany: (p: { count: number; limit: number }) =>
			`Lịch nhắc có ${p.count} mốc, nhiều hơn mức tối đa ${p.limit} mốc.`,
		ladderDuplicate: (p: { token: string }) =>
			`Lịch nhắc có mốc “${p.token}” bị lặp lại; mỗi mốc chỉ được ghi một lần.`,
		ladderTooLarge: (p: { token: string; limit: string }) => `Mốc “${p.token}” quá xa thời hạn (tối đa ${p.limit}).`,
		badOfficeHours: (p: { value: string }) =>
			`Giờ làm việc “${p.value}” không hợp lệ. Vui lòng nhập dạng \`08:00-17:00\` (giờ bắt đầu trước giờ kết thúc).`,
		badWorkingDays: (p: { value: string }) =>
			`Ngày làm việc “${p.value}” không hợp lệ. Ví dụ: \`Thứ Hai – Thứ Sáu\`, \`Thứ Hai – Thứ Bảy\` hoặc \`t2-t6\`.`,
		before: (p: { role: string; unit: string; round: string; title: string; deadline: string }) =>
			`Kính gửi: **${p.unit}**\nĐợt xin ý kiến **${p.round}** – ${p.title}: đơn vị chưa gửi ý kiến. Đề nghị đơn vị gửi ý kiến trước ${p.deadline} bằng nút **Nhất trí** hoặc **Có ý kiến** bên dưới.\n${p.role}`,
		after: (p: { role: string; unit: string; round: string; title: string; deadline: string }) =>
			`Kính gửi: **${p.unit}**\nĐợt xin ý kiến **${p.round}** – ${p.title} đã quá thời hạn (${p.deadline}) mà đơn vị chưa gửi ý kiến. Đề nghị đơn vị khẩn trương gửi ý kiến bằng nút **Nhất trí** hoặc **Có ý kiến** bên dưới.\n${p.role}`,
		escalation: (p: {
			role: string;
			round: string;
			title: string;
			deadline: string;
			pending: number;
			total: number;
			units: string;
		}) =>
			`⚠️ Đợt **${p.round}** – ${p.title} đã quá thời hạn (${p.deadline}): còn ${p.pending}/${p.total} đơn vị chưa gửi ý kiến: ${p.units}. Đề nghị đôn đốc các đơn vị khẩn trương gửi ý kiến.\n${p.role}`,
		failure: (p: { role: string; unit: string; round: string; channel: string; reason: string }) =>
			`Không gửi được lời nhắc của đợt **${p.round}** tới đơn vị **${p.unit}** (${p.channel}): ${p.reason}. Bot sẽ tự thử lại; đề nghị kiểm tra kênh và quyền của bot.\n${p.role}`,
		completeTitle: (p: { round: string; title: string }) =>
			`✅ Đợt **${p.round}** – ${p.title}: tất cả đơn vị đã gửi ý kiến.`,
		deadlineTitle: (p: { round: string; title: string }) =>
			`⏰ Đợt **${p.round}** – ${p.title} đã hết thời hạn gửi ý kiến.`,
		finalTitle: (p: { round: string; title: string }) => `🏁 Đợt **${p.round}** – ${p.title} đã kết thúc.`,
		missing: (p: { units: string }) => `Chưa gửi ý kiến: ${p.units}.`,
		extended: (p: { role: string; unit: string; round: string; title: string; deadline: string }) =>
			`Kính gửi: **${p.unit}**\nĐợt xin ý kiến **${p.round}** – ${p.title} được gia hạn: đề nghị đơn vị gửi ý kiến trước ${p.deadline}.\n${p.role}`,
		extendedReply: (p: { round: string; deadline: string; told: number }) =>
			`Đã gia hạn đợt **${p.round}** đến ${p.deadline}; ${p.told > 0 ? `đã báo thời hạn mới cho ${p.told} đơn vị chưa gửi ý kiến` : 'không có đơn vị nào cần báo thời hạn mới'}.`,
		deadlineNotLater: (p: { value: string }) => `Thời hạn mới (${p.value}) phải sau thời hạn hiện tại.`,
		closedReply: (p: { round: string; silent: number }) =>
			`Đã kết thúc đợt **${p.round}**.${p.silent > 0 ? ` ${p.silent} đơn vị không gửi ý kiến được ghi nhận là nhất trí.` : ''}`,
		remindedReply: (p: { round: string; units: string }) =>
			`Đã nhắc các đơn vị chưa gửi ý kiến của đợt **${p.round}**: ${p.units}.`,
		remindSkipped: (p: { units: string }) => `Không nhắc lại (đã nhắc trong vòng một giờ qua): ${p.units}.`,
		remindNobody: (p: { round: string }) => `Đợt **${p.round}** không còn đơn vị nào cần nhắc.`,
		manual: (p: { role: string; unit: string; round: string; title: string; deadline: string }) =>
			`Kính gửi: **${p.unit}**\nĐợt xin ý kiến **${p.round}** – ${p.title}: người điều phối đề nghị đơn vị khẩn trương gửi ý kiến, thời hạn trước ${p.deadline}.\n${p.role}`,
		policies: {
			none: 'đơn vị không gửi ý kiến được ghi là chưa có ý kiến',
			consent: 'đơn vị không gửi ý kiến đến hết thời hạn được coi là nhất trí',
		} satisfies Record<SilencePolicy, string>,
		createdPolicy: (p: { ladder: string; silence: string; late: string }) =>
			`Lịch nhắc: \`${p.ladder}\`; ${p.silence}; ${p.late}.`,
		latePolicies: {
			accept: 'nhận ý kiến quá hạn (đánh dấu quá hạn)',
			refuse: 'không nhận ý kiến quá hạn',
		} satisfies Record<LatePolicy, string>,
	},
	calendar: {
		added: (p: { date: string; name: string }) => `Đã thêm ngày nghỉ ${p.date}: ${p.name}.`,
		addedWorkday: (p: { date: string; name: string }) =>
			`Đã thêm ngày làm việc ${p.date}: ${p.name}. Ngày này được tính là ngày làm việc khi nhắc.`,
		removed: (p: { date: string }) => `Đã bỏ ngày ${p.date} khỏi lịch nghỉ.`,
		notFound: (p: { date: string }) => `Ngày ${p.date} không có trong lịch nghỉ.`,
		badDate: (p: { value: string }) =>
			`Ngày “${p.value}” không hợp lệ. Vui lòng nhập dạng \`DD/MM/YYYY\` hoặc \`YYYY-MM-DD\`.`,
		nameRequired: 'Tên ngày nghỉ phải có từ 1 đến 100 ký tự.',
		badYear: 'Năm phải trong khoảng 2000–2100.',
		listTitle: (p: { year: string; count: number; hours: string; days: string }) =>
			`Lịch nghỉ ${p.year} (${p.count} ngày). Giờ làm việc ${p.hours}, ngày làm việc ${p.days}.`,
		listEmpty: (p: { year: string; hours: string; days: string }) =>
			`Không có ngày nghỉ nào ${p.year}. Giờ làm việc ${p.hours}, ngày làm việc ${p.days}.`,
		line: (p: { date: string; weekday: string; name: string }) => `• ${p.date} (${p.weekday}): ${p.name}`,
		/** Marks a built-in public holiday in the list. */
		publicTag: ' — ngày lễ, Tết theo Bộ luật Lao động',
		workdayLine: (p: { date: string; weekday: string; name: string }) =>
			`• ${p.date} (${p.weekday}): ngày làm việc — ${p.name}`,
		workdaysTitle: 'Ngày làm việc bù:',
		builtInNote:
			'Ngày lễ, Tết theo Bộ luật Lao động có sẵn; người điều phối thêm ngày nghỉ bù, ngày làm việc bù theo thông báo của Chính phủ và bỏ ngày không áp dụng.',
		imported: (p: { count: number }) => `Đã nhập ${p.count} ngày nghỉ.`,
		inYear: (p: { year: number }) => `năm ${p.year}`,
		all: 'đã đăng ký',
		publicHolidays: {
			'new-year': 'Tết Dương lịch',
			tet: 'Tết Nguyên đán',
			'hung-kings': 'Giỗ Tổ Hùng Vương',
			reunification: 'Ngày Chiến thắng',
			labour: 'Ngày Quốc tế Lao động',
			'national-day': 'Quốc khánh',
		} satisfies Record<PublicHolidayKey, string>,
		tetDays: ['giao thừa', 'mùng 1', 'mùng 2', 'mùng 3', 'mùng 4'],
	},
	items: {
		imported: (p: { round: string; items: string; points: string; units: number }) =>
			`Đã cập nhật đầu báo cáo của ${p.units} đơn vị trong đợt **${p.round}**: ${p.items} báo cáo, ${p.points} điểm. Đơn vị không có trong tệp giữ nguyên đầu báo cáo cũ.`,
		baselineImported: (p: { round: string; items: string; points: string; units: number; label: string }) =>
			`Đã lưu kế hoạch năm trước (${p.label}) của đợt **${p.round}**: ${p.items} báo cáo, ${p.points} điểm của ${p.units} đơn vị. Kế hoạch năm trước chỉ dùng để so sánh.`,
		baselineOutside: (p: { units: number; items: string }) =>
			`Trong đó ${p.units} đơn vị ngoài đợt (${p.items} báo cáo) được giữ lại để so sánh tổng kế hoạch; so sánh từng đơn vị chỉ áp dụng cho các đơn vị của đợt.`,
		closedNote: 'Đợt đã kết thúc: đây là kết quả tổng hợp của đợt; các bài đã đăng không thay đổi.',
		unitLine: (p: { unit: string; items: string; points: string }) =>
			`• **${p.unit}**: ${p.items} báo cáo, ${p.points} điểm`,
		copiedFrom: (p: { from: string; drafts: number; items: number; comments: number }) =>
			`Bắt đầu từ đợt **${p.from}**: ` +
			(parts(
				[
					[p.drafts, `${p.drafts} dự thảo riêng`],
					[p.items, `${p.items} đầu báo cáo`],
				],
				' và ',
			)?.replace(/^/, 'đã sao chép ') ?? 'không có dự thảo riêng hay đầu báo cáo nào để sao chép') +
			(p.comments > 0 ? `; ${p.comments} ý kiến chưa xử lý được chuyển sang.` : '.'),
		fromDraft: (p: { round: string }) =>
			`Đợt **${p.round}** chưa được gửi đi, không thể dùng làm điểm xuất phát cho đợt mới.`,
		codesUnknown: (p: { unit: string; codes: string }) =>
			`Dự thảo của đơn vị **${p.unit}** không có đầu báo cáo mã: ${p.codes}. Vui lòng kiểm tra lại mã (cách nhau bởi dấu phẩy).`,
		commentAbout: (p: { codes: string }) => `Đầu báo cáo có ý kiến: ${p.codes}.`,
		modalLabel: 'Mã đầu báo cáo (không bắt buộc)',
		modalPlaceholder: 'Ví dụ: BC01, BC05 — để trống nếu là ý kiến chung',
		fieldName: (p: { items: string; points: string }) => `Đầu báo cáo: ${p.items} báo cáo, ${p.points} điểm`,
		line: (p: { code: string; title: string; details: string }) => `• **${p.code}** ${p.title}${p.details}`,
		due: (p: { due: string }) => `hạn ${p.due}`,
		pointsOf: (p: { points: string }) => `${p.points} điểm`,
		inFile: (p: { file: string }) => `Danh sách đầy đủ trong tệp đính kèm **${p.file}**.`,
		changesName: (p: { from: string; added: number; removed: number; changed: number }) =>
			`So với đợt ${p.from}: ${
				parts([
					[p.added, `thêm ${p.added}`],
					[p.removed, `bỏ ${p.removed}`],
					[p.changed, `sửa ${p.changed}`],
				])?.concat(' đầu báo cáo') ?? 'không thay đổi'
			}`,
		noChanges: (p: { from: string }) => `Không thay đổi so với đợt ${p.from}.`,
		addedLine: (p: { code: string; title: string }) => `➕ **${p.code}** ${p.title}`,
		removedLine: (p: { code: string; title: string }) => `➖ **${p.code}** ${p.title}`,
		changedLine: (p: { code: string; changes: string }) => `✏️ **${p.code}**: ${p.changes}`,
		fieldChange: (p: { field: string; before: string; after: string }) => `${p.field} ${p.before} → ${p.after}`,
		fields: { due: 'hạn', frequency: 'tần suất', points: 'điểm', title: 'tên' } satisfies Record<ItemField, string>,
		empty: '(trống)',
		changesInFile: (p: { file: string }) => `Chi tiết trong tệp đính kèm **${p.file}**.`,
		fileName: (p: { round: string; unit: string }) => `dau-bao-cao-${p.round}-${p.unit}.xlsx`,
		sheetItems: 'Đầu báo cáo',
		sheetChanges: (p: { from: string }) => `Thay đổi so với ${p.from}`,
		itemHeaders: ['Mã', 'Tên đầu báo cáo', 'Tần suất', 'Hạn', 'Điểm'],
		changeHeaders: ['Thay đổi', 'Mã', 'Tên đầu báo cáo', 'Nội dung thay đổi', 'Trước', 'Sau'],
		changeKinds: { added: 'Thêm', removed: 'Bỏ', changed: 'Sửa' } satisfies Record<
			Exclude<MatrixChange, 'same' | 'not-in-round'>,
			string
		>,
	},
	report: {
		title: (p: { id: string; title: string }) => `Báo cáo tổng hợp đợt ${p.id} – ${p.title}`,
		itemsTotal: (p: { items: string; clauses: string }) => `Tổng số đầu báo cáo là ${p.items} báo cáo${p.clauses}.`,
		itemsLess: (p: { n: string; ref: string }) => `giảm ${p.n} báo cáo so với ${p.ref}`,
		itemsMore: (p: { n: string; ref: string }) => `tăng ${p.n} báo cáo so với ${p.ref}`,
		itemsSame: (p: { ref: string }) => `không đổi so với ${p.ref}`,
		pointsTotal: (p: { points: string; clauses: string }) => `Tổng điểm kế hoạch là ${p.points} điểm${p.clauses}.`,
		pointsLess: (p: { n: string; ref: string }) => `giảm ${p.n} điểm so với ${p.ref}`,
		pointsMore: (p: { n: string; ref: string }) => `tăng ${p.n} điểm so với ${p.ref}`,
		pointsSame: (p: { ref: string }) => `không đổi so với ${p.ref}`,
		and: ' và ',
		fromCampaign: (p: { n: number }) => `rà soát lần ${p.n}`,
		fromRound: (p: { code: string }) => `đợt ${p.code}`,
		baselineYear: (p: { year: number }) => `kế hoạch năm ${p.year}`,
		baselineAny: 'kế hoạch năm trước',
		baselineUnits: (p: { unchanged: number; changed: number; total: number; ref: string }) =>
			p.changed === 0
				? `Cả ${p.total} đơn vị đều không thay đổi so với ${p.ref}.`
				: p.unchanged === 0
					? `Cả ${p.total} đơn vị đều có thay đổi so với ${p.ref}.`
					: `Có ${p.unchanged}/${p.total} đơn vị không thay đổi so với ${p.ref}; ${p.changed}/${p.total} đơn vị có thay đổi.`,
		outcomes: (p: { total: number; accepted: number; explained: number; open: number }) =>
			p.open === p.total
				? `Cả ${p.total} ý kiến đều chưa xử lý.`
				: `Trong ${p.total} ý kiến: ${
						parts([
							[p.accepted, `${p.accepted} ý kiến đã tiếp thu`],
							[p.explained, `${p.explained} ý kiến đã giải trình`],
						]) ?? ''
					}${p.open > 0 ? `; còn ${p.open} ý kiến chưa xử lý` : ''}.`,
		carried: (p: { count: number }) => `Trong đó ${p.count} ý kiến chuyển từ đợt trước.`,
		noItems: 'Đợt này chưa có đầu báo cáo.',
		fileName: (p: { id: string; ext: string }) => `bao-cao-${p.id}.${p.ext}`,
		posted: (p: { channel: string }) => `Đã đăng báo cáo vào ${p.channel}.`,
		csvNote: 'Tệp CSV là bảng Đơn vị; bản XLSX có đủ các bảng.',
		fileTooLarge: (p: { size: string; max: string }) =>
			`Tệp báo cáo (${p.size}) vượt giới hạn tải lên ${p.max} của Discord nên không được đính kèm; tệp CSV (bảng Đơn vị) nhỏ hơn nhiều.`,
		sheets: {
			summary: 'Tổng hợp',
			units: 'Đơn vị',
			comments: 'Ý kiến',
			items: 'Đầu báo cáo',
			history: 'Lịch sử gửi ý kiến',
		},
		summaryHeaders: ['Chỉ tiêu', 'Giá trị'],
		summary: {
			round: 'Đợt',
			title: 'Tiêu đề',
			campaign: 'Kế hoạch',
			state: 'Trạng thái',
			deadline: 'Thời hạn gửi ý kiến',
			generatedAt: 'Thời điểm lập báo cáo',
			from: 'Tạo từ đợt',
			baseline: 'Kế hoạch năm trước',
			targets: 'Số đơn vị được gửi',
			answered: 'Số đơn vị đã gửi ý kiến',
			agreed: 'Nhất trí',
			commented: 'Có ý kiến',
			silence: 'Coi là nhất trí (không gửi ý kiến)',
			pending: 'Chưa gửi ý kiến',
			onBehalf: 'Trong đó ghi nhận thay',
			late: 'Trong đó quá hạn',
			items: 'Tổng số đầu báo cáo',
			points: 'Tổng điểm',
			itemsVsFrom: 'Chênh lệch số báo cáo so với đợt trước',
			pointsVsFrom: 'Chênh lệch điểm so với đợt trước',
			itemsVsBaseline: 'Chênh lệch số báo cáo so với kế hoạch năm trước',
			pointsVsBaseline: 'Chênh lệch điểm so với kế hoạch năm trước',
			comments: 'Số ý kiến (kể cả chuyển từ đợt trước)',
			accepted: 'Tiếp thu',
			explained: 'Giải trình',
			open: 'Chưa xử lý',
			text: 'Nội dung tổng hợp',
		},
		unitsHeaders: [
			'Mã đơn vị',
			'Tên đơn vị',
			'Ý kiến',
			'Người gửi',
			'Thời điểm',
			'Quá hạn',
			'Ghi nhận thay (nguồn)',
			'Trạng thái gửi dự thảo',
			'Số đầu báo cáo',
			'Tổng điểm',
			'Chênh lệch báo cáo so với đợt trước',
			'Chênh lệch điểm so với đợt trước',
			'Chênh lệch báo cáo so với kế hoạch năm trước',
			'Chênh lệch điểm so với kế hoạch năm trước',
		],
		deliveryStates: {
			sent: 'đã gửi',
			failed: 'gửi lỗi',
			sending: 'đang gửi',
			due: 'chờ gửi',
			skipped: 'không gửi',
			none: 'chưa gửi',
		} satisfies Record<OutboxStatus | 'none', string>,
		commentsHeaders: [
			'Đợt',
			'Mã đơn vị',
			'Tên đơn vị',
			'Đầu báo cáo',
			'Nội dung',
			'Người gửi',
			'Thời điểm',
			'Kết quả xử lý',
			'Nội dung tiếp thu, giải trình',
			'Người xử lý',
			'Thời điểm xử lý',
		],
		itemsHeaders: (p: { ref: string }) => [
			'Mã đơn vị',
			'Mã đầu báo cáo',
			'Tên đầu báo cáo',
			'Tần suất',
			'Hạn',
			'Điểm',
			`Tên (${p.ref})`,
			`Tần suất (${p.ref})`,
			`Hạn (${p.ref})`,
			`Điểm (${p.ref})`,
			'Thay đổi',
			'Chênh lệch điểm',
		],
		noReference: 'không có',
		changeKinds: {
			added: 'thêm mới',
			removed: 'bỏ',
			changed: 'sửa',
			same: 'không đổi',
			'not-in-round': 'đơn vị không thuộc đợt này',
		} satisfies Record<MatrixChange, string>,
		historyHeaders: [
			'Mã đơn vị',
			'Lần',
			'Ý kiến',
			'Nội dung',
			'Đầu báo cáo',
			'Người gửi',
			'Ghi nhận thay (nguồn)',
			'Thời điểm',
			'Quá hạn',
		],
	},
	commentOutcome: {
		outcomes: { accepted: 'Tiếp thu', explained: 'Giải trình' } satisfies Record<CommentOutcome, string>,
		open: 'Chưa xử lý',
		resolved: (p: { unit: string; round: string; outcome: string }) =>
			`Đã ghi nhận kết quả xử lý ý kiến của **${p.unit}** (đợt **${p.round}**): ${p.outcome}.`,
		changed: (p: { unit: string; round: string; outcome: string; before: string }) =>
			`Đã cập nhật kết quả xử lý ý kiến của **${p.unit}** (đợt **${p.round}**): ${p.before} → ${p.outcome}. Cả hai lần đều được lưu trong nhật ký.`,
		unknown: (p: { comment: string }) =>
			`Không tìm thấy ý kiến “${p.comment}”. Vui lòng chọn một ý kiến trong danh sách gợi ý.`,
		superseded: (p: { unit: string; round: string }) =>
			`Đơn vị **${p.unit}** đã thay ý kiến này bằng ý kiến mới trong đợt **${p.round}**; vui lòng xử lý ý kiến hiện tại.`,
		choiceLabel: (p: { round: string; unit: string; state: string; text: string }) =>
			`${p.round} · ${p.unit} · ${p.state} · ${p.text}`,
	},
	recordAnswer: {
		recorded: (p: { unit: string; round: string; answer: string; source: string; late: string }) =>
			`Đã ghi nhận thay đơn vị **${p.unit}** trong đợt **${p.round}**: ${p.answer} (nguồn: ${p.source})${p.late}. Ý kiến này luôn được hiển thị là ghi nhận thay.`,
		sourceRequired: 'Vui lòng ghi nguồn của ý kiến, ví dụ “điện thoại 04/10” hoặc “công văn 123/CTK”.',
	},
	audit: {
		sheet: 'Nhật ký',
		headers: [
			'STT',
			'Thời điểm',
			'Người thực hiện',
			'ID người thực hiện',
			'Thao tác',
			'Mô tả',
			'Đợt',
			'Đối tượng',
			'Trước',
			'Sau',
		],
		exported: (p: { count: number; scope: string }) =>
			`Nhật ký ${p.scope}: ${p.count} sự kiện, trong tệp đính kèm. Nhật ký chỉ được ghi thêm, bot không bao giờ sửa hay xóa.`,
		scopeRound: (p: { round: string }) => `của đợt **${p.round}**`,
		scopeServer: 'của máy chủ',
		fileName: (p: { scope: string; ext: string }) => `nhat-ky-${p.scope}.${p.ext}`,
		actions: {
			'settings.save': 'Lưu thiết lập',
			'unit.add': 'Thêm đơn vị',
			'unit.import': 'Nhập đơn vị',
			'unit.edit': 'Sửa đơn vị',
			'unit.remove': 'Xóa đơn vị',
			'unit.archive': 'Lưu trữ đơn vị',
			'round.create': 'Tạo đợt',
			'round.copy': 'Sao chép từ đợt trước',
			'round.draft': 'Dự thảo riêng',
			'round.publish': 'Gửi dự thảo',
			'delivery.sent': 'Đã đăng dự thảo',
			'delivery.failed': 'Đăng dự thảo lỗi',
			'answer.record': 'Gửi ý kiến',
			'answer.on-behalf': 'Ghi nhận thay',
			'answer.silence': 'Coi là nhất trí (không gửi ý kiến)',
			'items.replace': 'Cập nhật đầu báo cáo',
			'items.baseline': 'Cập nhật kế hoạch năm trước',
			'comment.outcome': 'Xử lý ý kiến',
			'round.extend': 'Gia hạn',
			'round.close': 'Kết thúc đợt',
			'reminder.sent': 'Đã nhắc',
			'reminder.manual': 'Nhắc theo yêu cầu',
			'reminder.failed': 'Nhắc không thành công',
			'notice.complete': 'Thông báo: tất cả đã gửi ý kiến',
			'notice.deadline': 'Thông báo: hết thời hạn',
			'notice.final': 'Thông báo kết thúc đợt',
			'notice.escalation': 'Cảnh báo quá hạn cho người điều phối',
			'notice.failure': 'Thông báo lỗi gửi lời nhắc',
			'holiday.add': 'Thêm ngày nghỉ',
			'holiday.remove': 'Bỏ ngày nghỉ',
			'holiday.import': 'Nhập ngày nghỉ',
		},
	},
	access: {
		permissions: {
			ViewChannel: 'Xem kênh',
			SendMessages: 'Gửi tin nhắn',
			EmbedLinks: 'Nhúng liên kết',
			AttachFiles: 'Đính kèm tệp',
			ReadMessageHistory: 'Đọc lịch sử tin nhắn',
			MentionEveryone: 'Đề cập @everyone, @here và tất cả vai trò',
		} satisfies Record<PermName, string>,
		problems: {
			channelMissing: 'kênh không còn tồn tại',
			permission: (p: { permission: string }) => `bot thiếu quyền **${p.permission}** trong kênh`,
			roleMissing: 'vai trò không còn tồn tại',
			pingSilent: (p: { role: string }) =>
				`đề cập ${p.role} sẽ không báo cho ai (vai trò không cho phép đề cập và bot thiếu quyền **Đề cập @everyone, @here và tất cả vai trò**)`,
			refused: 'Discord từ chối bài đăng (403): bot thiếu quyền trong kênh',
		},
		unitWarning: (p: { unit: string; channel: string; problems: string }) =>
			`⚠️ Đơn vị **${p.unit}** (${p.channel}): ${p.problems}.`,
		reportWarning: (p: { channel: string; problems: string }) => `⚠️ Kênh điều phối ${p.channel}: ${p.problems}.`,
		ready: '✅ sẵn sàng',
		notReady: (p: { problems: string }) => `⚠️ chưa sẵn sàng: ${p.problems}`,
		blockedLine: (p: { unit: string; channel: string; problems: string }) =>
			`• **${p.unit}** (${p.channel}): chưa gửi, ${p.problems}`,
		publishWarning: (p: { unit: string; problems: string }) => `⚠️ **${p.unit}**: đã gửi, nhưng ${p.problems}`,
		fixHint:
			'Sửa kênh, quyền của bot hoặc vai trò như trên rồi chạy lại lệnh gửi: chỉ các đơn vị còn thiếu sẽ được gửi.',
	},
};

export type Catalog = typeof vi;
