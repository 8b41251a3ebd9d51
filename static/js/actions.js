// Hotel Sales: small page actions, declared with data- attributes because the Content-Security-Policy runs no
// inline script (onclick=, onchange=, onsubmit= …). Loaded by every page and by the print views.
//   <form data-confirm="Question?">   submitting asks the question first
//   <input data-submit-on-change>     changing the field submits its form (date pickers in page headers)
//   <button data-print>               prints the page
//   <body data-print-on-load>         prints the page once it has loaded
//   <input data-select-on-focus>      focusing the field selects its text, ready to copy
//   <input type=checkbox data-shows="#part">   the part is shown while the box is ticked
document.addEventListener("submit", (event) => {
  const question = event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

document.addEventListener("change", (event) => {
  if (event.target.matches("[data-submit-on-change]")) event.target.form.submit();
  if (event.target.matches("[data-shows]")) showPart(event.target);
});

function showPart(box) {
  document.querySelector(box.dataset.shows).hidden = !box.checked;
}

document.querySelectorAll("[data-shows]").forEach(showPart);

document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});

document.addEventListener("focusin", (event) => {
  if (event.target.matches("[data-select-on-focus]")) event.target.select();
});

if (document.body.hasAttribute("data-print-on-load")) window.addEventListener("load", () => window.print());
