import type { Catalog } from './vi.ts';

/** "6 agreed, 3 commented": the non-zero parts of a breakdown, or null when every part is zero. */
function parts(list: ReadonlyArray<[number, string]>, sep = ', '): string | null {
	const kept = list.filter(([n]) => n > 0).map(([, text]) => text);
	return kept.length > 0 ? kept.join(sep) : null;
}

/** A count with its noun: "1 unit", "3 units". */
function units(n: number): string {
	return `${n} ${n === 1 ? 'unit' : 'units'}`;
}

/**
 * English messages: the same concepts as the Vietnamese catalog (docs/GLOSSARY.md gives each pair). Command metadata
 * lives apart, in commands-en.ts.
 */
export const en: Catalog = {
	lang: 'en',
	language: { vi: 'Vietnamese', en: 'English' },
	common: {
		yes: 'Yes',
		no: 'No',
		none: '(none)',
		late: 'late',
		moreInFile: (p) => `The full content is in the attached file **${p.file}**.`,
		at: (p) => `${p.hour}:${p.minute} on ${p.date}`,
		weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
		workingDayUnit: 'wd',
		list: (p) =>
			p.items.length <= 1 ? (p.items[0] ?? '') : `${p.items.slice(0, -1).join(', ')} and ${p.items.at(-1) ?? ''}`,
	},
	errors: {
		internal: (p) =>
			`Sorry, something unexpected went wrong. Please try again later; if it happens again, give the incident id \`${p.incident}\` to an administrator.`,
		unavailable: 'This action is no longer available.',
		guildOnly: 'This command works only in a server, not in direct messages.',
		notCoordinator: 'You are not a coordinator: this needs the coordinator role or the Manage Server permission.',
		notSetUp: 'This server is not set up yet. A coordinator must run `/setup` first.',
		tooLong: (p) => `“${p.field}” is longer than ${p.max} characters.`,
		required: (p) => `Please fill in “${p.field}”.`,
		fields: {
			title: 'title',
			text: 'text',
			note: 'note',
			campaign: 'campaign',
			source: 'source',
			items: 'items',
			sender: 'sender',
		},
		busy: 'The system is busy; please try again in a few minutes.',
	},
	ping: {
		pong: (p) =>
			`The bot is running. Latency of the connection to Discord: ${p.ws} ms; database: ${p.db}; version ${p.version}.`,
		dbOk: 'OK',
		dbDown: 'unreachable',
	},
	setup: {
		saved: (p) =>
			`Settings saved: coordinator role ${p.role}, report channel ${p.channel}, language ${p.language}, time zone ${p.timezone}.`,
		sender: (p) => `Draft posts name **${p.sender}** as the sender.`,
		noSender: 'Draft posts name no sender yet (option `sender`).',
		badTimezone: (p) => `“${p.value}” is not a valid time zone. Use an IANA name such as Asia/Ho_Chi_Minh.`,
		reportChannelNotWritable: (p) =>
			`The bot cannot send messages in ${p.channel}. Give it View Channel and Send Messages, or choose another channel.`,
		coordinatorRoleNotAssignable: (p) =>
			`${p.role} cannot be the coordinator role: @everyone is held by every member, and a role managed by an integration cannot be given to anyone. Choose a role of its own for coordinators.`,
		notTextChannel: (p) => `${p.channel} is not a text channel.`,
		schedule: (p) =>
			`Office hours ${p.hours}, working days ${p.days}; default reminders for new rounds: \`${p.ladder}\`.`,
	},
	unit: {
		kinds: { department: 'Department', provincial: 'Provincial statistics office', other: 'Other unit' },
		added: (p) => `Unit **${p.code}** – ${p.name} added (channel ${p.channel}, role ${p.role}).`,
		updated: (p) => `Unit **${p.code}** updated.`,
		removed: (p) => `Unit **${p.code}** removed.`,
		archived: (p) =>
			`Unit **${p.code}** has answers in consultation rounds, so it was archived, not deleted: its history stays in reports.`,
		badCode: (p) => `Unit code “${p.value}” is invalid: use 1–16 characters of A–Z, 0–9, - or _.`,
		nameTooLong: 'A unit name must have 1 to 100 characters.',
		duplicate: (p) => `Unit code **${p.code}** already exists.`,
		duplicateArchived: (p) => `Unit code **${p.code}** belongs to an archived unit; choose another code.`,
		unknown: (p) => `No active unit has the code **${p.code}**.`,
		channelNotWritable: (p) =>
			`The bot cannot send messages in ${p.channel}. Give it View Channel and Send Messages permissions.`,
		notTextChannel: (p) => `${p.channel} is not a text channel.`,
		nothingToEdit: 'Choose at least one thing to change (name, channel, role or kind).',
		roleNotAssignable: (p) =>
			`${p.role} cannot be a unit's role: choose a role of its own that members can be given (not @everyone or a bot's role).`,
		listTitle: (p) => `Units (${p.count}):`,
		listEmpty: 'No units yet. Use `/unit add` or `/unit import` to register them.',
		listLine: (p) => `**${p.code}** – ${p.name} · ${p.kind} · ${p.channel} · ${p.role}`,
		archivedTag: '(archived)',
		imported: (p) => `${p.count} units imported.`,
	},
	importFile: {
		unsupported: 'The file must be CSV or XLSX.',
		tooLarge: (p) => `The file is too large (at most ${p.max}).`,
		tooManyRows: (p) => `The file has too many rows (at most ${p.max}).`,
		unreadable: 'The file could not be read: it is damaged or not in the expected format.',
		empty: 'The file is empty or has no header row.',
		missingColumns: (p) => `The file lacks columns: ${p.columns}.`,
		duplicateColumns: (p) => `The file repeats the column(s): ${p.columns}. Each column may appear only once.`,
		inflatedTooLarge: (p) =>
			`The XLSX file unpacks to too much data (at most ${p.max}); it may be damaged or a “zip bomb”.`,
		downloadFailed: 'The attachment could not be downloaded from Discord; please try again.',
		rejected: (p) => `The file was rejected and nothing was saved. ${p.count} problems to fix:`,
		line: (p) => `Line ${p.line}${p.column}: ${p.reason}`,
		problems: {
			required: 'a required value is missing',
			'too-long': 'too long',
			'bad-code': 'invalid code (1–16 characters of A–Z, 0–9, - or _)',
			'bad-kind': 'kind must be department, provincial or other (or Vụ, Cục Thống kê, Khác)',
			'unknown-channel': 'channel not found',
			'ambiguous-channel': 'several channels have this name; use the id',
			'channel-not-writable': 'the bot cannot send messages in this channel',
			'not-text-channel': 'not a text channel',
			'unknown-role': 'role not found',
			'ambiguous-role': 'several roles have this name; use the id',
			'duplicate-in-file': 'same code as an earlier line of the file',
			'duplicate-existing': 'the code already exists',
			'bad-date': 'invalid date',
			'unknown-unit': 'unit code not targeted by the round',
			'duplicate-item': 'duplicate item code within the unit',
			'bad-points': 'points must be a non-negative number',
		},
	},
	round: {
		states: { draft: 'not published', open: 'open', closed: 'closed' },
		created: (p) =>
			`Round **${p.id}** – ${p.title} created, deadline ${p.deadline}, for ${p.count} units. Use \`/round publish\` to send the drafts.`,
		deadlineUnparsable: (p) =>
			`Cannot read the deadline “${p.value}”. Write it as \`YYYY-MM-DD HH:mm\` or \`DD/MM/YYYY HH:mm\`.`,
		deadlineNonexistent: (p) =>
			`${p.value} does not exist in ${p.zone}: the clocks jump forward that night (daylight saving time), so this time is skipped (it would become ${p.shifted}). Please choose another time.`,
		deadlinePast: (p) => `The deadline ${p.value} has already passed; choose a time in the future.`,
		unknownUnits: (p) => `No active unit has the code(s): ${p.codes}.`,
		noUnits: 'There are no units to send to. Register units first with `/unit add`.',
		unknown: (p) => `Round **${p.id}** was not found.`,
		notTargeted: (p) => `Round **${p.round}** does not target unit **${p.unit}**.`,
		draftSaved: (p) =>
			`Own draft saved for unit **${p.unit}** in round **${p.round}**${p.files > 0 ? ` (${p.files} ${p.files === 1 ? 'file' : 'files'})` : ''}.`,
		draftNeedsContent: 'Attach a file or enter the draft text.',
		draftAfterPublish: (p) =>
			`Round **${p.round}** has been published; its drafts can no longer change. Create a new round for revised drafts.`,
		fileTooLarge: (p) => `The attachment is too large (at most ${p.max}).`,
		published: (p) =>
			`Round **${p.round}**: ` +
			(parts(
				[
					[p.sent, `draft sent to ${units(p.sent)}`],
					[p.already, `${units(p.already)} already had it`],
					[p.failed, `could not be sent to ${units(p.failed)}`],
				],
				'; ',
			) ?? 'no unit to send to') +
			(p.sent === p.total ? '.' : ` (${units(p.total)} in all).`),
		failedDelivery: (p) => `• **${p.unit}** (${p.channel}): ${p.reason}`,
		inProgress: (p) =>
			`Still being delivered to ${p.count} units (${p.units}); the bot finishes this by itself, no need to publish again.`,
		deliveryStates: { due: 'waiting', sending: 'being delivered', failed: 'not delivered', skipped: 'not sent' },
		deliveryReasons: {
			'missing-permission': 'the bot may not send messages in the channel',
			'unknown-channel': 'the channel no longer exists',
			other: 'Discord error',
		},
		alreadyClosed: (p) => `Round **${p.round}** is closed.`,
		listTitle: 'Open and recent rounds:',
		listEmpty: 'No rounds yet. Use `/round create` to start one.',
		listLine: (p) =>
			`**${p.id}** – ${p.title} · ${p.state} · ${p.answered > 0 ? `${p.answered}/${p.total} units answered` : `no unit has answered yet (${units(p.total)})`} · deadline ${p.deadline}`,
		autocompleteLabel: (p) => `${p.id} · ${p.title} (${p.state})`,
	},
	post: {
		title: (p) => `Request for feedback on the draft: ${p.title}`,
		to: (p) => `To: **${p.unit}**`,
		intro: (p) =>
			`${p.sender ? `${p.sender} asks for` : 'We ask for'} your unit's feedback on the draft below. Please answer by ${p.deadline}.`,
		deadline: (p) => `Deadline for feedback: by ${p.at}`,
		round: (p) => `Round ${p.id}`,
		howTo: 'Press **Agree** if you agree with the draft, or **Comment** to send your comments.',
		agree: 'Agree',
		comment: 'Comment',
		stateNone: '⏳ No answer yet',
		stateAgree: (p) => `✅ Agreed — ${p.user}, ${p.at}${p.late}`,
		stateComment: (p) => `💬 Commented — ${p.user}, ${p.at}${p.late}`,
		stateSilence: '☑️ Counted as agreeing (no feedback by the deadline)',
		lateTag: ' (late)',
		onBehalf: (p) => `recorded on behalf (${p.source})`,
		draftFiles: (p) => `Draft files attached: ${p.count}.`,
		noDraftText: 'The draft is in the attached file.',
	},
	modal: {
		title: 'Comment on the draft',
		label: 'Your comments',
		placeholder: "Your unit's comments on the draft…",
	},
	feedback: {
		agreed: (p) => `Recorded: unit **${p.unit}** agrees with the draft of round **${p.round}**${p.late}.`,
		commented: (p) => `Recorded: the comments of unit **${p.unit}** on round **${p.round}**${p.late}.`,
		lateNote: ' (after the deadline, marked late)',
		notMember: 'You do not belong to any unit this round was sent to.',
		notMemberOfUnit: (p) => `You do not hold the role of unit **${p.unit}**.`,
		chooseUnit: (p) => `You belong to several units of this round (${p.units}); choose one with the \`unit\` option.`,
		roundClosed: (p) => `Round **${p.round}** is closed and takes no more answers.`,
		roundNotOpen: (p) => `Round **${p.round}** has not been published yet; it cannot be answered.`,
		lateRefused: (p) => `The deadline of round **${p.round}** has passed; this round does not accept late answers.`,
		textRequired: 'Please enter your comments.',
		showTitle: (p) => `Answer of **${p.unit}** in round **${p.round}**:`,
		current: (p) => `Current: ${p.state}`,
		historyTitle: 'Answer history:',
		historyLine: (p) => `${p.n}. ${p.answer} — ${p.user}, ${p.at}${p.late}`,
		noAnswer: 'The unit has not answered yet.',
		answers: { agree: 'Agreed', comment: 'Commented', silence: 'Counted as agreeing (no feedback)' },
		fileTooLarge: (p) => `The attachment is too large (at most ${p.max}).`,
	},
	status: {
		headline: (p) => {
			if (p.answered === 0) return `No unit has answered yet (${units(p.total)}; deadline ${p.deadline}).`;
			const breakdown =
				p.agreed === p.answered
					? p.answered > 1
						? `all ${p.agreed} agreed`
						: 'it agreed'
					: p.commented === p.answered
						? p.answered > 1
							? `all ${p.commented} commented`
							: 'it commented'
						: parts([
								[p.agreed, `${p.agreed} agreed`],
								[p.commented, `${p.commented} commented`],
							]);
			const pending = p.pending > 0 ? `; ${units(p.pending)} still to answer` : '';
			return `${p.answered}/${p.total} units answered: ${breakdown ?? ''}${pending} (deadline ${p.deadline}).`;
		},
		silenceNote: (p) => `In addition, ${units(p.count)} that sent no feedback by the deadline count as agreeing.`,
		seed: (p) => {
			if (p.answered === 0) return `As of ${p.date}, no unit has sent its feedback yet.`;
			const breakdown =
				p.commented === 0
					? p.agreed > 1
						? `all ${p.agreed} units agreed with the draft`
						: 'the unit agreed with the draft'
					: p.agreed === 0
						? p.commented > 1
							? `all ${p.commented} units commented`
							: 'the unit commented'
						: `${units(p.agreed)} agreed with the draft; ${units(p.commented)} commented`;
			return `As of ${p.date}, ${p.answered}/${p.total} units have sent their feedback. Of these, ${breakdown}.`;
		},
		title: (p) => `Round ${p.id} – ${p.title} (${p.state})`,
		pendingTitle: 'Not answered yet:',
		pendingNone: 'Every unit has answered.',
		commentsTitle: 'Comments:',
		tableTitle: 'Per unit:',
		tableHeaders: ['Code', 'Unit', 'Answer', 'By', 'When', 'Late', 'Comment'],
		unitLine: (p) => `**${p.code}** ${p.name}: ${p.answer}${p.who}${p.at}${p.late}`,
		posted: (p) => `Status posted to ${p.channel}.`,
		fileName: (p) => `status-${p.id}.md`,
		pendingAnswer: 'pending',
		deliveryNote: (p) => ` · draft: ${p.state}${p.reason ? ` (${p.reason})` : ''}`,
	},
	picture: {
		fileName: (p: { id: string }) => `status-${p.id}.png`,
		title: (p: { id: string; title: string }) => `Round ${p.id} – ${p.title}`,
		states: { agree: 'Agreed', comment: 'Commented', silence: 'Agreed (silence)', pending: 'Pending' },
		progressTitle: 'Progress',
		timelineTitle: 'Units answered over time',
		unitsTitle: 'Every unit',
		unitsByKindTitle: 'By kind of unit',
		deadline: 'Deadline',
		lateNote: 'Red border: answered after the deadline',
		lateNoteByKind: '(n*): units that answered after the deadline',
		kinds: {
			department: 'Departments',
			provincial: 'Provincial offices',
			other: 'Other units',
		},
		deadlineLine: (p: { absolute: string; relative: string }) => `Deadline: ${p.absolute} (${p.relative})`,
		progressBar: (p: { bar: string; percent: string }) => `${p.bar} ${p.percent}`,
		unavailable: 'The status picture could not be drawn this time; the table is complete.',
	},
	drafts: {
		saved: (p: { count: number; round: string }) => `Saved own drafts for ${p.count} units of round ${p.round}.`,
		withoutOwn: (p: { count: number; units: string }) =>
			`${p.count} units of the round have no own draft (they get the common draft, if any): ${p.units}`,
		allHaveOwn: 'Every unit of the round has its own draft.',
		unsupported:
			'The file must be a ZIP (one file or folder per unit, named by unit code), or an XLSX/CSV with columns unit,text.',
		tooLarge: (p: { max: string }) => `The file is too large (at most ${p.max}).`,
		rejected: (p: { count: number }) => `File refused; no draft was saved. ${p.count} problems to fix:`,
		problem: (p: { where: string; reason: string }) => `${p.where}: ${p.reason}`,
		whereEntry: (p: { entry: string }) => `Entry “${p.entry}”`,
		whereLine: (p: { line: number }) => `Line ${p.line}`,
		whereUnit: (p: { unit: string }) => `Unit ${p.unit}`,
		whereFile: 'File',
		problems: {
			'bad-name': 'the name is not a unit code (name it like TKG.pdf or a folder TKG/)',
			'nested-archive': 'is an archive inside the archive; unpack it first',
			empty: 'is empty',
			'too-large': "is over Discord's attachment limit (8 MB)",
			'too-many-files': 'has more than 10 files (the limit of one Discord message)',
			'duplicate-unit': 'the unit already appears on an earlier line',
			'text-required': 'the draft text is missing',
			'text-too-long': 'the text is longer than 4000 characters',
			'unknown-unit': 'no unit with this code on the server',
			'not-in-round': 'the unit is not addressed by this round',
			'no-drafts': 'no drafts found',
		},
		archive: {
			'not-zip': 'The file is not a valid ZIP file.',
			damaged: 'The ZIP file is damaged and cannot be opened.',
			encrypted: 'The ZIP file is password-protected; send one without a password.',
			unsupported: 'The ZIP file uses an unsupported format (multi-volume or an unusual compression).',
			'too-many-entries': 'The ZIP file has too many entries.',
			'too-large-uncompressed': 'The ZIP file declares too much data once unpacked; nothing was unpacked.',
			ratio: 'The ZIP file has an entry with an abnormal compression ratio (a zip bomb?); nothing was unpacked.',
		},
	},
	progress: {
		sending: (p: { sent: number; total: number }) => `Sending: ${p.sent}/${p.total} units…`,
		downloading: (p: { name: string; size: string }) => `Downloading “${p.name}” (${p.size})…`,
		reading: (p: { name: string }) => `Reading “${p.name}”…`,
		saving: (p: { rows: number }) => `Checking and saving ${p.rows} rows…`,
		savingDrafts: (p: { units: number }) => `Checking and saving the drafts of ${p.units} units…`,
	},
	reminders: {
		badLadder: (p) =>
			`Invalid reminder ladder${p.token}. Syntax: comma-separated steps, each a number with a unit \`wd\` (working days; \`nlv\` works too), \`h\` (hours) or \`m\` (minutes); negative before the deadline, positive after it. Example: \`${p.example}\`.`,
		badLadderToken: (p) => ` (step “${p.token}”)`,
		ladderEmpty: (p) => `The reminder ladder is empty. Example: \`${p.example}\`.`,
		ladderTooMany: (p) => `The reminder ladder has ${p.count} steps; at most ${p.limit} are allowed.`,
		ladderDuplicate: (p) => `The reminder ladder repeats the step “${p.token}”; give each step only once.`,
		ladderTooLarge: (p) => `The step “${p.token}” is too far from the deadline (at most ${p.limit}).`,
		badOfficeHours: (p) => `Office hours “${p.value}” are invalid. Write them as \`08:00-17:00\` (start before end).`,
		badWorkingDays: (p) => `Working days “${p.value}” are invalid. Examples: \`mon-fri\`, \`mon-sat\`, \`sun-thu\`.`,
		before: (p) =>
			`To: **${p.unit}**\nRound **${p.round}** – ${p.title}: your unit has not sent its feedback yet. Please answer by ${p.deadline} with **Agree** or **Comment** below.\n${p.role}`,
		after: (p) =>
			`To: **${p.unit}**\nRound **${p.round}** – ${p.title} is past its deadline (${p.deadline}) and your unit has not sent its feedback. Please send it urgently with **Agree** or **Comment** below.\n${p.role}`,
		escalation: (p) =>
			`⚠️ Round **${p.round}** – ${p.title} is past its deadline (${p.deadline}): ${p.pending}/${p.total} units have not answered: ${p.units}. Please urge them to send their feedback.\n${p.role}`,
		failure: (p) =>
			`A reminder of round **${p.round}** could not be posted to unit **${p.unit}** (${p.channel}): ${p.reason}. The bot will retry; please check the channel and the bot's permissions.\n${p.role}`,
		completeTitle: (p) => `✅ Round **${p.round}** – ${p.title}: every unit has answered.`,
		deadlineTitle: (p) => `⏰ Round **${p.round}** – ${p.title} has reached its deadline.`,
		finalTitle: (p) => `🏁 Round **${p.round}** – ${p.title} is closed.`,
		missing: (p) => `Not answered: ${p.units}.`,
		extended: (p) =>
			`To: **${p.unit}**\nRound **${p.round}** – ${p.title} was extended: please answer by ${p.deadline}.\n${p.role}`,
		extendedReply: (p) =>
			`Round **${p.round}** extended to ${p.deadline}; ${p.told > 0 ? `the ${units(p.told)} that have not answered were told the new deadline` : 'no unit needed to be told'}.`,
		deadlineNotLater: (p) => `The new deadline (${p.value}) must be later than the current one.`,
		closedReply: (p) =>
			`Round **${p.round}** is closed.${p.silent > 0 ? ` ${units(p.silent)} that sent no feedback were recorded as agreeing.` : ''}`,
		remindedReply: (p) => `Reminded the units of round **${p.round}** that have not answered: ${p.units}.`,
		remindSkipped: (p) => `Not reminded again (reminded within the last hour): ${p.units}.`,
		remindNobody: (p) => `Round **${p.round}** has no unit left to remind.`,
		manual: (p) =>
			`To: **${p.unit}**\nRound **${p.round}** – ${p.title}: a coordinator asks your unit to send its feedback urgently, by ${p.deadline}.\n${p.role}`,
		policies: {
			none: 'a unit that sends no feedback is recorded as having no comment',
			consent: 'a unit that sends no feedback by the deadline counts as agreeing',
		},
		createdPolicy: (p) => `Reminders: \`${p.ladder}\`; ${p.silence}; ${p.late}.`,
		latePolicies: { accept: 'late feedback accepted (marked late)', refuse: 'no feedback after the deadline' },
	},
	calendar: {
		added: (p) => `Holiday ${p.date} added: ${p.name}.`,
		addedWorkday: (p) => `Working day ${p.date} added: ${p.name}. It counts as a working day for reminders.`,
		removed: (p) => `${p.date} removed from the holiday calendar.`,
		notFound: (p) => `${p.date} is not in the holiday calendar.`,
		badDate: (p) => `“${p.value}” is not a valid date. Write it as \`YYYY-MM-DD\` or \`DD/MM/YYYY\`.`,
		nameRequired: 'A holiday name must have 1 to 100 characters.',
		badYear: 'The year must be between 2000 and 2100.',
		listTitle: (p) => `Holidays ${p.year} (${p.count}). Office hours ${p.hours}, working days ${p.days}.`,
		listEmpty: (p) => `No holidays ${p.year}. Office hours ${p.hours}, working days ${p.days}.`,
		line: (p) => `• ${p.date} (${p.weekday}): ${p.name}`,
		publicTag: ' — public holiday (Labour Code)',
		workdayLine: (p) => `• ${p.date} (${p.weekday}): working day — ${p.name}`,
		workdaysTitle: 'Swapped working days:',
		builtInNote:
			"Public holidays of the Labour Code are built in; coordinators add the government's compensatory days off and swapped working days, and remove what does not apply.",
		imported: (p) => `${p.count} holidays imported.`,
		inYear: (p) => `in ${p.year}`,
		all: 'registered',
		publicHolidays: {
			'new-year': "New Year's Day",
			tet: 'Lunar New Year (Tết)',
			'hung-kings': 'Hùng Kings Commemoration',
			reunification: 'Reunification Day',
			labour: 'International Labour Day',
			'national-day': 'National Day',
		},
		tetDays: ['eve', 'day 1', 'day 2', 'day 3', 'day 4'],
	},
	items: {
		imported: (p) =>
			`Items of ${p.units} units updated in round **${p.round}**: ${p.items} items, ${p.points} points. Units not in the file keep their items.`,
		baselineImported: (p) =>
			`Baseline (${p.label}) saved for round **${p.round}**: ${p.items} items, ${p.points} points over ${p.units} units. The baseline is used for comparison only.`,
		baselineOutside: (p) =>
			`Of these, ${p.units} units outside the round (${p.items} items) are kept for the plan-level total; the unit-by-unit comparison covers the round's units only.`,
		closedNote: 'The round is closed: this records its consolidated result; posted drafts do not change.',
		unitLine: (p) => `• **${p.unit}**: ${p.items} items, ${p.points} points`,
		copiedFrom: (p) =>
			`Started from round **${p.from}**: ` +
			(parts(
				[
					[p.drafts, `${p.drafts} unit ${p.drafts === 1 ? 'draft' : 'drafts'}`],
					[p.items, `${p.items} ${p.items === 1 ? 'item' : 'items'}`],
				],
				' and ',
			)?.concat(' copied') ?? 'no unit draft or item to copy') +
			(p.comments > 0 ? `; ${p.comments} open ${p.comments === 1 ? 'comment' : 'comments'} carried over.` : '.'),
		fromDraft: (p) => `Round **${p.round}** has not been published, so a new round cannot start from it.`,
		codesUnknown: (p) =>
			`The draft of unit **${p.unit}** has no item with code: ${p.codes}. Check the codes (separated by commas).`,
		commentAbout: (p) => `Items commented on: ${p.codes}.`,
		modalLabel: 'Item codes (optional)',
		modalPlaceholder: 'e.g. BC01, BC05 — leave empty for a general comment',
		fieldName: (p) => `Items: ${p.items} items, ${p.points} points`,
		line: (p) => `• **${p.code}** ${p.title}${p.details}`,
		due: (p) => `due ${p.due}`,
		pointsOf: (p) => `${p.points} points`,
		inFile: (p) => `The full list is in the attached file **${p.file}**.`,
		changesName: (p) =>
			`Since round ${p.from}: ${
				parts([
					[p.added, `${p.added} ${p.added === 1 ? 'item' : 'items'} added`],
					[p.removed, `${p.removed} removed`],
					[p.changed, `${p.changed} changed`],
				]) ?? 'no change'
			}`,
		noChanges: (p) => `No changes since round ${p.from}.`,
		addedLine: (p) => `➕ **${p.code}** ${p.title}`,
		removedLine: (p) => `➖ **${p.code}** ${p.title}`,
		changedLine: (p) => `✏️ **${p.code}**: ${p.changes}`,
		fieldChange: (p) => `${p.field} ${p.before} → ${p.after}`,
		fields: { due: 'due', frequency: 'frequency', points: 'points', title: 'title' },
		empty: '(empty)',
		changesInFile: (p) => `Details in the attached file **${p.file}**.`,
		fileName: (p) => `items-${p.round}-${p.unit}.xlsx`,
		sheetItems: 'Items',
		sheetChanges: (p) => `Changes since ${p.from}`,
		itemHeaders: ['Code', 'Item title', 'Frequency', 'Due', 'Points'],
		changeHeaders: ['Change', 'Code', 'Item title', 'What changed', 'Before', 'After'],
		changeKinds: { added: 'Added', removed: 'Removed', changed: 'Changed' },
	},
	report: {
		title: (p) => `Consolidated report of round ${p.id} – ${p.title}`,
		itemsTotal: (p) => `The total is ${p.items} report items${p.clauses}.`,
		itemsLess: (p) => `${p.n} fewer than ${p.ref}`,
		itemsMore: (p) => `${p.n} more than ${p.ref}`,
		itemsSame: (p) => `the same as ${p.ref}`,
		pointsTotal: (p) => `The plan totals ${p.points} points${p.clauses}.`,
		pointsLess: (p) => `${p.n} points less than ${p.ref}`,
		pointsMore: (p) => `${p.n} points more than ${p.ref}`,
		pointsSame: (p) => `the same as ${p.ref}`,
		and: ' and ',
		fromCampaign: (p) => `review round ${p.n}`,
		fromRound: (p) => `round ${p.code}`,
		baselineYear: (p) => `the ${p.year} plan`,
		baselineAny: "last year's plan",
		baselineUnits: (p) =>
			p.changed === 0
				? `All ${p.total} units kept ${p.ref} unchanged.`
				: p.unchanged === 0
					? `All ${p.total} units changed ${p.ref}.`
					: `${p.unchanged}/${p.total} units kept ${p.ref} unchanged; ${p.changed}/${p.total} units changed it.`,
		outcomes: (p) =>
			p.open === p.total
				? `All ${p.total} comments are still open.`
				: `Of ${p.total} comments: ${
						parts([
							[p.accepted, `${p.accepted} accepted`],
							[p.explained, `${p.explained} explained`],
						]) ?? ''
					}${p.open > 0 ? `; ${p.open} still open` : ''}.`,
		carried: (p) => `Carried over from earlier rounds: ${p.count}.`,
		noItems: 'This round has no items yet.',
		fileName: (p) => `report-${p.id}.${p.ext}`,
		posted: (p) => `The report was posted in ${p.channel}.`,
		csvNote: 'The CSV file is the Units sheet; the XLSX file has every sheet.',
		fileTooLarge: (p) =>
			`The report file (${p.size}) is above Discord's ${p.max} upload limit, so it is not attached; the CSV file (the Units sheet) is much smaller.`,
		sheets: {
			summary: 'Summary',
			units: 'Units',
			comments: 'Comments',
			items: 'Items',
			history: 'Answer history',
		},
		summaryHeaders: ['Measure', 'Value'],
		summary: {
			round: 'Round',
			title: 'Title',
			campaign: 'Campaign',
			state: 'State',
			deadline: 'Deadline',
			generatedAt: 'Report made at',
			from: 'Created from round',
			baseline: 'Baseline',
			targets: 'Units addressed',
			answered: 'Units that answered',
			agreed: 'Agreed',
			commented: 'Commented',
			silence: 'Agreed by silence',
			pending: 'Pending',
			onBehalf: 'Of which recorded on behalf',
			late: 'Of which late',
			items: 'Items',
			points: 'Points',
			itemsVsFrom: 'Items vs previous round',
			pointsVsFrom: 'Points vs previous round',
			itemsVsBaseline: 'Items vs baseline',
			pointsVsBaseline: 'Points vs baseline',
			comments: 'Comments (including carried over)',
			accepted: 'Accepted',
			explained: 'Explained',
			open: 'Open',
			text: 'Summary text',
		},
		unitsHeaders: [
			'Unit code',
			'Unit name',
			'Answer',
			'Answered by',
			'Answered at',
			'Late',
			'Recorded on behalf (source)',
			'Draft delivery',
			'Items',
			'Points',
			'Items vs previous round',
			'Points vs previous round',
			'Items vs baseline',
			'Points vs baseline',
		],
		deliveryStates: {
			sent: 'sent',
			failed: 'failed',
			sending: 'sending',
			due: 'waiting',
			skipped: 'not sent',
			none: 'not sent',
		},
		commentsHeaders: [
			'Round',
			'Unit code',
			'Unit name',
			'Items',
			'Text',
			'Author',
			'Time',
			'Outcome',
			'Note (accepted / explained)',
			'Outcome by',
			'Outcome time',
		],
		itemsHeaders: (p) => [
			'Unit code',
			'Item code',
			'Item title',
			'Frequency',
			'Due',
			'Points',
			`Title (${p.ref})`,
			`Frequency (${p.ref})`,
			`Due (${p.ref})`,
			`Points (${p.ref})`,
			'Change',
			'Points change',
		],
		noReference: 'none',
		changeKinds: {
			added: 'added',
			removed: 'removed',
			changed: 'changed',
			same: 'unchanged',
			'not-in-round': 'unit not in this round',
		},
		historyHeaders: [
			'Unit code',
			'Version',
			'Answer',
			'Text',
			'Items',
			'Answered by',
			'Recorded on behalf (source)',
			'Time',
			'Late',
		],
	},
	commentOutcome: {
		outcomes: { accepted: 'Accepted', explained: 'Explained' },
		open: 'Open',
		resolved: (p) => `Outcome recorded for the comment of **${p.unit}** (round **${p.round}**): ${p.outcome}.`,
		changed: (p) =>
			`Outcome of the comment of **${p.unit}** (round **${p.round}**) changed: ${p.before} → ${p.outcome}. Both are kept in the audit log.`,
		unknown: (p) => `No comment “${p.comment}”. Choose one from the suggestions.`,
		superseded: (p) =>
			`Unit **${p.unit}** has replaced this comment with a newer answer in round **${p.round}**; resolve the current one.`,
		choiceLabel: (p) => `${p.round} · ${p.unit} · ${p.state} · ${p.text}`,
	},
	recordAnswer: {
		recorded: (p) =>
			`Recorded on behalf of unit **${p.unit}** in round **${p.round}**: ${p.answer} (source: ${p.source})${p.late}. It is always shown as recorded on behalf.`,
		sourceRequired: 'Say where the answer came from, e.g. “phone 04/10” or “letter 123/CTK”.',
	},
	audit: {
		sheet: 'Audit',
		headers: ['No.', 'Time', 'Actor', 'Actor ID', 'Action', 'Description', 'Round', 'Subject', 'Before', 'After'],
		exported: (p) =>
			`Audit log ${p.scope}: ${p.count} events, in the attached file. The log is append-only: the bot never edits or deletes it.`,
		scopeRound: (p) => `of round **${p.round}**`,
		scopeServer: 'of the server',
		fileName: (p) => `audit-${p.scope}.${p.ext}`,
		actions: {
			'settings.save': 'Settings saved',
			'unit.add': 'Unit added',
			'unit.import': 'Unit imported',
			'unit.edit': 'Unit edited',
			'unit.remove': 'Unit removed',
			'unit.archive': 'Unit archived',
			'round.create': 'Round created',
			'round.copy': 'Copied from the earlier round',
			'round.draft': 'Unit draft',
			'round.publish': 'Round published',
			'delivery.sent': 'Draft posted',
			'delivery.failed': 'Draft post failed',
			'answer.record': 'Answer',
			'answer.on-behalf': 'Answer recorded on behalf',
			'answer.silence': 'Agreed by silence',
			'items.replace': 'Items updated',
			'items.baseline': 'Baseline updated',
			'comment.outcome': 'Comment resolved',
			'round.extend': 'Deadline extended',
			'round.close': 'Round closed',
			'reminder.sent': 'Reminder sent',
			'reminder.manual': 'Reminder on request',
			'reminder.failed': 'Reminder failed',
			'notice.complete': 'Summary: all answered',
			'notice.deadline': 'Summary: deadline reached',
			'notice.final': 'Final summary',
			'notice.escalation': 'Escalation to coordinators',
			'notice.failure': 'Reminder failure reported',
			'holiday.add': 'Holiday added',
			'holiday.remove': 'Holiday removed',
			'holiday.import': 'Holidays imported',
		},
	},
	access: {
		permissions: {
			ViewChannel: 'View Channel',
			SendMessages: 'Send Messages',
			EmbedLinks: 'Embed Links',
			AttachFiles: 'Attach Files',
			ReadMessageHistory: 'Read Message History',
			MentionEveryone: 'Mention @everyone, @here and All Roles',
		},
		problems: {
			channelMissing: 'the channel no longer exists',
			permission: (p: { permission: string }) => `the bot lacks **${p.permission}** in the channel`,
			roleMissing: 'the role no longer exists',
			pingSilent: (p: { role: string }) =>
				`pinging ${p.role} notifies nobody (the role is not mentionable and the bot lacks **Mention @everyone, @here and All Roles**)`,
			refused: 'Discord refused the post (403): the bot lacks a permission in the channel',
		},
		unitWarning: (p: { unit: string; channel: string; problems: string }) =>
			`⚠️ Unit **${p.unit}** (${p.channel}): ${p.problems}.`,
		reportWarning: (p: { channel: string; problems: string }) => `⚠️ Report channel ${p.channel}: ${p.problems}.`,
		ready: '✅ ready',
		notReady: (p: { problems: string }) => `⚠️ not ready: ${p.problems}`,
		blockedLine: (p: { unit: string; channel: string; problems: string }) =>
			`• **${p.unit}** (${p.channel}): not sent, ${p.problems}`,
		publishWarning: (p: { unit: string; problems: string }) => `⚠️ **${p.unit}**: sent, but ${p.problems}`,
		fixHint:
			"Fix the channels, the bot's permissions or the roles named above, then publish again: only the units still missing are sent.",
	},
};
