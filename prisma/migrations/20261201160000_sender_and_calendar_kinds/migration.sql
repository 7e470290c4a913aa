-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_GuildSettings" (
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
    "updatedAt" DATETIME NOT NULL,
    "sender" TEXT NOT NULL DEFAULT ''
);
INSERT INTO "new_GuildSettings" ("coordinatorRoleId", "createdAt", "guildId", "language", "officeHours", "reminderLadder", "reportChannelId", "roundSeq", "timezone", "updatedAt", "workingDays") SELECT "coordinatorRoleId", "createdAt", "guildId", "language", "officeHours", "reminderLadder", "reportChannelId", "roundSeq", "timezone", "updatedAt", "workingDays" FROM "GuildSettings";
DROP TABLE "GuildSettings";
ALTER TABLE "new_GuildSettings" RENAME TO "GuildSettings";
CREATE TABLE "new_Holiday" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guildId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL DEFAULT 'off'
);
INSERT INTO "new_Holiday" ("createdAt", "date", "guildId", "id", "name") SELECT "createdAt", "date", "guildId", "id", "name" FROM "Holiday";
DROP TABLE "Holiday";
ALTER TABLE "new_Holiday" RENAME TO "Holiday";
CREATE UNIQUE INDEX "Holiday_guildId_date_key" ON "Holiday"("guildId", "date");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

