// Names the map's frame for screen readers (Streamlit titles it "streamlit_folium.st_folium")
// and points it at the sentence that says in words what the map shows.
export default function ({ data }) {
  const name = () => document.querySelectorAll(data.frames).forEach((frame) => {
    if (frame.title !== data.title) { frame.title = data.title; }
    if (data.summary && frame.getAttribute("aria-description") !== data.summary) {
      frame.setAttribute("aria-description", data.summary);
    }
  });
  name();
  const timer = setInterval(name, 500);
  return () => clearInterval(timer);
}
