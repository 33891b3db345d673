// Presenter view: arrow keys (and PageUp/PageDown, which remote clickers send) go to the previous/next topic,
// except while typing the rationale.
document.addEventListener("keydown", (event) => {
  const target = event.target;
  if (target && (target.tagName === "TEXTAREA" || target.tagName === "INPUT" || target.isContentEditable)) return;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const id = { ArrowRight: "topic-next", PageDown: "topic-next", ArrowLeft: "topic-previous", PageUp: "topic-previous" }[event.key];
  const link = id && document.getElementById(id);
  if (link) {
    event.preventDefault();
    window.location.assign(link.href);
  }
});
