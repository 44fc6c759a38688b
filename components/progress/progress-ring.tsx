// A lesson's completion as a ring. Pure SVG, server-rendered; the number sits beside it for screen readers.
export interface ProgressRingProps {
  /** 0..1 */
  value: number;
  size?: number;
  label: string;
}

export function ProgressRing({ value, size = 56, label }: ProgressRingProps) {
  const clamped = Math.min(1, Math.max(0, value));
  const stroke = 6;
  const radius = (size - stroke) / 2;
  const circumference = 2 * Math.PI * radius;
  const percent = Math.round(clamped * 100);
  return (
    <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={`${label}: ${percent}% complete`} className="shrink-0">
      <circle cx={size / 2} cy={size / 2} r={radius} fill="none" strokeWidth={stroke} className="stroke-slate-200 dark:stroke-slate-700" />
      <circle
        cx={size / 2}
        cy={size / 2}
        r={radius}
        fill="none"
        strokeWidth={stroke}
        strokeLinecap="round"
        strokeDasharray={circumference}
        strokeDashoffset={circumference * (1 - clamped)}
        transform={`rotate(-90 ${size / 2} ${size / 2})`}
        className="stroke-emerald-600 dark:stroke-emerald-400"
      />
      <text x="50%" y="50%" dominantBaseline="central" textAnchor="middle" className="fill-current text-[0.8rem] font-semibold">
        {percent}%
      </text>
    </svg>
  );
}
