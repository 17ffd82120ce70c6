/**
 * Pure rules of the municipality profile (unit-tested in Node): WCAG 2.x contrast against white, which the
 * server checks the same way (geo/profile.py) and the profile page previews live; and what a tel: link dials.
 */
export const MIN_CONTRAST = 4.5;

function channel(value) {
  const srgb = value / 255;
  return srgb <= 0.04045 ? srgb / 12.92 : ((srgb + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of "#rrggbb"; null when it is no such colour. */
export function luminance(colour) {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(String(colour || ""));
  if (!match) return null;
  const [r, g, b] = match.slice(1).map((hex) => channel(parseInt(hex, 16)));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** (L1 + 0.05) / (L2 + 0.05), 1 to 21; null for a malformed colour. */
export function contrastRatio(first, second) {
  const a = luminance(first);
  const b = luminance(second);
  if (a === null || b === null) return null;
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** The ratio rounded down to one decimal (a refused colour never reads as "4.5"), and whether it passes AA. */
export function contrastWithWhite(colour) {
  const ratio = contrastRatio(colour, "#ffffff");
  if (ratio === null) return null;
  return { ratio: Math.floor(ratio * 10) / 10, passes: ratio >= MIN_CONTRAST };
}

/** What a tel: link dials: digits and a leading +, nothing else ("06128 241-0" → "061282410"). */
export function telHref(phone) {
  const text = String(phone || "").trim();
  const digits = text.replace(/[^0-9]/g, "");
  return `tel:${text.startsWith("+") ? "+" : ""}${digits}`;
}
