import type { Catalog } from './vi.ts';

/** English catalog. Command names here are the public base names (a contract: add, never rename). */
export const en: Catalog = {
	language: { vi: 'Vietnamese', en: 'English' },
	common: {
		yes: 'Yes',
		no: 'No',
		none: '(none)',
		late: 'late',
		moreInFile: (p) => `The full content is in the attached file **${p.file}**.`,
	},
	errors: {
		internal: (p) =>
			`Sorry, something unexpected went wrong. Please try again later; if it happens again, give the incident id \`${p.incident}\` to an administrator.`,
		unavailable: 'This action is no longer available.',
		guildOnly: 'This command works only in a server, not in direct messages.',
		notCoordinator: 'You are not a coordinator: this needs the coordinator role or the Manage Server permission.',
		notSetUp: 'This server is not set up yet. A coordinator must run `/setup` first.',
		tooLong: (p) => `“${p.field}” is longer than ${p.max} characters.`,
		busy: 'The system is busy; please try again in a few minutes.',
	},
	ping: {
		pong: (p) => `The bot is running. Gateway latency: ${p.ws} ms; database: ${p.db}; version ${p.version}.`,
		dbOk: 'OK',
		dbDown: 'unreachable',
	},
	setup: {
		saved: (p) =>
			`Settings saved: coordinator role ${p.role}, report channel ${p.channel}, language ${p.language}, time zone ${p.timezone}.`,
		badTimezone: (p) => `“${p.value}” is not a valid time zone. Use an IANA name such as Asia/Ho_Chi_Minh.`,
		reportChannelNotWritable: (p) =>
			`The bot cannot send messages in ${p.channel}. Give it View Channel and Send Messages, or choose another channel.`,
		notTextChannel: (p) => `${p.channel} is not a text channel.`,
		schedule: (p) => `Office hours ${p.hours}, working days ${p.days}; default reminders for new rounds: \`${p.ladder}\`.`,
	},
	unit: {
		kinds: { department: 'Department', provincial: 'Provincial office', other: 'Other unit' },
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
		downloadFailed: 'The attachment could not be downloaded from Discord; please try again.',
		rejected: (p) => `The file was rejected and nothing was saved. ${p.count} problems to fix:`,
		line: (p) => `Line ${p.line}${p.column}: ${p.reason}`,
		problems: {
			required: 'a required value is missing',
			'too-long': 'too long',
			'bad-code': 'invalid code (1–16 characters of A–Z, 0–9, - or _)',
			'bad-kind': 'kind must be department, provincial or other',
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
		states: { draft: 'draft', open: 'open', closed: 'closed' },
		created: (p) =>
			`Round **${p.id}** – ${p.title} created, deadline ${p.deadline}, for ${p.count} units. Use \`/round publish\` to send the drafts.`,
		deadlineUnparsable: (p) =>
			`Cannot read the deadline “${p.value}”. Write it as \`YYYY-MM-DD HH:mm\` or \`DD/MM/YYYY HH:mm\`.`,
		deadlinePast: (p) => `The deadline ${p.value} has already passed; choose a time in the future.`,
		unknownUnits: (p) => `No active unit has the code(s): ${p.codes}.`,
		noUnits: 'There are no units to send to. Register units first with `/unit add`.',
		unknown: (p) => `Round **${p.id}** was not found.`,
		notTargeted: (p) => `Round **${p.round}** does not target unit **${p.unit}**.`,
		draftSaved: (p) => `Own draft saved for unit **${p.unit}** in round **${p.round}** (${p.files} files).`,
		draftNeedsContent: 'Attach a file or enter the draft text.',
		draftAfterPublish: (p) =>
			`Round **${p.round}** has been published; its drafts can no longer change. Create a new round for revised drafts.`,
		fileTooLarge: (p) => `The attachment is too large (at most ${p.max}).`,
		published: (p) =>
			`Round **${p.round}**: sent to ${p.sent} new units, ${p.already} already had it, ${p.failed} failed (${p.total} in all).`,
		failedDelivery: (p) => `• **${p.unit}** (${p.channel}): ${p.reason}`,
		deliveryReasons: {
			'missing-permission': 'the bot may not send messages in the channel',
			'unknown-channel': 'the channel no longer exists',
			other: 'Discord error',
		},
		alreadyClosed: (p) => `Round **${p.round}** is closed.`,
		listTitle: 'Open and recent rounds:',
		listEmpty: 'No rounds yet. Use `/round create` to start one.',
		listLine: (p) => `**${p.id}** – ${p.title} · ${p.state} · ${p.answered}/${p.total} answered · deadline ${p.deadline}`,
		autocompleteLabel: (p) => `${p.id} · ${p.title} (${p.state})`,
	},
	post: {
		title: (p) => `Draft for feedback: ${p.title}`,
		intro: (p) => `${p.role} To **${p.unit}**: please give your unit's feedback on the draft below.`,
		deadline: (p) => `Answer by: ${p.at}`,
		round: (p) => `Round ${p.id}`,
		howTo: 'Press **Agree** if you agree with the draft, or **Comment** to send your comments.',
		agree: 'Agree',
		comment: 'Comment',
		stateNone: '⏳ No answer yet',
		stateAgree: (p) => `✅ Agreed — ${p.user}, ${p.at}${p.late}`,
		stateComment: (p) => `💬 Commented — ${p.user}, ${p.at}${p.late}`,
		stateSilence: '☑️ Agreed (silence at the deadline)',
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
		answers: { agree: 'Agreed', comment: 'Commented', silence: 'Agreed (silence)' },
		fileTooLarge: (p) => `The attachment is too large (at most ${p.max}).`,
	},
	status: {
		headline: (p) =>
			`${p.answered}/${p.total} units answered: ${p.agreed} agreed, ${p.commented} commented, ${p.pending} pending (deadline ${p.deadline}).`,
		silenceNote: (p) => `Of those agreeing, ${p.count} agreed by silence at the deadline.`,
		seed: (p) =>
			`As of ${p.date}, ${p.answered}/${p.total} units have sent their feedback. Of these, ${p.agreed} units agreed with the draft; ${p.commented} units commented.`,
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
	},
	reminders: {
		badLadder: (p) =>
			`Invalid reminder ladder${p.token}. Syntax: comma-separated steps, each a number with a unit \`wd\` (working days), \`h\` (hours) or \`m\` (minutes); negative before the deadline, positive after it. Example: \`${p.example}\`.`,
		badLadderToken: (p) => ` (step “${p.token}”)`,
		badOfficeHours: (p) => `Office hours “${p.value}” are invalid. Write them as \`08:00-17:00\` (start before end).`,
		badWorkingDays: (p) => `Working days “${p.value}” are invalid. Examples: \`mon-fri\`, \`mon-sat\`, \`sun-thu\`.`,
		before: (p) =>
			`${p.role} Reminder: unit **${p.unit}** has not answered round **${p.round}** – ${p.title}. Deadline: ${p.deadline}. Press **Agree** or **Comment** below.`,
		after: (p) =>
			`${p.role} The deadline ${p.deadline} has passed: unit **${p.unit}** has not answered round **${p.round}** – ${p.title}. Please answer with **Agree** or **Comment** below.`,
		escalation: (p) =>
			`${p.role} ⚠️ Round **${p.round}** – ${p.title} is past its deadline (${p.deadline}): ${p.pending}/${p.total} units have not answered: ${p.units}.`,
		failure: (p) =>
			`${p.role} A reminder of round **${p.round}** could not be posted to unit **${p.unit}** (${p.channel}): ${p.reason}. The bot will retry; please check the channel and the bot's permissions.`,
		completeTitle: (p) => `✅ Round **${p.round}** – ${p.title}: every unit has answered.`,
		deadlineTitle: (p) => `⏰ Round **${p.round}** – ${p.title} has reached its deadline.`,
		finalTitle: (p) => `🏁 Round **${p.round}** – ${p.title} is closed.`,
		missing: (p) => `Not answered: ${p.units}.`,
		extended: (p) =>
			`${p.role} Round **${p.round}** – ${p.title} was extended: unit **${p.unit}** now has until ${p.deadline} to answer.`,
		extendedReply: (p) =>
			`Round **${p.round}** extended to ${p.deadline}; the ${p.told} units that have not answered were told the new deadline.`,
		deadlineNotLater: (p) => `The new deadline (${p.value}) must be later than the current one.`,
		closedReply: (p) =>
			`Round **${p.round}** is closed.${p.silent > 0 ? ` ${p.silent} units that never answered were recorded as agreeing by silence.` : ''}`,
		remindedReply: (p) => `Reminded the units of round **${p.round}** that have not answered: ${p.units}.`,
		remindSkipped: (p) => `Not reminded again (reminded within the last hour): ${p.units}.`,
		remindNobody: (p) => `Round **${p.round}** has no unit left to remind.`,
		manual: (p) =>
			`${p.role} A coordinator reminds you: unit **${p.unit}** has not answered round **${p.round}** – ${p.title}. Deadline: ${p.deadline}.`,
		policies: { none: 'no answer stays no answer', consent: 'silence at the deadline counts as agreement' },
		createdPolicy: (p) => `Reminders: \`${p.ladder}\`; ${p.silence}; ${p.late}.`,
		latePolicies: { accept: 'late answers accepted (marked late)', refuse: 'no answers after the deadline' },
	},
	calendar: {
		added: (p) => `Holiday ${p.date} added: ${p.name}.`,
		removed: (p) => `Holiday ${p.date} removed.`,
		notFound: (p) => `${p.date} is not in the holiday calendar.`,
		badDate: (p) => `“${p.value}” is not a valid date. Write it as \`YYYY-MM-DD\` or \`DD/MM/YYYY\`.`,
		nameRequired: 'A holiday name must have 1 to 100 characters.',
		badYear: 'The year must be between 2000 and 2100.',
		listTitle: (p) => `Holidays ${p.year} (${p.count}). Office hours ${p.hours}, working days ${p.days}.`,
		listEmpty: (p) => `No holidays ${p.year}. Office hours ${p.hours}, working days ${p.days}.`,
		line: (p) => `• ${p.date} (${p.weekday}): ${p.name}`,
		imported: (p) => `${p.count} holidays imported.`,
		inYear: (p) => `in ${p.year}`,
		all: 'registered',
	},
	commands: {
		ping: { name: 'ping', description: 'Check that the bot is alive' },
		setup: {
			name: 'setup',
			description: 'Set up the bot for this server: coordinator role, report channel, language, time zone',
			options: {
				coordinator_role: { name: 'coordinator_role', description: 'Role of the coordinators' },
				report_channel: { name: 'report_channel', description: 'Channel for consolidated reports and alerts' },
				language: {
					name: 'language',
					description: 'Language of public posts',
					choices: { vi: 'Vietnamese', en: 'English' },
				},
				timezone: { name: 'timezone', description: 'IANA time zone, default Asia/Ho_Chi_Minh' },
				office_hours: { name: 'office_hours', description: 'Office hours, e.g. 08:00-17:00 (default)' },
				working_days: { name: 'working_days', description: 'Working days, e.g. mon-fri (default)' },
				reminders: { name: 'reminders', description: 'Default reminder ladder for new rounds, e.g. -2wd,-0wd,+1wd' },
			},
		},
		unit: {
			name: 'unit',
			description: 'Manage the units whose feedback is collected',
			subcommands: {
				add: {
					name: 'add',
					description: 'Add a unit',
					options: {
						code: { name: 'code', description: 'Unit code: 1–16 characters of A–Z, 0–9, - or _' },
						name: { name: 'name', description: 'Unit name (at most 100 characters)' },
						channel: { name: 'channel', description: "The unit's own channel" },
						role: { name: 'role', description: 'Role of the members who answer for the unit' },
						kind: {
							name: 'kind',
							description: 'Kind of unit',
							choices: { department: 'Department', provincial: 'Provincial office', other: 'Other' },
						},
					},
				},
				edit: {
					name: 'edit',
					description: 'Change a unit',
					options: {
						code: { name: 'code', description: 'Unit to change' },
						name: { name: 'name', description: 'New name' },
						channel: { name: 'channel', description: 'New channel' },
						role: { name: 'role', description: 'New role' },
						kind: {
							name: 'kind',
							description: 'New kind',
							choices: { department: 'Department', provincial: 'Provincial office', other: 'Other' },
						},
					},
				},
				remove: {
					name: 'remove',
					description: 'Remove a unit (a unit with answers is archived)',
					options: { code: { name: 'code', description: 'Unit to remove' } },
				},
				list: { name: 'list', description: 'List the units', options: {} },
				import: {
					name: 'import',
					description: 'Import units from a CSV or XLSX file (columns code,name,kind,channel,role)',
					options: { file: { name: 'file', description: 'CSV or XLSX file, at most 1 MB' } },
				},
			},
		},
		round: {
			name: 'round',
			description: 'Manage consultation rounds',
			subcommands: {
				create: {
					name: 'create',
					description: 'Create a consultation round',
					options: {
						title: { name: 'title', description: 'Title of the round (at most 200 characters)' },
						deadline: { name: 'deadline', description: 'Deadline: YYYY-MM-DD HH:mm or DD/MM/YYYY HH:mm' },
						units: { name: 'units', description: 'all (default) or a comma-separated list of unit codes' },
						campaign: { name: 'campaign', description: 'Campaign name, e.g. KH 2022' },
						draft: { name: 'draft', description: 'One common draft file for every unit' },
						text: { name: 'text', description: 'Common draft text (at most 4000 characters)' },
						reminders: { name: 'reminders', description: "This round's reminder ladder, e.g. -2wd,-0wd,+1wd" },
						silence: {
							name: 'silence',
							description: 'What a unit that never answers counts as when the round closes',
							choices: { none: 'No answer (default)', consent: 'Agreement (silence means consent)' },
						},
						late: {
							name: 'late',
							description: 'Whether answers after the deadline are taken',
							choices: { accept: 'Accept, marked late (default)', refuse: 'Refuse' },
						},
					},
				},
				draft: {
					name: 'draft',
					description: "A unit's own draft, replacing the common one",
					options: {
						round: { name: 'round', description: 'Round' },
						unit: { name: 'unit', description: 'Unit' },
						file: { name: 'file', description: "The unit's draft file" },
						text: { name: 'text', description: "The unit's draft text (at most 4000 characters)" },
					},
				},
				publish: {
					name: 'publish',
					description: "Post each unit's draft in the unit's channel",
					options: { round: { name: 'round', description: 'Round' } },
				},
				status: {
					name: 'status',
					description: 'Who has answered a round',
					options: {
						round: { name: 'round', description: 'Round' },
						post: { name: 'post', description: 'Also post it to the report channel' },
					},
				},
				list: { name: 'list', description: 'Open and recent rounds', options: {} },
				extend: {
					name: 'extend',
					description: 'Extend the deadline; units that have not answered are told',
					options: {
						round: { name: 'round', description: 'Round' },
						deadline: { name: 'deadline', description: 'New deadline: YYYY-MM-DD HH:mm or DD/MM/YYYY HH:mm' },
					},
				},
				close: {
					name: 'close',
					description: 'Close the round now and post the final summary',
					options: { round: { name: 'round', description: 'Round' } },
				},
				remind: {
					name: 'remind',
					description: 'Remind the units that have not answered now (once an hour at most)',
					options: { round: { name: 'round', description: 'Round' } },
				},
			},
		},
		calendar: {
			name: 'calendar',
			description: 'Working calendar: holidays skipped when counting working days for reminders',
			subcommands: {
				'holiday-add': {
					name: 'holiday-add',
					description: 'Add a holiday',
					options: {
						date: { name: 'date', description: 'YYYY-MM-DD or DD/MM/YYYY' },
						name: { name: 'name', description: 'Name of the holiday, e.g. National Day' },
					},
				},
				'holiday-remove': {
					name: 'holiday-remove',
					description: 'Remove a holiday',
					options: { date: { name: 'date', description: 'YYYY-MM-DD or DD/MM/YYYY' } },
				},
				list: {
					name: 'list',
					description: 'List the holidays',
					options: { year: { name: 'year', description: 'Only this year' } },
				},
				import: {
					name: 'import',
					description: 'Import holidays from a CSV or XLSX file (columns date,name)',
					options: { file: { name: 'file', description: 'CSV or XLSX file, at most 1 MB' } },
				},
			},
		},
		feedback: {
			name: 'feedback',
			description: "Answer a draft on behalf of your unit",
			subcommands: {
				agree: {
					name: 'agree',
					description: 'Your unit agrees with the draft',
					options: {
						round: { name: 'round', description: 'Round' },
						unit: { name: 'unit', description: 'Needed only if you belong to several units' },
						note: { name: 'note', description: 'Note (at most 1000 characters)' },
					},
				},
				comment: {
					name: 'comment',
					description: "Send your unit's comments on the draft",
					options: {
						round: { name: 'round', description: 'Round' },
						unit: { name: 'unit', description: 'Needed only if you belong to several units' },
						text: { name: 'text', description: 'Your comments (at most 4000 characters)' },
						file: { name: 'file', description: 'Optional attachment' },
					},
				},
				show: {
					name: 'show',
					description: "Your unit's current answer and its history",
					options: {
						round: { name: 'round', description: 'Round' },
						unit: { name: 'unit', description: 'Needed only if you belong to several units' },
					},
				},
			},
		},
	},
};
