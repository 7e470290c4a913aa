import type { CommandTexts } from './commands-vi.ts';

/**
 * English command metadata. The names here are the public base names (a contract: add, never rename); the
 * Vietnamese ones in commands-vi.ts are their localizations.
 */
export const commandsEn: CommandTexts = {
	ping: { name: 'ping', description: 'Check that the bot is alive' },
	setup: {
		name: 'setup',
		description: 'Set up the bot for this server: coordinator role, report channel, language, time zone',
		options: {
			coordinator_role: { name: 'coordinator_role', description: 'Role of the coordinators' },
			report_channel: { name: 'report_channel', description: 'Channel for consolidated summaries and escalations' },
			language: {
				name: 'language',
				description: 'Language of public posts',
				choices: { vi: 'Vietnamese', en: 'English' },
			},
			timezone: { name: 'timezone', description: 'IANA time zone, default Asia/Ho_Chi_Minh' },
			office_hours: { name: 'office_hours', description: 'Office hours, e.g. 08:00-17:00 (default)' },
			working_days: { name: 'working_days', description: 'Working days, e.g. mon-fri (default)' },
			reminders: { name: 'reminders', description: 'Default reminder ladder for new rounds, e.g. -2wd,-0wd,+1wd' },
			sender: {
				name: 'sender',
				description: 'Who asks for feedback, named in every draft post, e.g. the personnel department',
			},
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
					from: { name: 'from', description: 'An earlier round to start from: copies its units, drafts and items' },
					reminders: { name: 'reminders', description: "This round's reminder ladder, e.g. -2wd,-0wd,+1wd" },
					silence: {
						name: 'silence',
						description: 'What a unit that sends no feedback by the deadline counts as when the round closes',
						choices: { none: 'Record as no comment (default)', consent: 'Count as agreeing' },
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
			items: {
				name: 'items',
				description: "Load the units' plan items from a file (columns unit,code,title,frequency,due,points)",
				options: {
					round: { name: 'round', description: 'Round' },
					file: { name: 'file', description: 'XLSX or CSV file, at most 5,000 rows and 2 MB' },
				},
			},
			baseline: {
				name: 'baseline',
				description: "Load last year's plan for comparison (same columns as items)",
				options: {
					round: { name: 'round', description: 'Round' },
					file: {
						name: 'file',
						description: 'XLSX or CSV file; a year in its name (e.g. plan-2021.xlsx) names the plan',
					},
				},
			},
			report: {
				name: 'report',
				description: 'The consolidated report of a round, with an XLSX or CSV file',
				options: {
					round: { name: 'round', description: 'Round' },
					format: {
						name: 'format',
						description: 'File format (XLSX by default)',
						choices: { xlsx: 'XLSX (Excel, every sheet)', csv: 'CSV (the Units sheet)' },
					},
					post: { name: 'post', description: 'Also post it to the report channel' },
				},
			},
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
				description: "Add a day off, or a working day (e.g. a Saturday swapped by the government's arrangement)",
				options: {
					date: { name: 'date', description: 'YYYY-MM-DD or DD/MM/YYYY' },
					name: { name: 'name', description: 'Name of the day, e.g. National Day bridge' },
					kind: {
						name: 'kind',
						description: 'A day off (default) or a working day',
						choices: { off: 'Day off', work: 'Working day (swapped)' },
					},
				},
			},
			'holiday-remove': {
				name: 'holiday-remove',
				description: 'Remove a day from the calendar, built-in public holidays included',
				options: { date: { name: 'date', description: 'YYYY-MM-DD or DD/MM/YYYY' } },
			},
			list: {
				name: 'list',
				description: "One year's calendar: built-in public holidays and the days added",
				options: { year: { name: 'year', description: 'The year (default: this year)' } },
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
		description: 'Answer a draft for your unit: agree or comment',
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
					items: { name: 'items', description: 'Codes of the items commented on, separated by commas' },
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
			record: {
				name: 'record',
				description: 'Coordinators: record an answer a unit gave outside Discord (phone, letter)',
				options: {
					round: { name: 'round', description: 'Round' },
					unit: { name: 'unit', description: 'The unit that answered' },
					answer: {
						name: 'answer',
						description: "The unit's answer",
						choices: { agree: 'Agree', comment: 'Comment' },
					},
					source: { name: 'source', description: 'Where it came from, e.g. “phone 04/10”, “letter 123/CTK”' },
					text: { name: 'text', description: 'The comment (required for a comment) or a note' },
				},
			},
		},
	},
	comment: {
		name: 'comment',
		description: "Answer the units' comments (accepted or explained)",
		subcommands: {
			resolve: {
				name: 'resolve',
				description: "Record the outcome of a unit's comment: accepted or explained",
				options: {
					comment: { name: 'comment', description: 'The comment' },
					outcome: {
						name: 'outcome',
						description: 'Accepted or explained',
						choices: { accepted: 'Accepted', explained: 'Explained' },
					},
					note: { name: 'note', description: 'What was accepted, or what was explained (at most 1000 characters)' },
				},
			},
		},
	},
	audit: {
		name: 'audit',
		description: 'The audit log: who did what, when',
		subcommands: {
			export: {
				name: 'export',
				description: "Export the server's or a round's audit log as an XLSX or CSV file",
				options: {
					round: { name: 'round', description: 'Only this round (default: the whole server)' },
					format: {
						name: 'format',
						description: 'File format (XLSX by default)',
						choices: { xlsx: 'XLSX (Excel)', csv: 'CSV' },
					},
				},
			},
		},
	},
};
