// Hotel Sales: behaviour shared by every page. Texts come translated from data attributes on <body>.
document.addEventListener("htmx:responseError", () => {
  const box = document.createElement("div");
  box.className = "alert alert-danger position-fixed bottom-0 end-0 m-3";
  box.setAttribute("role", "alert");
  box.textContent = document.body.dataset.requestFailed;
  document.body.appendChild(box);
  setTimeout(() => box.remove(), 6000);
});

// Lookup fields (hotelsales.widgets.Lookup) ask for suggestions with what is typed as ?q= (added here: the
// Content-Security-Policy forbids the code hx-vals="js:…" would evaluate).
document.addEventListener("htmx:configRequest", (event) => {
  if (event.detail.elt.matches("[data-lookup-text]")) event.detail.parameters.q = event.detail.elt.value;
});

// Lookup fields: pick a suggestion with the mouse or with the arrow keys and Enter.
document.addEventListener("click", (event) => {
  const option = event.target.closest("[data-lookup-id]");
  document.querySelectorAll("[data-lookup-options]").forEach((box) => {
    if (!option || !box.contains(option)) box.replaceChildren();
  });
  if (option) chooseLookup(option);
});

document.addEventListener("keydown", (event) => {
  const lookup = event.target.closest("[data-lookup]");
  if (!lookup || !["ArrowDown", "ArrowUp", "Enter", "Escape"].includes(event.key)) return;
  const options = [...lookup.querySelectorAll("[data-lookup-id]")];
  if (event.key === "Escape") {
    lookup.querySelector("[data-lookup-options]").replaceChildren();
    return;
  }
  if (!options.length) return;
  const current = options.findIndex((option) => option.classList.contains("active"));
  if (event.key === "Enter") {
    if (current >= 0) {
      event.preventDefault();
      chooseLookup(options[current]);
    }
    return;
  }
  event.preventDefault();
  const next = event.key === "ArrowDown" ? Math.min(current + 1, options.length - 1) : Math.max(current - 1, 0);
  options.forEach((option, index) => option.classList.toggle("active", index === next));
});

document.addEventListener("input", (event) => {
  const lookup = event.target.closest("[data-lookup]");
  if (lookup && event.target.matches("[data-lookup-text]")) {
    lookup.querySelector("[data-lookup-value]").value = "";
  }
});

function chooseLookup(option) {
  const lookup = option.closest("[data-lookup]");
  const value = lookup.querySelector("[data-lookup-value]");
  value.value = option.dataset.lookupId;
  lookup.querySelector("[data-lookup-text]").value = option.dataset.lookupLabel;
  lookup.querySelector("[data-lookup-options]").replaceChildren();
  value.dispatchEvent(new Event("change", { bubbles: true }));
}
