-- CreateEnum
CREATE TYPE "ProvingPurpose" AS ENUM ('PUBLISH', 'REGRESSION');

-- AlterEnum
ALTER TYPE "GradingKind" ADD VALUE 'PROVING';

-- AlterTable
ALTER TABLE "Exercise" ADD COLUMN     "currentRevisionId" TEXT,
ADD COLUMN     "expected" JSONB,
ADD COLUMN     "mistakes" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "state" "PublishState" NOT NULL DEFAULT 'PUBLISHED';

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "provingCase" TEXT,
ADD COLUMN     "provingRunId" TEXT,
ADD COLUMN     "revisionId" TEXT;

-- CreateTable
CREATE TABLE "ExerciseRevision" (
    "id" TEXT NOT NULL,
    "exerciseId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "spec" JSONB NOT NULL,
    "starter" JSONB NOT NULL,
    "solution" JSONB NOT NULL,
    "mistakes" JSONB NOT NULL,
    "expected" JSONB NOT NULL,
    "contentHash" TEXT NOT NULL,
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExerciseRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvingRun" (
    "id" TEXT NOT NULL,
    "exerciseId" TEXT NOT NULL,
    "revisionId" TEXT NOT NULL,
    "purpose" "ProvingPurpose" NOT NULL,
    "startedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProvingRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExerciseRevision_exerciseId_number_key" ON "ExerciseRevision"("exerciseId", "number");

-- CreateIndex
CREATE INDEX "ProvingRun_exerciseId_createdAt_idx" ON "ProvingRun"("exerciseId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Exercise_currentRevisionId_key" ON "Exercise"("currentRevisionId");

-- CreateIndex
CREATE INDEX "Submission_provingRunId_idx" ON "Submission"("provingRunId");

-- AddForeignKey
ALTER TABLE "Exercise" ADD CONSTRAINT "Exercise_currentRevisionId_fkey" FOREIGN KEY ("currentRevisionId") REFERENCES "ExerciseRevision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExerciseRevision" ADD CONSTRAINT "ExerciseRevision_exerciseId_fkey" FOREIGN KEY ("exerciseId") REFERENCES "Exercise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExerciseRevision" ADD CONSTRAINT "ExerciseRevision_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvingRun" ADD CONSTRAINT "ProvingRun_exerciseId_fkey" FOREIGN KEY ("exerciseId") REFERENCES "Exercise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvingRun" ADD CONSTRAINT "ProvingRun_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "ExerciseRevision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvingRun" ADD CONSTRAINT "ProvingRun_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "ExerciseRevision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_provingRunId_fkey" FOREIGN KEY ("provingRunId") REFERENCES "ProvingRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
