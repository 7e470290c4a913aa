-- CreateTable
CREATE TABLE "GuildSettings" (
    "guildId" TEXT NOT NULL PRIMARY KEY,
    "coordinatorRoleId" TEXT NOT NULL,
    "reportChannelId" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'vi',
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
    "officeHours" TEXT NOT NULL DEFAULT '08:00-17:00',
    "workingDays" TEXT NOT NULL DEFAULT 'mon-fri',
    "reminderLadder" TEXT NOT NULL DEFAULT '-2wd,-0wd,+1wd',
    "roundSeq" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Holiday" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guildId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guildId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'department',
    "channelId" TEXT NOT NULL,
    "roleId" TEXT NOT NULL,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guildId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Round" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guildId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "campaignId" INTEGER,
    "number" INTEGER NOT NULL DEFAULT 1,
    "title" TEXT NOT NULL,
    "deadline" DATETIME NOT NULL,
    "timezone" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "commonText" TEXT,
    "silencePolicy" TEXT NOT NULL DEFAULT 'none',
    "latePolicy" TEXT NOT NULL DEFAULT 'accept',
    "reminderLadder" TEXT NOT NULL DEFAULT '-2wd,-0wd,+1wd',
    "fromRoundId" INTEGER,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" DATETIME,
    "closedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Round_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Round_fromRoundId_fkey" FOREIGN KEY ("fromRoundId") REFERENCES "Round" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoundTarget" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roundId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "draftText" TEXT,
    "ownDraft" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RoundTarget_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoundTarget_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DraftFile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roundId" INTEGER NOT NULL,
    "unitId" INTEGER,
    "name" TEXT NOT NULL,
    "contentType" TEXT,
    "size" INTEGER NOT NULL,
    "data" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DraftFile_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DraftFile_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roundId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "messageId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nonce" TEXT NOT NULL,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Delivery_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Delivery_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Response" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roundId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "answer" TEXT NOT NULL,
    "text" TEXT,
    "itemCodes" TEXT,
    "fileName" TEXT,
    "fileUrl" TEXT,
    "userId" TEXT,
    "userName" TEXT,
    "source" TEXT,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "interactionId" TEXT,
    "outcome" TEXT,
    "outcomeNote" TEXT,
    "outcomeBy" TEXT,
    "outcomeAt" DATETIME,
    "carriedFromId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Response_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Response_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReminderDispatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roundId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "leaseUntil" DATETIME,
    "error" TEXT,
    "messageId" TEXT,
    "nonce" TEXT NOT NULL,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReminderDispatch_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReminderDispatch_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guildId" TEXT NOT NULL,
    "roundId" INTEGER,
    "key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "messageId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Notice_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roundId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "set" TEXT NOT NULL DEFAULT 'plan',
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "frequency" TEXT,
    "due" TEXT,
    "points" REAL NOT NULL DEFAULT 0,
    CONSTRAINT "PlanItem_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PlanItem_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guildId" TEXT NOT NULL,
    "roundId" INTEGER,
    "actorId" TEXT,
    "actorName" TEXT,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "before" TEXT,
    "after" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "Holiday_guildId_date_key" ON "Holiday"("guildId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_guildId_code_key" ON "Unit"("guildId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_guildId_name_key" ON "Campaign"("guildId", "name");

-- CreateIndex
CREATE INDEX "Round_state_deadline_idx" ON "Round"("state", "deadline");

-- CreateIndex
CREATE UNIQUE INDEX "Round_guildId_seq_key" ON "Round"("guildId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "RoundTarget_roundId_unitId_key" ON "RoundTarget"("roundId", "unitId");

-- CreateIndex
CREATE INDEX "DraftFile_roundId_unitId_idx" ON "DraftFile"("roundId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_roundId_unitId_key" ON "Delivery"("roundId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Response_interactionId_key" ON "Response"("interactionId");

-- CreateIndex
CREATE UNIQUE INDEX "Response_roundId_unitId_version_key" ON "Response"("roundId", "unitId", "version");

-- CreateIndex
CREATE INDEX "ReminderDispatch_status_nextAttemptAt_idx" ON "ReminderDispatch"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderDispatch_roundId_unitId_step_key" ON "ReminderDispatch"("roundId", "unitId", "step");

-- CreateIndex
CREATE UNIQUE INDEX "Notice_key_key" ON "Notice"("key");

-- CreateIndex
CREATE UNIQUE INDEX "PlanItem_roundId_set_unitId_code_key" ON "PlanItem"("roundId", "set", "unitId", "code");

-- CreateIndex
CREATE INDEX "AuditEvent_guildId_createdAt_idx" ON "AuditEvent"("guildId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_roundId_idx" ON "AuditEvent"("roundId");

