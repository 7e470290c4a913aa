/**
 * Vietnamese catalog: the users' first language and the reference shape every other catalog satisfies.
 * Command names follow Discord's rules (lower case, no spaces, ≤ 32 characters); a test checks every limit.
 */
export const vi = {
	/** The catalog's own language, for formatting dates and numbers the way its readers write them. */
	lang: 'vi' as 'vi' | 'en',
	language: { vi: 'Tiếng Việt', en: 'Tiếng Anh' },
	common: {
		yes: 'Có',
		no: 'Không',
		none: '(không có)',
		late: 'muộn',
		moreInFile: (p: { file: string }) => `Nội dung đầy đủ trong tệp đính kèm **${p.file}**.`,
	},
	errors: {
		internal: (p: { incident: string }) =>
			`Xin lỗi, đã có lỗi ngoài dự kiến. Vui lòng thử lại sau; nếu lỗi lặp lại, hãy báo mã sự cố \`${p.incident}\` cho quản trị viên.`,
		unavailable: 'Thao tác này không còn khả dụng.',
		guildOnly: 'Lệnh này chỉ dùng được trong máy chủ, không dùng trong tin nhắn riêng.',
		notCoordinator: 'Bạn không có quyền điều phối: cần vai trò điều phối hoặc quyền Quản lý máy chủ.',
		notSetUp: 'Máy chủ chưa được thiết lập. Người điều phối hãy chạy lệnh `/thiết-lập` trước.',
		tooLong: (p: { field: string; max: number }) => `Phần “${p.field}” dài quá ${p.max} ký tự.`,
		required: (p: { field: string }) => `Hãy nhập “${p.field}”.`,
		/** The names of the inputs errors talk about. */
		fields: {
			title: 'tiêu đề',
			text: 'nội dung',
			note: 'ghi chú',
			campaign: 'chiến dịch',
			source: 'nguồn',
			items: 'đầu báo cáo',
		} as Record<string, string>,
		busy: 'Hệ thống đang bận, vui lòng thử lại sau ít phút.',
	},
	ping: {
		pong: (p: { ws: number; db: string; version: string }) =>
			`Bot đang hoạt động. Độ trễ gateway: ${p.ws} ms; cơ sở dữ liệu: ${p.db}; phiên bản ${p.version}.`,
		dbOk: 'hoạt động tốt',
		dbDown: 'không truy cập được',
	},
	setup: {
		saved: (p: { role: string; channel: string; language: string; timezone: string }) =>
			`Đã lưu thiết lập: vai trò điều phối ${p.role}, kênh báo cáo ${p.channel}, ngôn ngữ ${p.language}, múi giờ ${p.timezone}.`,
		badTimezone: (p: { value: string }) =>
			`Múi giờ “${p.value}” không hợp lệ. Hãy dùng tên IANA, ví dụ Asia/Ho_Chi_Minh.`,
		reportChannelNotWritable: (p: { channel: string }) =>
			`Bot không gửi được tin nhắn vào ${p.channel}. Hãy cấp quyền Xem kênh và Gửi tin nhắn cho bot, hoặc chọn kênh khác.`,
		notTextChannel: (p: { channel: string }) => `${p.channel} không phải kênh văn bản.`,
		schedule: (p: { hours: string; days: string; ladder: string }) =>
			`Giờ làm việc ${p.hours}, ngày làm việc ${p.days}; lịch nhắc mặc định cho đợt mới: \`${p.ladder}\`.`,
	},
	unit: {
		kinds: { department: 'Vụ', provincial: 'Cục Thống kê tỉnh/thành', other: 'Đơn vị khác' },
		added: (p: { code: string; name: string; channel: string; role: string }) =>
			`Đã thêm đơn vị **${p.code}** – ${p.name} (kênh ${p.channel}, vai trò ${p.role}).`,
		updated: (p: { code: string }) => `Đã cập nhật đơn vị **${p.code}**.`,
		removed: (p: { code: string }) => `Đã xóa đơn vị **${p.code}**.`,
		archived: (p: { code: string }) =>
			`Đơn vị **${p.code}** đã có ý kiến trong các đợt góp ý nên được lưu trữ (không xóa): lịch sử vẫn có trong báo cáo.`,
		badCode: (p: { value: string }) => `Mã đơn vị “${p.value}” không hợp lệ: cần 1–16 ký tự gồm A–Z, 0–9, - hoặc _.`,
		nameTooLong: 'Tên đơn vị phải có từ 1 đến 100 ký tự.',
		duplicate: (p: { code: string }) => `Mã đơn vị **${p.code}** đã tồn tại.`,
		duplicateArchived: (p: { code: string }) =>
			`Mã đơn vị **${p.code}** thuộc một đơn vị đã lưu trữ; hãy dùng mã khác.`,
		unknown: (p: { code: string }) => `Không tìm thấy đơn vị đang hoạt động có mã **${p.code}**.`,
		channelNotWritable: (p: { channel: string }) =>
			`Bot không gửi được tin nhắn vào ${p.channel}. Hãy cấp quyền Xem kênh và Gửi tin nhắn cho bot.`,
		notTextChannel: (p: { channel: string }) => `${p.channel} không phải kênh văn bản.`,
		nothingToEdit: 'Hãy chọn ít nhất một thông tin cần sửa (tên, kênh, vai trò hoặc loại).',
		roleNotAssignable: (p: { role: string }) =>
			`Không dùng được vai trò ${p.role} cho đơn vị: hãy chọn một vai trò riêng có thể gán cho người trả lời (không phải @everyone hay vai trò của bot).`,
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
		downloadFailed: 'Không tải được tệp đính kèm từ Discord, vui lòng thử lại.',
		rejected: (p: { count: number }) => `Tệp bị từ chối, không có thay đổi nào được lưu. ${p.count} lỗi cần sửa:`,
		line: (p: { line: number; column: string; reason: string }) => `Dòng ${p.line}${p.column}: ${p.reason}`,
		problems: {
			required: 'thiếu giá trị bắt buộc',
			'too-long': 'quá dài',
			'bad-code': 'mã không hợp lệ (1–16 ký tự A–Z, 0–9, - hoặc _)',
			'bad-kind': 'loại phải là department, provincial hoặc other',
			'unknown-channel': 'không tìm thấy kênh',
			'ambiguous-channel': 'có nhiều kênh trùng tên, hãy dùng ID',
			'channel-not-writable': 'bot không gửi được tin nhắn vào kênh này',
			'not-text-channel': 'không phải kênh văn bản',
			'unknown-role': 'không tìm thấy vai trò',
			'ambiguous-role': 'có nhiều vai trò trùng tên, hãy dùng ID',
			'duplicate-in-file': 'trùng mã với một dòng trước trong tệp',
			'duplicate-existing': 'mã đã tồn tại',
			'bad-date': 'ngày không hợp lệ',
			'unknown-unit': 'mã đơn vị không có trong đợt góp ý',
			'duplicate-item': 'trùng mã đầu báo cáo trong cùng đơn vị',
			'bad-points': 'điểm phải là số không âm',
		} as Record<string, string>,
	},
	round: {
		states: { draft: 'dự thảo', open: 'đang mở', closed: 'đã kết thúc' } as Record<string, string>,
		created: (p: { id: string; title: string; deadline: string; count: number }) =>
			`Đã tạo đợt góp ý **${p.id}** – ${p.title}, hạn ${p.deadline}, gửi ${p.count} đơn vị. Dùng \`/đợt gửi\` để gửi dự thảo.`,
		deadlineUnparsable: (p: { value: string }) =>
			`Không hiểu thời hạn “${p.value}”. Hãy nhập theo dạng \`DD/MM/YYYY HH:mm\` hoặc \`YYYY-MM-DD HH:mm\`.`,
		deadlinePast: (p: { value: string }) => `Thời hạn ${p.value} đã qua; hãy chọn một thời điểm trong tương lai.`,
		unknownUnits: (p: { codes: string }) => `Không có đơn vị đang hoạt động với mã: ${p.codes}.`,
		noUnits: 'Không có đơn vị nào để gửi. Hãy đăng ký đơn vị trước bằng `/đơn-vị thêm`.',
		unknown: (p: { id: string }) => `Không tìm thấy đợt góp ý **${p.id}**.`,
		notTargeted: (p: { unit: string; round: string }) => `Đợt **${p.round}** không gửi tới đơn vị **${p.unit}**.`,
		draftSaved: (p: { unit: string; round: string; files: number }) =>
			`Đã lưu dự thảo riêng cho đơn vị **${p.unit}** trong đợt **${p.round}** (${p.files} tệp).`,
		draftNeedsContent: 'Hãy đính kèm tệp hoặc nhập nội dung dự thảo.',
		draftAfterPublish: (p: { round: string }) =>
			`Đợt **${p.round}** đã được gửi; không thể thay dự thảo. Hãy tạo đợt mới cho dự thảo sửa đổi.`,
		fileTooLarge: (p: { max: string }) => `Tệp đính kèm quá lớn (tối đa ${p.max}).`,
		published: (p: { round: string; sent: number; already: number; failed: number; total: number }) =>
			`Đợt **${p.round}**: đã gửi ${p.sent} đơn vị mới, ${p.already} đơn vị đã nhận từ trước, ${p.failed} đơn vị gửi không thành công (tổng ${p.total}).`,
		failedDelivery: (p: { unit: string; channel: string; reason: string }) =>
			`• **${p.unit}** (${p.channel}): ${p.reason}`,
		inProgress: (p: { count: number; units: string }) =>
			`Đang gửi cho ${p.count} đơn vị (${p.units}); hệ thống sẽ tự hoàn tất, không cần gửi lại.`,
		deliveryStates: { due: 'chờ gửi', sending: 'đang gửi', failed: 'gửi không thành công', skipped: 'không gửi' },
		deliveryReasons: {
			'missing-permission': 'bot không có quyền gửi tin nhắn vào kênh',
			'unknown-channel': 'kênh không còn tồn tại',
			other: 'lỗi Discord',
		} as Record<string, string>,
		alreadyClosed: (p: { round: string }) => `Đợt **${p.round}** đã kết thúc.`,
		listTitle: 'Các đợt góp ý đang mở và gần đây:',
		listEmpty: 'Chưa có đợt góp ý nào. Dùng `/đợt tạo` để bắt đầu.',
		listLine: (p: { id: string; title: string; state: string; answered: number; total: number; deadline: string }) =>
			`**${p.id}** – ${p.title} · ${p.state} · ${p.answered}/${p.total} đã trả lời · hạn ${p.deadline}`,
		autocompleteLabel: (p: { id: string; title: string; state: string }) => `${p.id} · ${p.title} (${p.state})`,
	},
	post: {
		title: (p: { title: string }) => `Dự thảo góp ý: ${p.title}`,
		intro: (p: { role: string; unit: string }) =>
			`${p.role} Kính gửi **${p.unit}**: đề nghị đơn vị cho ý kiến về dự thảo dưới đây.`,
		deadline: (p: { at: string }) => `Hạn trả lời: ${p.at}`,
		round: (p: { id: string }) => `Đợt ${p.id}`,
		howTo: 'Bấm **Nhất trí** nếu đồng ý với dự thảo, hoặc **Góp ý** để gửi ý kiến.',
		agree: 'Nhất trí',
		comment: 'Góp ý',
		stateNone: '⏳ Chưa trả lời',
		stateAgree: (p: { user: string; at: string; late: string }) => `✅ Nhất trí — ${p.user}, ${p.at}${p.late}`,
		stateComment: (p: { user: string; at: string; late: string }) => `💬 Có ý kiến — ${p.user}, ${p.at}${p.late}`,
		stateSilence: '☑️ Nhất trí (im lặng đến hạn)',
		lateTag: ' (muộn)',
		onBehalf: (p: { source: string }) => `ghi nhận thay (${p.source})`,
		draftFiles: (p: { count: number }) => `Tệp dự thảo đính kèm: ${p.count}.`,
		noDraftText: 'Dự thảo ở tệp đính kèm.',
	},
	modal: {
		title: 'Góp ý về dự thảo',
		label: 'Nội dung góp ý',
		placeholder: 'Nêu ý kiến của đơn vị về dự thảo…',
	},
	feedback: {
		agreed: (p: { unit: string; round: string; late: string }) =>
			`Đã ghi nhận: đơn vị **${p.unit}** nhất trí với dự thảo của đợt **${p.round}**${p.late}.`,
		commented: (p: { unit: string; round: string; late: string }) =>
			`Đã ghi nhận ý kiến của đơn vị **${p.unit}** cho đợt **${p.round}**${p.late}.`,
		lateNote: ' (sau thời hạn, được đánh dấu muộn)',
		notMember: 'Bạn không thuộc đơn vị nào được gửi dự thảo trong đợt này.',
		notMemberOfUnit: (p: { unit: string }) => `Bạn không có vai trò của đơn vị **${p.unit}**.`,
		chooseUnit: (p: { units: string }) =>
			`Bạn thuộc nhiều đơn vị trong đợt này (${p.units}); hãy chọn đơn vị ở tùy chọn \`đơn-vị\`.`,
		roundClosed: (p: { round: string }) => `Đợt **${p.round}** đã kết thúc, không nhận thêm ý kiến.`,
		roundNotOpen: (p: { round: string }) => `Đợt **${p.round}** chưa được gửi đi, chưa thể trả lời.`,
		lateRefused: (p: { round: string }) => `Đã quá hạn trả lời của đợt **${p.round}**; đợt này không nhận ý kiến muộn.`,
		textRequired: 'Hãy nhập nội dung góp ý.',
		showTitle: (p: { unit: string; round: string }) => `Ý kiến của **${p.unit}** trong đợt **${p.round}**:`,
		current: (p: { state: string }) => `Hiện tại: ${p.state}`,
		historyTitle: 'Lịch sử trả lời:',
		historyLine: (p: { n: number; answer: string; user: string; at: string; late: string }) =>
			`${p.n}. ${p.answer} — ${p.user}, ${p.at}${p.late}`,
		noAnswer: 'Đơn vị chưa trả lời.',
		answers: { agree: 'Nhất trí', comment: 'Có ý kiến', silence: 'Nhất trí (im lặng)' } as Record<string, string>,
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
		}) =>
			`${p.answered}/${p.total} đơn vị đã trả lời: ${p.agreed} nhất trí, ${p.commented} có ý kiến, ${p.pending} chưa trả lời (hạn ${p.deadline}).`,
		silenceNote: (p: { count: number }) =>
			`Ngoài ra, ${p.count} đơn vị không trả lời được tính là nhất trí do im lặng đến hạn.`,
		seed: (p: { date: string; answered: number; total: number; agreed: number; commented: number }) =>
			`Tính đến ngày ${p.date} có ${p.answered}/${p.total} đơn vị đã gửi ý kiến. Trong đó: có ${p.agreed} đơn vị nhất trí với dự thảo; ${p.commented} đơn vị có ý kiến.`,
		title: (p: { id: string; title: string; state: string }) => `Đợt ${p.id} – ${p.title} (${p.state})`,
		pendingTitle: 'Chưa trả lời:',
		pendingNone: 'Tất cả đơn vị đã trả lời.',
		commentsTitle: 'Ý kiến:',
		tableTitle: 'Từng đơn vị:',
		tableHeaders: ['Mã', 'Đơn vị', 'Trả lời', 'Người trả lời', 'Thời điểm', 'Muộn', 'Ý kiến'],
		unitLine: (p: { code: string; name: string; answer: string; who: string; at: string; late: string }) =>
			`**${p.code}** ${p.name}: ${p.answer}${p.who}${p.at}${p.late}`,
		posted: (p: { channel: string }) => `Đã đăng tình hình vào ${p.channel}.`,
		fileName: (p: { id: string }) => `tinh-hinh-${p.id}.md`,
		pendingAnswer: 'chưa trả lời',
		deliveryNote: (p: { state: string; reason: string }) => ` · dự thảo: ${p.state}${p.reason ? ` (${p.reason})` : ''}`,
	},
	reminders: {
		badLadder: (p: { token: string; example: string }) =>
			`Lịch nhắc không hợp lệ${p.token}. Cú pháp: các mốc cách nhau bởi dấu phẩy, mỗi mốc là một số kèm đơn vị \`wd\` (ngày làm việc), \`h\` (giờ) hoặc \`m\` (phút); số âm là trước hạn, số dương là sau hạn. Ví dụ: \`${p.example}\`.`,
		badLadderToken: (p: { token: string }) => ` (mốc “${p.token}”)`,
		badOfficeHours: (p: { value: string }) =>
			`Giờ làm việc “${p.value}” không hợp lệ. Hãy nhập dạng \`08:00-17:00\` (giờ bắt đầu trước giờ kết thúc).`,
		badWorkingDays: (p: { value: string }) =>
			`Ngày làm việc “${p.value}” không hợp lệ. Ví dụ: \`mon-fri\`, \`mon-sat\` hoặc \`t2-t6\`.`,
		before: (p: { role: string; unit: string; round: string; title: string; deadline: string }) =>
			`${p.role} Nhắc việc: đơn vị **${p.unit}** chưa trả lời đợt góp ý **${p.round}** – ${p.title}. Hạn trả lời: ${p.deadline}. Bấm **Nhất trí** hoặc **Góp ý** bên dưới.`,
		after: (p: { role: string; unit: string; round: string; title: string; deadline: string }) =>
			`${p.role} Đã quá hạn ${p.deadline}: đơn vị **${p.unit}** chưa trả lời đợt góp ý **${p.round}** – ${p.title}. Đề nghị đơn vị trả lời sớm bằng nút **Nhất trí** hoặc **Góp ý** bên dưới.`,
		escalation: (p: {
			role: string;
			round: string;
			title: string;
			deadline: string;
			pending: number;
			total: number;
			units: string;
		}) =>
			`${p.role} ⚠️ Đợt **${p.round}** – ${p.title} đã quá hạn (${p.deadline}): còn ${p.pending}/${p.total} đơn vị chưa trả lời: ${p.units}.`,
		failure: (p: { role: string; unit: string; round: string; channel: string; reason: string }) =>
			`${p.role} Không gửi được lời nhắc của đợt **${p.round}** tới đơn vị **${p.unit}** (${p.channel}): ${p.reason}. Bot sẽ tự thử lại; hãy kiểm tra kênh và quyền của bot.`,
		completeTitle: (p: { round: string; title: string }) =>
			`✅ Đợt **${p.round}** – ${p.title}: tất cả đơn vị đã trả lời.`,
		deadlineTitle: (p: { round: string; title: string }) => `⏰ Đợt **${p.round}** – ${p.title} đã đến hạn.`,
		finalTitle: (p: { round: string; title: string }) => `🏁 Đợt **${p.round}** – ${p.title} đã kết thúc.`,
		missing: (p: { units: string }) => `Chưa trả lời: ${p.units}.`,
		extended: (p: { role: string; unit: string; round: string; title: string; deadline: string }) =>
			`${p.role} Đợt góp ý **${p.round}** – ${p.title} được gia hạn: hạn trả lời mới của đơn vị **${p.unit}** là ${p.deadline}.`,
		extendedReply: (p: { round: string; deadline: string; told: number }) =>
			`Đã gia hạn đợt **${p.round}** đến ${p.deadline}; đã báo hạn mới cho ${p.told} đơn vị chưa trả lời.`,
		deadlineNotLater: (p: { value: string }) => `Hạn mới (${p.value}) phải sau hạn hiện tại.`,
		closedReply: (p: { round: string; silent: number }) =>
			`Đã kết thúc đợt **${p.round}**.${p.silent > 0 ? ` ${p.silent} đơn vị không trả lời được ghi nhận là nhất trí do im lặng.` : ''}`,
		remindedReply: (p: { round: string; units: string }) =>
			`Đã nhắc các đơn vị chưa trả lời của đợt **${p.round}**: ${p.units}.`,
		remindSkipped: (p: { units: string }) => `Không nhắc lại (đã nhắc trong vòng một giờ qua): ${p.units}.`,
		remindNobody: (p: { round: string }) => `Đợt **${p.round}** không còn đơn vị nào cần nhắc.`,
		manual: (p: { role: string; unit: string; round: string; title: string; deadline: string }) =>
			`${p.role} Người điều phối nhắc: đơn vị **${p.unit}** chưa trả lời đợt góp ý **${p.round}** – ${p.title}. Hạn trả lời: ${p.deadline}.`,
		policies: { none: 'không trả lời là chưa có ý kiến', consent: 'im lặng đến hạn được coi là nhất trí' } as Record<
			string,
			string
		>,
		createdPolicy: (p: { ladder: string; silence: string; late: string }) =>
			`Lịch nhắc: \`${p.ladder}\`; ${p.silence}; ${p.late}.`,
		latePolicies: { accept: 'nhận ý kiến muộn (đánh dấu muộn)', refuse: 'không nhận ý kiến sau hạn' } as Record<
			string,
			string
		>,
	},
	calendar: {
		added: (p: { date: string; name: string }) => `Đã thêm ngày nghỉ ${p.date}: ${p.name}.`,
		removed: (p: { date: string }) => `Đã bỏ ngày nghỉ ${p.date}.`,
		notFound: (p: { date: string }) => `Ngày ${p.date} không có trong lịch nghỉ.`,
		badDate: (p: { value: string }) =>
			`Ngày “${p.value}” không hợp lệ. Hãy nhập dạng \`YYYY-MM-DD\` hoặc \`DD/MM/YYYY\`.`,
		nameRequired: 'Tên ngày nghỉ phải có từ 1 đến 100 ký tự.',
		badYear: 'Năm phải trong khoảng 2000–2100.',
		listTitle: (p: { year: string; count: number; hours: string; days: string }) =>
			`Lịch nghỉ ${p.year} (${p.count} ngày). Giờ làm việc ${p.hours}, ngày làm việc ${p.days}.`,
		listEmpty: (p: { year: string; hours: string; days: string }) =>
			`Chưa có ngày nghỉ nào ${p.year}. Giờ làm việc ${p.hours}, ngày làm việc ${p.days}.`,
		line: (p: { date: string; weekday: string; name: string }) => `• ${p.date} (${p.weekday}): ${p.name}`,
		imported: (p: { count: number }) => `Đã nhập ${p.count} ngày nghỉ.`,
		inYear: (p: { year: number }) => `năm ${p.year}`,
		all: 'đã đăng ký',
	},
	items: {
		imported: (p: { round: string; items: string; points: string; units: number }) =>
			`Đã cập nhật đầu báo cáo của ${p.units} đơn vị trong đợt **${p.round}**: ${p.items} báo cáo, ${p.points} điểm. Đơn vị không có trong tệp giữ nguyên đầu báo cáo cũ.`,
		baselineImported: (p: { round: string; items: string; points: string; units: number; label: string }) =>
			`Đã lưu kế hoạch gốc (${p.label}) của đợt **${p.round}**: ${p.items} báo cáo, ${p.points} điểm của ${p.units} đơn vị. Kế hoạch gốc chỉ dùng để so sánh.`,
		closedNote: 'Đợt đã kết thúc: đây là kết quả tổng hợp của đợt; các bài đã đăng không thay đổi.',
		unitLine: (p: { unit: string; items: string; points: string }) =>
			`• **${p.unit}**: ${p.items} báo cáo, ${p.points} điểm`,
		copiedFrom: (p: { from: string; drafts: number; items: number; comments: number }) =>
			`Bắt đầu từ đợt **${p.from}**: đã sao chép ${p.drafts} dự thảo riêng và ${p.items} đầu báo cáo; ${p.comments} ý kiến chưa xử lý được chuyển sang.`,
		fromDraft: (p: { round: string }) =>
			`Đợt **${p.round}** vẫn là dự thảo (chưa gửi), không thể dùng làm điểm xuất phát cho đợt mới.`,
		codesUnknown: (p: { unit: string; codes: string }) =>
			`Dự thảo của đơn vị **${p.unit}** không có đầu báo cáo mã: ${p.codes}. Hãy kiểm tra lại mã (cách nhau bởi dấu phẩy).`,
		commentAbout: (p: { codes: string }) => `Đầu báo cáo được góp ý: ${p.codes}.`,
		modalLabel: 'Mã đầu báo cáo (không bắt buộc)',
		modalPlaceholder: 'Ví dụ: BC01, BC05 — để trống nếu góp ý chung',
		fieldName: (p: { items: string; points: string }) => `Đầu báo cáo: ${p.items} báo cáo, ${p.points} điểm`,
		line: (p: { code: string; title: string; details: string }) => `• **${p.code}** ${p.title}${p.details}`,
		due: (p: { due: string }) => `hạn ${p.due}`,
		pointsOf: (p: { points: string }) => `${p.points} điểm`,
		inFile: (p: { file: string }) => `Danh sách đầy đủ trong tệp đính kèm **${p.file}**.`,
		changesName: (p: { from: string; added: number; removed: number; changed: number }) =>
			`Thay đổi so với đợt ${p.from}: ${p.added} thêm, ${p.removed} bỏ, ${p.changed} sửa`,
		noChanges: (p: { from: string }) => `Không thay đổi so với đợt ${p.from}.`,
		addedLine: (p: { code: string; title: string }) => `➕ **${p.code}** ${p.title}`,
		removedLine: (p: { code: string; title: string }) => `➖ **${p.code}** ${p.title}`,
		changedLine: (p: { code: string; changes: string }) => `✏️ **${p.code}**: ${p.changes}`,
		fieldChange: (p: { field: string; before: string; after: string }) => `${p.field} ${p.before} → ${p.after}`,
		fields: { due: 'hạn', frequency: 'tần suất', points: 'điểm', title: 'tên' } as Record<string, string>,
		empty: '(trống)',
		changesInFile: (p: { file: string }) => `Chi tiết trong tệp đính kèm **${p.file}**.`,
		fileName: (p: { round: string; unit: string }) => `dau-bao-cao-${p.round}-${p.unit}.xlsx`,
		sheetItems: 'Đầu báo cáo',
		sheetChanges: (p: { from: string }) => `Thay đổi so với ${p.from}`,
		itemHeaders: ['Mã', 'Tên đầu báo cáo', 'Tần suất', 'Hạn', 'Điểm'],
		changeHeaders: ['Thay đổi', 'Mã', 'Tên đầu báo cáo', 'Nội dung thay đổi', 'Trước', 'Sau'],
		changeKinds: { added: 'Thêm', removed: 'Bỏ', changed: 'Sửa' } as Record<string, string>,
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
			`Có ${p.unchanged}/${p.total} đơn vị không thay đổi so với ${p.ref}; ${p.changed}/${p.total} đơn vị có thay đổi.`,
		outcomes: (p: { total: number; accepted: number; explained: number; open: number }) =>
			`Về ${p.total} ý kiến: đã tiếp thu ${p.accepted}, giải trình ${p.explained}, còn ${p.open} ý kiến chưa xử lý.`,
		carried: (p: { count: number }) => `Trong đó ${p.count} ý kiến chuyển từ đợt trước.`,
		noItems: 'Đợt này chưa có đầu báo cáo.',
		fileName: (p: { id: string; ext: string }) => `bao-cao-${p.id}.${p.ext}`,
		posted: (p: { channel: string }) => `Đã đăng báo cáo vào ${p.channel}.`,
		csvNote: 'Tệp CSV là bảng Đơn vị; bản XLSX có đủ các bảng.',
		sheets: {
			summary: 'Tổng hợp',
			units: 'Đơn vị',
			comments: 'Ý kiến',
			items: 'Đầu báo cáo',
			history: 'Lịch sử trả lời',
		},
		summaryHeaders: ['Chỉ tiêu', 'Giá trị'],
		summary: {
			round: 'Đợt',
			title: 'Tiêu đề',
			campaign: 'Chiến dịch',
			state: 'Trạng thái',
			deadline: 'Hạn trả lời',
			generatedAt: 'Thời điểm lập báo cáo',
			from: 'Tạo từ đợt',
			baseline: 'Kế hoạch gốc',
			targets: 'Số đơn vị được gửi',
			answered: 'Số đơn vị đã trả lời',
			agreed: 'Nhất trí',
			commented: 'Có ý kiến',
			silence: 'Nhất trí do im lặng',
			pending: 'Chưa trả lời',
			onBehalf: 'Trong đó ghi nhận thay',
			late: 'Trong đó trả lời muộn',
			items: 'Tổng số đầu báo cáo',
			points: 'Tổng điểm',
			itemsVsFrom: 'Chênh lệch số báo cáo so với đợt trước',
			pointsVsFrom: 'Chênh lệch điểm so với đợt trước',
			itemsVsBaseline: 'Chênh lệch số báo cáo so với kế hoạch gốc',
			pointsVsBaseline: 'Chênh lệch điểm so với kế hoạch gốc',
			comments: 'Số ý kiến (kể cả chuyển từ đợt trước)',
			accepted: 'Tiếp thu',
			explained: 'Giải trình',
			open: 'Chưa xử lý',
			text: 'Nội dung tổng hợp',
		},
		unitsHeaders: [
			'Mã đơn vị',
			'Tên đơn vị',
			'Trả lời',
			'Người trả lời',
			'Thời điểm',
			'Muộn',
			'Ghi nhận thay (nguồn)',
			'Trạng thái gửi dự thảo',
			'Số đầu báo cáo',
			'Tổng điểm',
			'Chênh lệch báo cáo so với đợt trước',
			'Chênh lệch điểm so với đợt trước',
			'Chênh lệch báo cáo so với kế hoạch gốc',
			'Chênh lệch điểm so với kế hoạch gốc',
		],
		deliveryStates: {
			sent: 'đã gửi',
			failed: 'gửi lỗi',
			sending: 'đang gửi',
			due: 'chờ gửi',
			skipped: 'không gửi',
			none: 'chưa gửi',
		} as Record<string, string>,
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
		} as Record<string, string>,
		historyHeaders: [
			'Mã đơn vị',
			'Lần',
			'Trả lời',
			'Nội dung',
			'Đầu báo cáo',
			'Người trả lời',
			'Ghi nhận thay (nguồn)',
			'Thời điểm',
			'Muộn',
		],
	},
	commentOutcome: {
		outcomes: { accepted: 'Tiếp thu', explained: 'Giải trình' } as Record<string, string>,
		open: 'Chưa xử lý',
		resolved: (p: { unit: string; round: string; outcome: string }) =>
			`Đã ghi nhận kết quả xử lý ý kiến của **${p.unit}** (đợt **${p.round}**): ${p.outcome}.`,
		changed: (p: { unit: string; round: string; outcome: string; before: string }) =>
			`Đã cập nhật kết quả xử lý ý kiến của **${p.unit}** (đợt **${p.round}**): ${p.before} → ${p.outcome}. Cả hai lần đều được lưu trong nhật ký.`,
		unknown: (p: { comment: string }) =>
			`Không tìm thấy ý kiến “${p.comment}”. Hãy chọn một ý kiến trong danh sách gợi ý.`,
		superseded: (p: { unit: string; round: string }) =>
			`Đơn vị **${p.unit}** đã thay ý kiến này bằng câu trả lời mới trong đợt **${p.round}**; hãy xử lý câu trả lời hiện tại.`,
		choiceLabel: (p: { round: string; unit: string; state: string; text: string }) =>
			`${p.round} · ${p.unit} · ${p.state} · ${p.text}`,
	},
	recordAnswer: {
		recorded: (p: { unit: string; round: string; answer: string; source: string; late: string }) =>
			`Đã ghi nhận thay đơn vị **${p.unit}** trong đợt **${p.round}**: ${p.answer} (nguồn: ${p.source})${p.late}. Câu trả lời luôn được hiển thị là ghi nhận thay.`,
		sourceRequired: 'Hãy ghi nguồn của câu trả lời, ví dụ “điện thoại 04/10” hoặc “công văn 123/CTK”.',
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
			'answer.record': 'Trả lời',
			'answer.on-behalf': 'Ghi nhận thay',
			'answer.silence': 'Nhất trí do im lặng',
			'items.replace': 'Cập nhật đầu báo cáo',
			'items.baseline': 'Cập nhật kế hoạch gốc',
			'comment.outcome': 'Xử lý ý kiến',
			'round.extend': 'Gia hạn',
			'round.close': 'Kết thúc đợt',
			'reminder.sent': 'Đã nhắc',
			'reminder.manual': 'Nhắc theo yêu cầu',
			'reminder.failed': 'Nhắc không thành công',
			'notice.complete': 'Báo cáo: tất cả đã trả lời',
			'notice.deadline': 'Báo cáo: đến hạn',
			'notice.final': 'Báo cáo kết thúc đợt',
			'notice.escalation': 'Báo cáo quá hạn cho điều phối',
			'notice.failure': 'Báo lỗi gửi lời nhắc',
			'holiday.add': 'Thêm ngày nghỉ',
			'holiday.remove': 'Bỏ ngày nghỉ',
			'holiday.import': 'Nhập ngày nghỉ',
		} as Record<string, string>,
	},
	access: {
		permissions: {
			ViewChannel: 'Xem kênh',
			SendMessages: 'Gửi tin nhắn',
			EmbedLinks: 'Nhúng liên kết',
			AttachFiles: 'Đính kèm tệp',
			ReadMessageHistory: 'Đọc lịch sử tin nhắn',
			MentionEveryone: 'Nhắc đến @everyone, @here và tất cả vai trò',
		},
		problems: {
			channelMissing: 'kênh không còn tồn tại',
			permission: (p: { permission: string }) => `bot thiếu quyền **${p.permission}** trong kênh`,
			roleMissing: 'vai trò không còn tồn tại',
			pingSilent: (p: { role: string }) =>
				`nhắc ${p.role} sẽ không báo cho ai (vai trò không cho phép nhắc đến và bot thiếu quyền **Nhắc đến @everyone, @here và tất cả vai trò**)`,
			refused: 'Discord từ chối bài đăng (403): bot thiếu quyền trong kênh',
		},
		unitWarning: (p: { unit: string; channel: string; problems: string }) =>
			`⚠️ Đơn vị **${p.unit}** (${p.channel}): ${p.problems}.`,
		reportWarning: (p: { channel: string; problems: string }) => `⚠️ Kênh báo cáo ${p.channel}: ${p.problems}.`,
		ready: '✅ sẵn sàng',
		notReady: (p: { problems: string }) => `⚠️ chưa sẵn sàng: ${p.problems}`,
		blockedLine: (p: { unit: string; channel: string; problems: string }) =>
			`• **${p.unit}** (${p.channel}): chưa gửi, ${p.problems}`,
		publishWarning: (p: { unit: string; problems: string }) => `⚠️ **${p.unit}**: đã gửi, nhưng ${p.problems}`,
		fixHint:
			'Sửa kênh, quyền của bot hoặc vai trò như trên rồi chạy lại lệnh gửi: chỉ các đơn vị còn thiếu sẽ được gửi.',
	},
	commands: {
		ping: { name: 'kiểm-tra', description: 'Kiểm tra bot có đang hoạt động không' },
		setup: {
			name: 'thiết-lập',
			description: 'Thiết lập bot cho máy chủ: vai trò điều phối, kênh báo cáo, ngôn ngữ, múi giờ',
			options: {
				coordinator_role: { name: 'vai-trò-điều-phối', description: 'Vai trò của người điều phối' },
				report_channel: { name: 'kênh-báo-cáo', description: 'Kênh nhận báo cáo tổng hợp và cảnh báo' },
				language: {
					name: 'ngôn-ngữ',
					description: 'Ngôn ngữ của các bài đăng công khai',
					choices: { vi: 'Tiếng Việt', en: 'Tiếng Anh' },
				},
				timezone: { name: 'múi-giờ', description: 'Múi giờ IANA, mặc định Asia/Ho_Chi_Minh' },
				office_hours: { name: 'giờ-làm-việc', description: 'Giờ làm việc, ví dụ 08:00-17:00 (mặc định)' },
				working_days: { name: 'ngày-làm-việc', description: 'Ngày làm việc, ví dụ mon-fri (mặc định)' },
				reminders: { name: 'lịch-nhắc', description: 'Lịch nhắc mặc định cho đợt mới, ví dụ -2wd,-0wd,+1wd' },
			},
		},
		unit: {
			name: 'đơn-vị',
			description: 'Quản lý các đơn vị được lấy ý kiến',
			subcommands: {
				add: {
					name: 'thêm',
					description: 'Thêm một đơn vị',
					options: {
						code: { name: 'mã', description: 'Mã đơn vị: 1–16 ký tự A–Z, 0–9, - hoặc _' },
						name: { name: 'tên', description: 'Tên đơn vị (tối đa 100 ký tự)' },
						channel: { name: 'kênh', description: 'Kênh riêng của đơn vị' },
						role: { name: 'vai-trò', description: 'Vai trò của những người trả lời thay mặt đơn vị' },
						kind: {
							name: 'loại',
							description: 'Loại đơn vị',
							choices: { department: 'Vụ', provincial: 'Cục Thống kê tỉnh/thành', other: 'Đơn vị khác' },
						},
					},
				},
				edit: {
					name: 'sửa',
					description: 'Sửa thông tin một đơn vị',
					options: {
						code: { name: 'mã', description: 'Đơn vị cần sửa' },
						name: { name: 'tên', description: 'Tên mới' },
						channel: { name: 'kênh', description: 'Kênh mới' },
						role: { name: 'vai-trò', description: 'Vai trò mới' },
						kind: {
							name: 'loại',
							description: 'Loại đơn vị mới',
							choices: { department: 'Vụ', provincial: 'Cục Thống kê tỉnh/thành', other: 'Đơn vị khác' },
						},
					},
				},
				remove: {
					name: 'xóa',
					description: 'Xóa một đơn vị (đơn vị đã có ý kiến sẽ được lưu trữ)',
					options: { code: { name: 'mã', description: 'Đơn vị cần xóa' } },
				},
				list: { name: 'danh-sách', description: 'Xem danh sách đơn vị', options: {} },
				import: {
					name: 'nhập',
					description: 'Nhập đơn vị từ tệp CSV hoặc XLSX (cột code,name,kind,channel,role)',
					options: { file: { name: 'tệp', description: 'Tệp CSV hoặc XLSX, tối đa 1 MB' } },
				},
			},
		},
		round: {
			name: 'đợt',
			description: 'Quản lý các đợt góp ý dự thảo',
			subcommands: {
				create: {
					name: 'tạo',
					description: 'Tạo đợt góp ý mới',
					options: {
						title: { name: 'tiêu-đề', description: 'Tiêu đề của đợt (tối đa 200 ký tự)' },
						deadline: { name: 'hạn', description: 'Hạn trả lời: DD/MM/YYYY HH:mm hoặc YYYY-MM-DD HH:mm' },
						units: { name: 'đơn-vị', description: 'all (mặc định) hoặc danh sách mã cách nhau bởi dấu phẩy' },
						campaign: { name: 'chiến-dịch', description: 'Tên chiến dịch, ví dụ KH 2022' },
						draft: { name: 'dự-thảo', description: 'Tệp dự thảo chung cho mọi đơn vị' },
						text: { name: 'nội-dung', description: 'Nội dung dự thảo chung (tối đa 4000 ký tự)' },
						from: {
							name: 'từ-đợt',
							description: 'Đợt trước làm điểm xuất phát: sao chép đơn vị, dự thảo và đầu báo cáo',
						},
						reminders: { name: 'lịch-nhắc', description: 'Lịch nhắc của đợt này, ví dụ -2wd,-0wd,+1wd' },
						silence: {
							name: 'im-lặng',
							description: 'Đơn vị không trả lời đến khi kết thúc được tính thế nào',
							choices: { none: 'Là chưa có ý kiến (mặc định)', consent: 'Là nhất trí (im lặng là đồng ý)' },
						},
						late: {
							name: 'trả-lời-muộn',
							description: 'Có nhận ý kiến sau hạn không',
							choices: { accept: 'Nhận, đánh dấu muộn (mặc định)', refuse: 'Không nhận' },
						},
					},
				},
				draft: {
					name: 'dự-thảo',
					description: 'Dự thảo riêng cho một đơn vị (thay cho dự thảo chung)',
					options: {
						round: { name: 'đợt', description: 'Đợt góp ý' },
						unit: { name: 'đơn-vị', description: 'Đơn vị' },
						file: { name: 'tệp', description: 'Tệp dự thảo của đơn vị' },
						text: { name: 'nội-dung', description: 'Nội dung dự thảo của đơn vị (tối đa 4000 ký tự)' },
					},
				},
				publish: {
					name: 'gửi',
					description: 'Gửi dự thảo vào kênh của từng đơn vị',
					options: { round: { name: 'đợt', description: 'Đợt góp ý' } },
				},
				status: {
					name: 'tình-hình',
					description: 'Tình hình trả lời của một đợt',
					options: {
						round: { name: 'đợt', description: 'Đợt góp ý' },
						post: { name: 'đăng', description: 'Đăng cả vào kênh báo cáo' },
					},
				},
				list: { name: 'danh-sách', description: 'Các đợt đang mở và gần đây', options: {} },
				items: {
					name: 'đầu-báo-cáo',
					description: 'Nạp đầu báo cáo các đơn vị từ tệp (cột unit,code,title,frequency,due,points)',
					options: {
						round: { name: 'đợt', description: 'Đợt góp ý' },
						file: { name: 'tệp', description: 'Tệp XLSX hoặc CSV, tối đa 5.000 dòng và 2 MB' },
					},
				},
				baseline: {
					name: 'kế-hoạch-gốc',
					description: 'Nạp kế hoạch năm trước để so sánh (cùng các cột như đầu báo cáo)',
					options: {
						round: { name: 'đợt', description: 'Đợt góp ý' },
						file: {
							name: 'tệp',
							description: 'Tệp XLSX hoặc CSV; năm trong tên tệp (vd. ke-hoach-2021.xlsx) đặt tên cho kế hoạch',
						},
					},
				},
				report: {
					name: 'báo-cáo',
					description: 'Báo cáo tổng hợp của đợt, kèm tệp XLSX hoặc CSV',
					options: {
						round: { name: 'đợt', description: 'Đợt góp ý' },
						format: {
							name: 'định-dạng',
							description: 'Định dạng tệp (mặc định XLSX)',
							choices: { xlsx: 'XLSX (Excel, đủ các bảng)', csv: 'CSV (bảng Đơn vị)' },
						},
						post: { name: 'đăng', description: 'Đăng cả vào kênh báo cáo' },
					},
				},
				extend: {
					name: 'gia-hạn',
					description: 'Gia hạn trả lời; đơn vị chưa trả lời được báo hạn mới',
					options: {
						round: { name: 'đợt', description: 'Đợt góp ý' },
						deadline: { name: 'hạn', description: 'Hạn mới: DD/MM/YYYY HH:mm hoặc YYYY-MM-DD HH:mm' },
					},
				},
				close: {
					name: 'kết-thúc',
					description: 'Kết thúc đợt ngay và đăng báo cáo cuối cùng',
					options: { round: { name: 'đợt', description: 'Đợt góp ý' } },
				},
				remind: {
					name: 'nhắc',
					description: 'Nhắc ngay các đơn vị chưa trả lời (mỗi đơn vị tối đa 1 lần/giờ)',
					options: { round: { name: 'đợt', description: 'Đợt góp ý' } },
				},
			},
		},
		calendar: {
			name: 'lịch',
			description: 'Lịch làm việc: ngày nghỉ lễ dùng để tính ngày làm việc khi nhắc hạn',
			subcommands: {
				'holiday-add': {
					name: 'thêm-ngày-nghỉ',
					description: 'Thêm một ngày nghỉ',
					options: {
						date: { name: 'ngày', description: 'YYYY-MM-DD hoặc DD/MM/YYYY' },
						name: { name: 'tên', description: 'Tên ngày nghỉ, ví dụ Quốc khánh' },
					},
				},
				'holiday-remove': {
					name: 'bỏ-ngày-nghỉ',
					description: 'Bỏ một ngày nghỉ',
					options: { date: { name: 'ngày', description: 'YYYY-MM-DD hoặc DD/MM/YYYY' } },
				},
				list: {
					name: 'danh-sách',
					description: 'Xem các ngày nghỉ',
					options: { year: { name: 'năm', description: 'Chỉ xem một năm' } },
				},
				import: {
					name: 'nhập',
					description: 'Nhập ngày nghỉ từ tệp CSV hoặc XLSX (cột date,name)',
					options: { file: { name: 'tệp', description: 'Tệp CSV hoặc XLSX, tối đa 1 MB' } },
				},
			},
		},
		feedback: {
			name: 'góp-ý',
			description: 'Trả lời dự thảo thay mặt đơn vị của bạn',
			subcommands: {
				agree: {
					name: 'nhất-trí',
					description: 'Đơn vị nhất trí với dự thảo',
					options: {
						round: { name: 'đợt', description: 'Đợt góp ý' },
						unit: { name: 'đơn-vị', description: 'Chỉ cần khi bạn thuộc nhiều đơn vị' },
						note: { name: 'ghi-chú', description: 'Ghi chú (tối đa 1000 ký tự)' },
					},
				},
				comment: {
					name: 'có-ý-kiến',
					description: 'Gửi ý kiến của đơn vị về dự thảo',
					options: {
						round: { name: 'đợt', description: 'Đợt góp ý' },
						unit: { name: 'đơn-vị', description: 'Chỉ cần khi bạn thuộc nhiều đơn vị' },
						text: { name: 'nội-dung', description: 'Nội dung ý kiến (tối đa 4000 ký tự)' },
						file: { name: 'tệp', description: 'Tệp đính kèm (không bắt buộc)' },
						items: { name: 'đầu-báo-cáo', description: 'Mã các đầu báo cáo được góp ý, cách nhau bởi dấu phẩy' },
					},
				},
				show: {
					name: 'xem',
					description: 'Xem ý kiến hiện tại và lịch sử trả lời của đơn vị',
					options: {
						round: { name: 'đợt', description: 'Đợt góp ý' },
						unit: { name: 'đơn-vị', description: 'Chỉ cần khi bạn thuộc nhiều đơn vị' },
					},
				},
				record: {
					name: 'ghi-nhận-thay',
					description: 'Điều phối: ghi nhận câu trả lời đơn vị gửi ngoài Discord (điện thoại, công văn)',
					options: {
						round: { name: 'đợt', description: 'Đợt góp ý' },
						unit: { name: 'đơn-vị', description: 'Đơn vị đã trả lời' },
						answer: {
							name: 'trả-lời',
							description: 'Câu trả lời của đơn vị',
							choices: { agree: 'Nhất trí', comment: 'Có ý kiến' },
						},
						source: { name: 'nguồn', description: 'Nguồn, ví dụ “điện thoại 04/10”, “công văn 123/CTK”' },
						text: { name: 'nội-dung', description: 'Nội dung ý kiến (bắt buộc khi có ý kiến) hoặc ghi chú' },
					},
				},
			},
		},
		comment: {
			name: 'ý-kiến',
			description: 'Xử lý ý kiến của các đơn vị (tiếp thu, giải trình)',
			subcommands: {
				resolve: {
					name: 'xử-lý',
					description: 'Ghi kết quả xử lý một ý kiến: tiếp thu hoặc giải trình',
					options: {
						comment: { name: 'ý-kiến', description: 'Ý kiến cần xử lý' },
						outcome: {
							name: 'kết-quả',
							description: 'Tiếp thu hay giải trình',
							choices: { accepted: 'Tiếp thu', explained: 'Giải trình' },
						},
						note: { name: 'nội-dung', description: 'Nội dung tiếp thu hoặc giải trình (tối đa 1000 ký tự)' },
					},
				},
			},
		},
		audit: {
			name: 'nhật-ký',
			description: 'Nhật ký thao tác: ai làm gì, khi nào',
			subcommands: {
				export: {
					name: 'xuất',
					description: 'Xuất nhật ký của máy chủ hoặc của một đợt ra tệp XLSX hoặc CSV',
					options: {
						round: { name: 'đợt', description: 'Chỉ một đợt (mặc định: cả máy chủ)' },
						format: {
							name: 'định-dạng',
							description: 'Định dạng tệp (mặc định XLSX)',
							choices: { xlsx: 'XLSX (Excel)', csv: 'CSV' },
						},
					},
				},
			},
		},
	},
};

export type Catalog = typeof vi;
