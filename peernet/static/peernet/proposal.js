// Drag a member between suggested cohorts and the waiting list. Nothing is saved on drop: the server
// checks the move against the hard rules and shows the result with a button that saves it. A refused
// move is put back where it came from. Without JavaScript, each member's "Check move" form does the same.
import Sortable from "../vendor/sortablejs/modular/sortable.esm.js";

const board = document.querySelector("[data-proposal]");
const panel = document.getElementById("move-check");

function putBack(event) {
  const before = event.from.children[event.oldIndex] || null;
  event.from.insertBefore(event.item, before);
}

function check(event) {
  if (event.from === event.to) return;
  const params = new URLSearchParams({
    application: event.item.dataset.application,
    to: event.to.dataset.cohort,
  });
  window.htmx
    .ajax("GET", `${board.dataset.moveUrl}?${params}`, { target: panel, swap: "innerHTML" })
    .then(() => {
      if (panel.querySelector("[data-refused]")) putBack(event);
      panel.scrollIntoView({ block: "nearest" });
      panel.focus();
    });
}

if (board && panel) {
  for (const list of board.querySelectorAll("[data-cohort]")) {
    if (list.hasAttribute("data-locked")) continue;
    Sortable.create(list, {
      group: "members",
      draggable: ".peernet-member",
      filter: "select, button, input, label, a",
      preventOnFilter: false,
      forceFallback: true,
      onEnd: check,
    });
  }
}
