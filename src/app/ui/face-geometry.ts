/**
 * The rating face for a level's mood, from very unhappy (0) to very happy (1), as numbers: the kiosk's
 * React face and the dossier-link page's Preact face draw the same one.
 */
export function faceGeometry(mood: number) {
  const curve = (mood - 0.5) * 16;
  const eyeY = 17;
  return {
    viewBox: '0 0 48 48',
    centre: 24,
    radius: 22,
    eyes: [
      { cx: 16.5, cy: eyeY, r: 3 },
      { cx: 31.5, cy: eyeY, r: 3 },
    ],
    mouth: `M13 ${33 - curve / 2} Q24 ${33 + curve} 35 ${33 - curve / 2}`,
  };
}
