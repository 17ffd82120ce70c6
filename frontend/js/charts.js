/**
 * Small inline SVG charts, drawn like backend/documents/charts.py draws them for the PDFs. Each chart is an
 * image with a title and a description that says every value in words (its text alternative), and each stands
 * next to a table with the same numbers (the list alternative), so nothing is conveyed by the picture alone.
 * Series differ by fill AND outline, not by colour alone. Styles come from app.css (the CSP allows no inline CSS).
 */
import { uid } from "./dom.js";
import { formatNumber } from "./i18n.js";

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, text = null) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  if (text !== null) el.textContent = text;
  return el;
}

function frame(width, height, title, description) {
  const titleId = uid("chart-title");
  const descId = uid("chart-desc");
  const root = svg("svg", {
    class: "chart",
    role: "img",
    viewBox: `0 0 ${width} ${height}`,
    "aria-labelledby": titleId,
    "aria-describedby": descId,
    focusable: "false",
  });
  root.append(svg("title", { id: titleId }, title), svg("desc", { id: descId }, description));
  return root;
}

/**
 * Horizontal bars, one per { label, value }: the label above its bar, so long names stay readable on a phone.
 * `describe(item)` words one item for the description, e.g. "Erledigt: 3"; `valueText(value)` writes the figure
 * at the bar's end (a share says "64,2 %", not "64,2").
 */
export function barChart(items, { title, describe, valueText = formatNumber }) {
  const width = 320;
  const row = 34;
  const height = Math.max(items.length, 1) * row + 4;
  const peak = Math.max(1, ...items.map((item) => item.value));
  const root = frame(width, height, title, items.map(describe).join("; "));
  items.forEach((item, index) => {
    const y = index * row;
    const length = Math.max(((width - 64) * item.value) / peak, item.value ? 2 : 0);
    root.append(
      svg("text", { class: "chart-label", x: 0, y: y + 12 }, item.label),
      svg("rect", { class: "chart-bar", x: 0, y: y + 16, width: length.toFixed(1), height: 12, rx: 1.5 }),
      svg("text", { class: "chart-value", x: (length + 5).toFixed(1), y: y + 26.5 }, valueText(item.value)),
    );
  });
  return root;
}

/**
 * Two series side by side per period (e.g. new and closed reports per week): `series` is
 * [{ key, label }, { key, label }], `items` are objects with a `label` and one number per series key.
 */
export function pairedColumns(items, series, { title, describe }) {
  const width = 320;
  const base = 128;
  const height = base + 20;
  const peak = Math.max(1, ...items.flatMap((item) => series.map((s) => item[s.key])));
  const step = width / Math.max(items.length, 1);
  const column = Math.max((step - 4) / 2, 1);
  const root = frame(width, height, title, items.map(describe).join("; "));
  root.append(svg("line", { class: "chart-axis", x1: 0, y1: base, x2: width, y2: base }));
  const every = Math.max(1, Math.ceil(items.length / 4));
  items.forEach((item, index) => {
    const x = index * step + 1;
    series.forEach((s, which) => {
      const tall = ((base - 16) * item[s.key]) / peak;
      root.append(
        svg("rect", {
          class: which === 0 ? "chart-bar" : "chart-bar chart-bar-second",
          x: (x + which * (column + 1)).toFixed(1),
          y: (base - tall).toFixed(1),
          width: column.toFixed(1),
          height: tall.toFixed(1),
        }),
      );
    });
    if (index % every === 0) root.append(svg("text", { class: "chart-label", x: x.toFixed(1), y: base + 15 }, item.label));
  });
  return root;
}
