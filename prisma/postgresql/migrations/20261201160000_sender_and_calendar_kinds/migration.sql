-- AlterTable
ALTER TABLE "GuildSettings" ADD COLUMN     "sender" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Holiday" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'off';

