-- CreateEnum
CREATE TYPE "GradingPriority" AS ENUM ('HIGH', 'LOW');

-- AlterEnum
ALTER TYPE "GradingKind" ADD VALUE 'REGRADE';

-- DropIndex
DROP INDEX "Submission_status_idx";

-- AlterTable
ALTER TABLE "Lesson" ADD COLUMN     "currentQuizRevisionId" TEXT;

-- AlterTable
ALTER TABLE "QuizAttempt" ADD COLUMN     "quizRevisionId" TEXT;

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "priority" "GradingPriority" NOT NULL DEFAULT 'HIGH',
ADD COLUMN     "regradeId" TEXT,
ADD COLUMN     "regradeOfId" TEXT;

-- CreateTable
CREATE TABLE "QuizRevision" (
    "id" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "yaml" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuizRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Regrade" (
    "id" TEXT NOT NULL,
    "exerciseId" TEXT NOT NULL,
    "requestedById" TEXT,
    "exerciseVersion" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Regrade_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "QuizRevision_lessonId_number_key" ON "QuizRevision"("lessonId", "number");

-- CreateIndex
CREATE INDEX "Regrade_exerciseId_createdAt_idx" ON "Regrade"("exerciseId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Lesson_currentQuizRevisionId_key" ON "Lesson"("currentQuizRevisionId");

-- CreateIndex
CREATE INDEX "Submission_status_priority_createdAt_idx" ON "Submission"("status", "priority", "createdAt");

-- CreateIndex
CREATE INDEX "Submission_regradeId_idx" ON "Submission"("regradeId");

-- AddForeignKey
ALTER TABLE "Lesson" ADD CONSTRAINT "Lesson_currentQuizRevisionId_fkey" FOREIGN KEY ("currentQuizRevisionId") REFERENCES "QuizRevision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizRevision" ADD CONSTRAINT "QuizRevision_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizRevision" ADD CONSTRAINT "QuizRevision_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAttempt" ADD CONSTRAINT "QuizAttempt_quizRevisionId_fkey" FOREIGN KEY ("quizRevisionId") REFERENCES "QuizRevision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Regrade" ADD CONSTRAINT "Regrade_exerciseId_fkey" FOREIGN KEY ("exerciseId") REFERENCES "Exercise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Regrade" ADD CONSTRAINT "Regrade_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_regradeId_fkey" FOREIGN KEY ("regradeId") REFERENCES "Regrade"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_regradeOfId_fkey" FOREIGN KEY ("regradeOfId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
