-- AlterTable
ALTER TABLE "Exercise" ADD COLUMN     "referenceImage" JSONB,
ADD COLUMN     "referenceImageHash" TEXT;
