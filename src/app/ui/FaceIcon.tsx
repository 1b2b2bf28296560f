import { faceGeometry } from './face-geometry.ts';

/** A face drawn for a level's mood, from very unhappy (0) to very happy (1); decorative only. */
export function FaceIcon({ mood, size = 44 }: { mood: number; size?: number }) {
  const face = faceGeometry(mood);
  return (
    <svg width={size} height={size} viewBox={face.viewBox} aria-hidden="true" focusable="false">
      <circle cx={face.centre} cy={face.centre} r={face.radius} fill="currentColor" opacity="0.18" />
      <circle cx={face.centre} cy={face.centre} r={face.radius} fill="none" stroke="currentColor" strokeWidth="3" />
      {face.eyes.map((eye) => (
        <circle key={eye.cx} cx={eye.cx} cy={eye.cy} r={eye.r} fill="currentColor" />
      ))}
      <path d={face.mouth} fill="none" stroke="currentColor" strokeWidth="3.5" strokeLinecap="round" />
    </svg>
  );
}
