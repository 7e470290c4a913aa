-- DropIndex
DROP INDEX "OutboxItem_roundId_kind_idx";

-- CreateIndex
CREATE INDEX "OutboxItem_roundId_kind_unitId_idx" ON "OutboxItem"("roundId", "kind", "unitId");

