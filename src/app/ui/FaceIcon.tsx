/** A face drawn for a level's mood, from very unhappy (0) to very happy (1); decorative only. */
export function FaceIcon({ mood, size = 44 }: { mood: number; size?: number }) {
  const curve = (mood - 0.5) * 16;
  const eyeY = 17;
  return (
    <svg width={size} height={size} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="22" fill="currentColor" opacity="0.18" />
      <circle cx="24" cy="24" r="22" fill="none" stroke="currentColor" strokeWidth="3" />
      <circle cx="16.5" cy={eyeY} r="3" fill="currentColor" />
      <circle cx="31.5" cy={eyeY} r="3" fill="currentColor" />
      <path
        d={`M13 ${33 - curve / 2} Q24 ${33 + curve} 35 ${33 - curve / 2}`}
        fill="none"
        stroke="currentColor"
        strokeWidth="3.5"
        strokeLinecap="round"
      />
    </svg>
  );
}
