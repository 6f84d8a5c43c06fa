// Reruns the app once the page's map has painted its areas (the choropleth sets a flag in
// its frame), or after ui.maps.PAINT_WAIT_MS whatever happened, so a page is never left half drawn.
// Streamlit sends a widget's rerun with the page the browser last drew and the newer request
// wins, so a rerun sent between a click on another page and the server's answer would take
// the visitor back: a navigation holds the watcher off, and once the page is left it is gone.
export default function ({ data, setTriggerValue }) {
  const started = Date.now();
  let heldUntil = 0;
  const navigating = (event) => {
    if (event.type === "popstate" || event.target.closest?.("a[href]")) {
      heldUntil = Date.now() + data.navigation_hold_ms;
    }
  };
  document.addEventListener("click", navigating, true);
  window.addEventListener("popstate", navigating);
  const shown = (frame) => {
    try { return Boolean(frame.contentWindow[data.flag]); } catch { return false; }
  };
  const timer = setInterval(() => {
    if (Date.now() < heldUntil) return;
    const frames = document.querySelectorAll(data.frames);
    if ([...frames].some(shown) || Date.now() - started > data.wait_ms) {
      clearInterval(timer);
      setTriggerValue("painted", true);
    }
  }, 40);
  return () => {
    clearInterval(timer);
    document.removeEventListener("click", navigating, true);
    window.removeEventListener("popstate", navigating);
  };
}
