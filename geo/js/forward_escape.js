// A slide's Esc leaves it even when the map has the keyboard: the map's frame is its own
// document, so the key is passed on to the page (ui/js/presenter_escape.js listens there).
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") { return; }
  try {
    window.parent.document.dispatchEvent(
      new KeyboardEvent("keydown", {key: "Escape", bubbles: true}));
  } catch {
    // A page that is not ours (another origin) keeps its Esc.
  }
});
