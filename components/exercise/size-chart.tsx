"use client";
// Image sizes side by side (this attempt, the previous one, the starter the grader built as a baseline, the
// reference solution when known) and this image's layers, so "smaller" is something the learner can see.
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SizedImage } from "@/lib/api/answers";
import { formatBytes } from "@/lib/grading/file-rules";

export interface SizeChartProps {
  images: SizedImage[];
  layers: { createdBy: string; sizeBytes: number }[];
}

const barColours = ["#1663c0", "#64748b", "#94a3b8", "#16a34a"];

function shortInstruction(createdBy: string): string {
  if (!createdBy.trim()) return "base image";
  const text = createdBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, "").replace(/^\/bin\/sh -c /, "RUN ").trim();
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

export function SizeChart({ images, layers }: SizeChartProps) {
  const layerRows = layers.filter((l) => l.sizeBytes > 0).map((l, i) => ({ name: `${i + 1}. ${shortInstruction(l.createdBy)}`, sizeBytes: l.sizeBytes }));
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <figure aria-label="Image size compared">
        <figcaption className="mb-1 text-sm font-medium">Image size</figcaption>
        <div className="h-48">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={images} margin={{ left: 8, right: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 11 }} />
              <YAxis tickFormatter={(v: number) => formatBytes(v)} tick={{ fontSize: 11 }} width={64} />
              <Tooltip formatter={(v) => formatBytes(Number(v))} />
              <Bar dataKey="sizeBytes" name="Size" isAnimationActive={false}>
                {images.map((image, i) => (
                  <Cell key={image.label} fill={barColours[i % barColours.length]} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
        <ul className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {images.map((image) => (
            <li key={image.label}>
              {image.label}: {formatBytes(image.sizeBytes)}
            </li>
          ))}
        </ul>
      </figure>
      <figure aria-label="Layer sizes">
        <figcaption className="mb-1 text-sm font-medium">Layers of this image (non-empty)</figcaption>
        <div style={{ height: Math.max(120, layerRows.length * 26 + 30) }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={layerRows} layout="vertical" margin={{ left: 8, right: 8 }}>
              <XAxis type="number" tickFormatter={(v: number) => formatBytes(v)} tick={{ fontSize: 10 }} />
              <YAxis type="category" dataKey="name" width={200} tick={{ fontSize: 10 }} />
              <Tooltip formatter={(v) => formatBytes(Number(v))} />
              <Bar dataKey="sizeBytes" name="Layer size" fill="#1663c0" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </div>
  );
}
