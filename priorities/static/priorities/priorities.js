// Research priorities: progressive enhancement only; every page works without it.
// After htmx swaps in a new vote box, keep keyboard focus on its button so
// screen-reader and keyboard users stay where they were.
document.addEventListener("htmx:afterSettle", (event) => {
  const box = event.detail.target;
  if (box && box.classList && box.classList.contains("vote-box")) {
    const button = document.querySelector(`#${box.id} .vote-button`);
    if (button) button.focus();
  }
});
