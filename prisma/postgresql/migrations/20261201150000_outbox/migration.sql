-- CreateTable
CREATE TABLE "OutboxItem" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "guildId" TEXT NOT NULL,
    "roundId" INTEGER,
    "unitId" INTEGER,
    "channelId" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'due',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nonce" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "nextAttemptAt" TIMESTAMP(3),
    "leaseUntil" TIMESTAMP(3),
    "messageId" TEXT,
    "error" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutboxItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OutboxItem_key_key" ON "OutboxItem"("key");

-- CreateIndex
CREATE INDEX "OutboxItem_status_nextAttemptAt_idx" ON "OutboxItem"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxItem_status_leaseUntil_idx" ON "OutboxItem"("status", "leaseUntil");

-- CreateIndex
CREATE INDEX "OutboxItem_roundId_kind_idx" ON "OutboxItem"("roundId", "kind");

-- AddForeignKey
ALTER TABLE "OutboxItem" ADD CONSTRAINT "OutboxItem_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxItem" ADD CONSTRAINT "OutboxItem_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Copy what was posted (or is being posted) into the outbox, so nothing is sent again or lost.
INSERT INTO "OutboxItem" ("key", "kind", "guildId", "roundId", "unitId", "channelId", "payload", "status", "attempts", "nonce", "dueAt", "nextAttemptAt", "leaseUntil", "messageId", "error", "sentAt", "createdAt", "updatedAt")
SELECT 'delivery:' || d."roundId" || ':' || d."unitId", 'delivery', r."guildId", d."roundId", d."unitId", d."channelId", '{}',
       CASE d."status" WHEN 'pending' THEN 'due' ELSE d."status" END,
       d."attempts", d."nonce", d."createdAt",
       CASE d."status" WHEN 'pending' THEN d."createdAt" ELSE NULL END,
       CASE d."status" WHEN 'sending' THEN d."updatedAt" ELSE NULL END,
       d."messageId", d."error", d."sentAt", d."createdAt", d."updatedAt"
FROM "Delivery" d JOIN "Round" r ON r."id" = d."roundId";

INSERT INTO "OutboxItem" ("key", "kind", "guildId", "roundId", "unitId", "channelId", "payload", "status", "attempts", "nonce", "dueAt", "nextAttemptAt", "leaseUntil", "messageId", "error", "sentAt", "createdAt", "updatedAt")
SELECT 'reminder:' || m."roundId" || ':' || m."unitId" || ':' || m."step", 'reminder', r."guildId", m."roundId", m."unitId", u."channelId",
       '{"step":"' || m."step" || '"}',
       CASE m."status" WHEN 'claimed' THEN 'sending' ELSE m."status" END,
       m."attempts", m."nonce", m."dueAt", m."nextAttemptAt", m."leaseUntil", m."messageId", m."error", m."sentAt", m."createdAt", m."updatedAt"
FROM "ReminderDispatch" m JOIN "Round" r ON r."id" = m."roundId" JOIN "Unit" u ON u."id" = m."unitId";

INSERT INTO "OutboxItem" ("key", "kind", "guildId", "roundId", "unitId", "channelId", "payload", "status", "attempts", "nonce", "dueAt", "nextAttemptAt", "leaseUntil", "messageId", "error", "sentAt", "createdAt", "updatedAt")
SELECT 'notice:' || n."key", 'notice', n."guildId", n."roundId", NULL, COALESCE(s."reportChannelId", ''),
       '{"notice":"' || CASE WHEN strpos(n."key", ':') > 0 THEN substr(n."key", 1, strpos(n."key", ':') - 1) ELSE '' END || '"}',
       CASE n."status" WHEN 'claimed' THEN 'sending' ELSE n."status" END,
       1, 'n' || n."id", n."createdAt",
       CASE n."status" WHEN 'failed' THEN n."updatedAt" ELSE NULL END,
       CASE n."status" WHEN 'claimed' THEN n."updatedAt" ELSE NULL END,
       n."messageId", NULL, CASE n."status" WHEN 'sent' THEN n."updatedAt" ELSE NULL END, n."createdAt", n."updatedAt"
FROM "Notice" n LEFT JOIN "GuildSettings" s ON s."guildId" = n."guildId";

-- DropTable (their foreign keys go with them)
DROP TABLE "Delivery";

-- DropTable
DROP TABLE "ReminderDispatch";

-- DropTable
DROP TABLE "Notice";
