-- CreateEnum
CREATE TYPE "GradingKind" AS ENUM ('ATTEMPT', 'REFERENCE');

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "exerciseVersion" TEXT,
ADD COLUMN     "kind" "GradingKind" NOT NULL DEFAULT 'ATTEMPT',
ALTER COLUMN "userId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "Submission_exerciseId_kind_exerciseVersion_idx" ON "Submission"("exerciseId", "kind", "exerciseVersion");
