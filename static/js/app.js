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

// "Use this account/contact" beside a new client being typed (templates/clienthistory/snippets/client_matches.html):
// choose the row already in the files in the lookup field data-use-for names, and empty the new client's fields
// (those marked data-new-client equal to data-use-clears), so the form does not create it twice.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-use-for]");
  if (!button) return;
  const form = button.closest("form");
  const value = form.querySelector(`[data-lookup] [data-lookup-value][name="${button.dataset.useFor}"]`);
  value.value = button.dataset.useId;
  value.closest("[data-lookup]").querySelector("[data-lookup-text]").value = button.dataset.useLabel;
  form.querySelectorAll(`[data-new-client="${button.dataset.useClears}"]`).forEach((input) => {
    input.value = "";
  });
  value.dispatchEvent(new Event("change", { bubbles: true }));
  button.closest("li").remove();
});

// Date inputs: a browser draws <input type="date"> in its own locale's format (Chromium ignores the page's lang),
// so a Chinese page in an English browser showed 03/08/2026. Each date input becomes a text box holding the ISO
// date the server reads and writes (2026-03-08, or 2026-03-08 14:30), typed or chosen with a button that opens
// the browser's calendar on a hidden native input of the same kind.
const DATE_INPUTS = 'input[type="date"]:not(.iso-date-calendar), input[type="datetime-local"]:not(.iso-date-calendar)';

function isoDateInputs(root) {
  [root, ...root.querySelectorAll(DATE_INPUTS)].filter((element) => element.matches?.(DATE_INPUTS)).forEach(isoDateInput);
}

function isoDateInput(input) {
  const texts = document.body.dataset;
  const withTime = input.type === "datetime-local";
  const calendar = document.createElement("input");
  calendar.type = input.type;
  calendar.className = "iso-date-calendar";
  calendar.tabIndex = -1;
  calendar.setAttribute("aria-hidden", "true");
  for (const name of ["min", "max", "step"]) {
    if (input.hasAttribute(name)) calendar.setAttribute(name, input.getAttribute(name));
  }
  input.type = "text";
  input.value = input.value.replace("T", " ");
  input.placeholder = withTime ? texts.dateTimeFormat : texts.dateFormat;
  input.autocomplete = "off";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "btn btn-outline-secondary";
  button.title = texts.chooseDate;
  button.setAttribute("aria-label", texts.chooseDate);
  button.innerHTML = '<i class="bi bi-calendar3"></i>';
  button.addEventListener("click", () => {
    calendar.value = input.value.trim().replace(" ", "T");
    calendar.showPicker();
  });
  calendar.addEventListener("change", () => {
    input.value = calendar.value.replace("T", " ");
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
  const group = document.createElement("div");
  group.className = "input-group flex-nowrap iso-date";
  if (input.classList.contains("form-control-sm")) group.classList.add("input-group-sm");
  // Bootstrap shows a field's error when it follows an invalid control; the group now stands in its place.
  if (input.classList.contains("is-invalid")) group.classList.add("is-invalid");
  input.replaceWith(group);
  group.append(input, button, calendar);
}

isoDateInputs(document);
document.addEventListener("htmx:load", (event) => isoDateInputs(event.target));

// File inputs (hotelsales.widgets.FilePicker): the chosen file's name replaces "no file chosen".
document.addEventListener("change", (event) => {
  const picker = event.target.closest("[data-file-picker]");
  if (!picker || event.target.type !== "file") return;
  const name = picker.querySelector("[data-file-name]");
  name.textContent = [...event.target.files].map((file) => file.name).join(", ") || name.dataset.empty;
});

// A page opened at #name (a booking after sending its proposal: #sent) shows the tab of that name.
document.addEventListener("DOMContentLoaded", () => {
  if (!location.hash || !/^#[\w-]+$/.test(location.hash)) return;
  const tab = document.querySelector(`[data-bs-toggle="tab"][data-bs-target="${location.hash}"]`);
  if (tab) bootstrap.Tab.getOrCreateInstance(tab).show();
});

// The front desk's lists send every row's actions through one form (templates/reservations/snippets/
// reservation_rows.html). A cancel asks for its own row's reason alone: `required` on every row's field would
// stop every other button. Enter in a reason field cancels that row, as a form of its own would.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[name=action]");
  if (!button?.form?.matches("[data-row-actions]")) return;
  for (const field of button.form.elements) {
    if (field.name.startsWith("reason-")) field.required = field.name === button.dataset.reason;
  }
});

document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || !event.target.form?.matches("[data-row-actions]")) return;
  const cancel = document.querySelector(`button[data-reason="${event.target.name}"]`);
  if (!cancel) return;
  event.preventDefault();
  cancel.click();
});
