/**
 * Vietnamese command metadata: names, descriptions, option and choice labels (Discord's localizations of the English
 * base names in commands-en.ts). Kept apart from the messages. Names follow Discord's rules (lower case, no spaces,
 * ≤ 32 characters) and docs/GLOSSARY.md; a test checks both.
 */
export const commandsVi = {
	ping: { name: 'kiểm-tra', description: 'Kiểm tra bot có đang hoạt động không' },
	setup: {
		name: 'thiết-lập',
		description: 'Thiết lập bot cho máy chủ: vai trò điều phối, kênh điều phối, ngôn ngữ, múi giờ',
		options: {
			coordinator_role: { name: 'vai-trò-điều-phối', description: 'Vai trò của người điều phối' },
			report_channel: { name: 'kênh-điều-phối', description: 'Kênh nhận thông báo tổng hợp và cảnh báo quá hạn' },
			language: {
				name: 'ngôn-ngữ',
				description: 'Ngôn ngữ của các bài đăng công khai',
				choices: { vi: 'Tiếng Việt', en: 'Tiếng Anh' },
			},
			timezone: { name: 'múi-giờ', description: 'Múi giờ IANA, mặc định Asia/Ho_Chi_Minh' },
			office_hours: { name: 'giờ-làm-việc', description: 'Giờ làm việc, ví dụ 08:00-17:00 (mặc định)' },
			working_days: {
				name: 'ngày-làm-việc',
				description: 'Ngày làm việc, ví dụ Thứ Hai – Thứ Sáu (mặc định) hoặc t2-t6',
			},
			reminders: { name: 'lịch-nhắc', description: 'Lịch nhắc mặc định cho đợt mới, ví dụ -2nlv,-0nlv,+1nlv' },
			sender: {
				name: 'đơn-vị-xin-ý-kiến',
				description: 'Đơn vị xin ý kiến, ghi trong bài gửi các đơn vị, ví dụ Vụ Tổ chức cán bộ',
			},
		},
	},
	unit: {
		name: 'đơn-vị',
		description: 'Quản lý các đơn vị được xin ý kiến',
		subcommands: {
			add: {
				name: 'thêm',
				description: 'Thêm một đơn vị',
				options: {
					code: { name: 'mã', description: 'Mã đơn vị: 1–16 ký tự A–Z, 0–9, - hoặc _' },
					name: { name: 'tên', description: 'Tên đơn vị (tối đa 100 ký tự)' },
					channel: { name: 'kênh', description: 'Kênh riêng của đơn vị' },
					role: { name: 'vai-trò', description: 'Vai trò của cán bộ gửi ý kiến thay mặt đơn vị' },
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
				description: 'Xóa một đơn vị (đơn vị đã gửi ý kiến sẽ được lưu trữ)',
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
		description: 'Quản lý các đợt xin ý kiến dự thảo',
		subcommands: {
			create: {
				name: 'tạo',
				description: 'Tạo đợt xin ý kiến mới',
				options: {
					title: { name: 'tiêu-đề', description: 'Tiêu đề của đợt (tối đa 200 ký tự)' },
					deadline: { name: 'thời-hạn', description: 'Thời hạn gửi ý kiến: DD/MM/YYYY HH:mm hoặc YYYY-MM-DD HH:mm' },
					units: { name: 'đơn-vị', description: 'tất cả (mặc định) hoặc danh sách mã cách nhau bởi dấu phẩy' },
					campaign: { name: 'kế-hoạch', description: 'Kế hoạch được rà soát qua các đợt, ví dụ KH 2022' },
					draft: { name: 'dự-thảo', description: 'Tệp dự thảo chung cho mọi đơn vị' },
					text: { name: 'nội-dung', description: 'Nội dung dự thảo chung (tối đa 4000 ký tự)' },
					from: {
						name: 'từ-đợt',
						description: 'Đợt trước làm điểm xuất phát: sao chép đơn vị, dự thảo và đầu báo cáo',
					},
					reminders: { name: 'lịch-nhắc', description: 'Lịch nhắc của đợt này, ví dụ -2nlv,-0nlv,+1nlv' },
					silence: {
						name: 'không-trả-lời',
						description: 'Đơn vị không gửi ý kiến đến hết thời hạn thì ghi thế nào',
						choices: { none: 'Ghi là chưa có ý kiến (mặc định)', consent: 'Coi là nhất trí' },
					},
					late: {
						name: 'quá-hạn',
						description: 'Có nhận ý kiến quá hạn không',
						choices: { accept: 'Nhận, đánh dấu quá hạn (mặc định)', refuse: 'Không nhận' },
					},
				},
			},
			draft: {
				name: 'dự-thảo',
				description: 'Dự thảo riêng cho một đơn vị (thay cho dự thảo chung)',
				options: {
					round: { name: 'đợt', description: 'Đợt xin ý kiến' },
					unit: { name: 'đơn-vị', description: 'Đơn vị' },
					file: { name: 'tệp', description: 'Tệp dự thảo của đơn vị' },
					text: { name: 'nội-dung', description: 'Nội dung dự thảo của đơn vị (tối đa 4000 ký tự)' },
				},
			},
			publish: {
				name: 'gửi',
				description: 'Gửi dự thảo vào kênh của từng đơn vị',
				options: { round: { name: 'đợt', description: 'Đợt xin ý kiến' } },
			},
			status: {
				name: 'tình-hình',
				description: 'Tình hình gửi ý kiến của một đợt',
				options: {
					round: { name: 'đợt', description: 'Đợt xin ý kiến' },
					post: { name: 'đăng', description: 'Đăng cả vào kênh điều phối' },
				},
			},
			list: { name: 'danh-sách', description: 'Các đợt đang mở và gần đây', options: {} },
			items: {
				name: 'đầu-báo-cáo',
				description: 'Nhập đầu báo cáo các đơn vị từ tệp (cột unit,code,title,frequency,due,points)',
				options: {
					round: { name: 'đợt', description: 'Đợt xin ý kiến' },
					file: { name: 'tệp', description: 'Tệp XLSX hoặc CSV, tối đa 5.000 dòng và 2 MB' },
				},
			},
			baseline: {
				name: 'kế-hoạch-năm-trước',
				description: 'Nhập kế hoạch năm trước để so sánh (cùng các cột như đầu báo cáo)',
				options: {
					round: { name: 'đợt', description: 'Đợt xin ý kiến' },
					file: {
						name: 'tệp',
						description: 'Tệp XLSX hoặc CSV; năm trong tên tệp (vd. ke-hoach-2021.xlsx) đặt tên cho kế hoạch',
					},
				},
			},
			report: {
				name: 'tổng-hợp',
				description: 'Báo cáo tổng hợp của đợt, kèm tệp XLSX hoặc CSV',
				options: {
					round: { name: 'đợt', description: 'Đợt xin ý kiến' },
					format: {
						name: 'định-dạng',
						description: 'Định dạng tệp (mặc định XLSX)',
						choices: { xlsx: 'XLSX (Excel, đủ các bảng)', csv: 'CSV (bảng Đơn vị)' },
					},
					post: { name: 'đăng', description: 'Đăng cả vào kênh điều phối' },
				},
			},
			extend: {
				name: 'gia-hạn',
				description: 'Gia hạn gửi ý kiến; đơn vị chưa gửi ý kiến được báo thời hạn mới',
				options: {
					round: { name: 'đợt', description: 'Đợt xin ý kiến' },
					deadline: { name: 'thời-hạn', description: 'Thời hạn mới: DD/MM/YYYY HH:mm hoặc YYYY-MM-DD HH:mm' },
				},
			},
			close: {
				name: 'kết-thúc',
				description: 'Kết thúc đợt ngay và đăng thông báo kết thúc',
				options: { round: { name: 'đợt', description: 'Đợt xin ý kiến' } },
			},
			remind: {
				name: 'nhắc',
				description: 'Nhắc ngay các đơn vị chưa gửi ý kiến (mỗi đơn vị tối đa 1 lần/giờ)',
				options: { round: { name: 'đợt', description: 'Đợt xin ý kiến' } },
			},
		},
	},
	calendar: {
		name: 'lịch',
		description: 'Lịch làm việc: ngày nghỉ lễ dùng để tính ngày làm việc khi nhắc hạn',
		subcommands: {
			'holiday-add': {
				name: 'thêm-ngày',
				description: 'Thêm ngày nghỉ, hoặc ngày làm việc bù (ví dụ thứ Bảy làm bù theo thông báo của Chính phủ)',
				options: {
					date: { name: 'ngày', description: 'DD/MM/YYYY hoặc YYYY-MM-DD' },
					name: { name: 'tên', description: 'Tên ngày, ví dụ Nghỉ bù Quốc khánh' },
					kind: {
						name: 'loại',
						description: 'Ngày nghỉ (mặc định) hay ngày làm việc bù',
						choices: { off: 'Ngày nghỉ', work: 'Ngày làm việc bù' },
					},
				},
			},
			'holiday-remove': {
				name: 'bỏ-ngày',
				description: 'Bỏ một ngày khỏi lịch, kể cả ngày lễ có sẵn không áp dụng',
				options: { date: { name: 'ngày', description: 'DD/MM/YYYY hoặc YYYY-MM-DD' } },
			},
			list: {
				name: 'danh-sách',
				description: 'Xem lịch nghỉ của một năm: ngày lễ, Tết có sẵn và ngày đã thêm',
				options: { year: { name: 'năm', description: 'Năm cần xem (mặc định năm nay)' } },
			},
			import: {
				name: 'nhập',
				description: 'Nhập ngày nghỉ từ tệp CSV hoặc XLSX (cột date,name)',
				options: { file: { name: 'tệp', description: 'Tệp CSV hoặc XLSX, tối đa 1 MB' } },
			},
		},
	},
	feedback: {
		name: 'ý-kiến',
		description: 'Gửi ý kiến của đơn vị về dự thảo: nhất trí hoặc có ý kiến',
		subcommands: {
			agree: {
				name: 'nhất-trí',
				description: 'Đơn vị nhất trí với dự thảo',
				options: {
					round: { name: 'đợt', description: 'Đợt xin ý kiến' },
					unit: { name: 'đơn-vị', description: 'Chỉ cần khi thuộc nhiều đơn vị' },
					note: { name: 'ghi-chú', description: 'Ghi chú (tối đa 1000 ký tự)' },
				},
			},
			comment: {
				name: 'có-ý-kiến',
				description: 'Gửi ý kiến của đơn vị về dự thảo',
				options: {
					round: { name: 'đợt', description: 'Đợt xin ý kiến' },
					unit: { name: 'đơn-vị', description: 'Chỉ cần khi thuộc nhiều đơn vị' },
					text: { name: 'nội-dung', description: 'Nội dung ý kiến (tối đa 4000 ký tự)' },
					file: { name: 'tệp', description: 'Tệp đính kèm (không bắt buộc)' },
					items: { name: 'đầu-báo-cáo', description: 'Mã các đầu báo cáo có ý kiến, cách nhau bởi dấu phẩy' },
				},
			},
			show: {
				name: 'xem',
				description: 'Xem ý kiến hiện tại và lịch sử gửi ý kiến của đơn vị',
				options: {
					round: { name: 'đợt', description: 'Đợt xin ý kiến' },
					unit: { name: 'đơn-vị', description: 'Chỉ cần khi thuộc nhiều đơn vị' },
				},
			},
			record: {
				name: 'ghi-nhận-thay',
				description: 'Điều phối: ghi nhận ý kiến đơn vị gửi ngoài Discord (điện thoại, công văn)',
				options: {
					round: { name: 'đợt', description: 'Đợt xin ý kiến' },
					unit: { name: 'đơn-vị', description: 'Đơn vị đã gửi ý kiến' },
					answer: {
						name: 'ý-kiến',
						description: 'Ý kiến của đơn vị',
						choices: { agree: 'Nhất trí', comment: 'Có ý kiến' },
					},
					source: { name: 'nguồn', description: 'Nguồn, ví dụ “điện thoại 04/10”, “công văn 123/CTK”' },
					text: { name: 'nội-dung', description: 'Nội dung ý kiến (bắt buộc khi có ý kiến) hoặc ghi chú' },
				},
			},
		},
	},
	comment: {
		name: 'tiếp-thu-giải-trình',
		description: 'Xử lý ý kiến của các đơn vị: tiếp thu hoặc giải trình',
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
};

export type CommandTexts = typeof commandsVi;
