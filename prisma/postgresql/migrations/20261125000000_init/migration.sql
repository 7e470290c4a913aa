-- CreateTable
CREATE TABLE "GuildSettings" (
    "guildId" TEXT NOT NULL,
    "coordinatorRoleId" TEXT NOT NULL,
    "reportChannelId" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'vi',
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
    "officeHours" TEXT NOT NULL DEFAULT '08:00-17:00',
    "workingDays" TEXT NOT NULL DEFAULT 'mon-fri',
    "reminderLadder" TEXT NOT NULL DEFAULT '-2wd,-0wd,+1wd',
    "roundSeq" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GuildSettings_pkey" PRIMARY KEY ("guildId")
);

-- CreateTable
CREATE TABLE "Holiday" (
    "id" SERIAL NOT NULL,
    "guildId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Holiday_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "guildId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'department',
    "channelId" TEXT NOT NULL,
    "roleId" TEXT NOT NULL,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" SERIAL NOT NULL,
    "guildId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Round" (
    "id" SERIAL NOT NULL,
    "guildId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "campaignId" INTEGER,
    "number" INTEGER NOT NULL DEFAULT 1,
    "title" TEXT NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "timezone" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "commonText" TEXT,
    "silencePolicy" TEXT NOT NULL DEFAULT 'none',
    "latePolicy" TEXT NOT NULL DEFAULT 'accept',
    "reminderLadder" TEXT NOT NULL DEFAULT '-2wd,-0wd,+1wd',
    "fromRoundId" INTEGER,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Round_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoundTarget" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "draftText" TEXT,
    "ownDraft" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoundTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DraftFile" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "unitId" INTEGER,
    "name" TEXT NOT NULL,
    "contentType" TEXT,
    "size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DraftFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "messageId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nonce" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Response" (
    "id" SERIAL NOT NULL,
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
    "outcomeAt" TIMESTAMP(3),
    "carriedFromId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderDispatch" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "leaseUntil" TIMESTAMP(3),
    "error" TEXT,
    "messageId" TEXT,
    "nonce" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReminderDispatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" SERIAL NOT NULL,
    "guildId" TEXT NOT NULL,
    "roundId" INTEGER,
    "key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "messageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanItem" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "set" TEXT NOT NULL DEFAULT 'plan',
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "frequency" TEXT,
    "due" TEXT,
    "points" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "PlanItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "guildId" TEXT NOT NULL,
    "roundId" INTEGER,
    "actorId" TEXT,
    "actorName" TEXT,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "before" TEXT,
    "after" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Round" ADD CONSTRAINT "Round_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Round" ADD CONSTRAINT "Round_fromRoundId_fkey" FOREIGN KEY ("fromRoundId") REFERENCES "Round"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundTarget" ADD CONSTRAINT "RoundTarget_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundTarget" ADD CONSTRAINT "RoundTarget_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DraftFile" ADD CONSTRAINT "DraftFile_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DraftFile" ADD CONSTRAINT "DraftFile_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderDispatch" ADD CONSTRAINT "ReminderDispatch_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderDispatch" ADD CONSTRAINT "ReminderDispatch_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanItem" ADD CONSTRAINT "PlanItem_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanItem" ADD CONSTRAINT "PlanItem_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

