-- CreateTable
CREATE TABLE "RenderedMarkdown" (
    "key" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "toc" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RenderedMarkdown_pkey" PRIMARY KEY ("key")
);
