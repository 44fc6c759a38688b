-- Members added by email before joining links existed never agreed to be followed: they are removed, and a
-- learner who wants to stay joins again through the cohort's link (issue 15: consent first).
DELETE FROM "CohortMember";

-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN     "joinCode" TEXT,
ADD COLUMN     "joinExpiresAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "CohortMember" ADD COLUMN     "consentVersion" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE UNIQUE INDEX "Cohort_joinCode_key" ON "Cohort"("joinCode");

-- CreateIndex
CREATE INDEX "Cohort_ownerId_idx" ON "Cohort"("ownerId");
