// Esc leaves presenter mode, like the "Leave" link (the map forwards its own Esc here:
// geo/js/forward_escape.js).
export default function () {
  const leave = (event) => {
    if (event.key !== "Escape") return;
    const link = document.querySelector(".st-key-presenter_exit button");
    if (link) { event.preventDefault(); link.click(); }
  };
  document.addEventListener("keydown", leave);
  return () => document.removeEventListener("keydown", leave);
}
