// Text whose colour, as the browser computes it, falls below WCAG 2.1 AA contrast against
// what is drawn behind it: 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold).
// Inactive controls are exempt (WCAG 1.4.3), as is text that is not visible.
() => {
  const parse = (text) => {
    const m = /rgba?\(([^)]+)\)/.exec(text || "");
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a), a: 1});
  const luminance = ({r, g, b}) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  // Only boxes the text is drawn inside count (a label placed above a slider's thumb is
  // a child of the thumb, but drawn on what is behind the slider).
  const inside = (box, rect) => {
    const x = rect.left + rect.width / 2, y = rect.top + rect.height / 2;
    return x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
  };
  const backdrop = (element) => {
    const layers = [];
    const rect = element.getBoundingClientRect();
    for (let e = element; e; e = e.parentElement) {
      if (e !== element && !inside(e.getBoundingClientRect(), rect)) continue;
      const colour = parse(getComputedStyle(e).backgroundColor);
      if (colour && colour.a > 0) { layers.push(colour); if (colour.a >= 1) break; }
    }
    return layers.reverse().reduce((below, layer) => over(layer, below),
                                   {r: 255, g: 255, b: 255, a: 1});
  };
  const opacity = (element) => {
    let value = 1;
    for (let e = element; e; e = e.parentElement) value *= Number(getComputedStyle(e).opacity);
    return value;
  };
  const failures = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const element = node.parentElement;
    if (!text || !element || seen.has(element)) continue;
    seen.add(element);
    if (element.closest("script, style, noscript, [aria-hidden='true'], :disabled, "
                        + "[aria-disabled='true'], [data-baseweb='tooltip']")) continue;
    const rect = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (rect.width < 1 || rect.height < 1 || style.visibility !== "visible") continue;
    const colour = parse(style.color);
    const faded = opacity(element);
    if (!colour || faded < 0.05) continue;  // not drawn (e.g. a slider's range until hovered)
    const background = backdrop(element);
    const shown = over({...colour, a: colour.a * faded}, background);
    const [light, dark] = [luminance(shown), luminance(background)].sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      failures.push(`${ratio.toFixed(2)}:1 ${style.color} on rgb(${Math.round(background.r)},`
                    + `${Math.round(background.g)},${Math.round(background.b)}) `
                    + `${size}px "${text.slice(0, 60)}"`);
    }
  }
  return failures;
}
