// Hotel Sales: behaviour shared by every page. Texts come translated from data attributes on <body>.
document.addEventListener("htmx:responseError", () => {
  const box = document.createElement("div");
  box.className = "alert alert-danger position-fixed bottom-0 end-0 m-3";
  box.setAttribute("role", "alert");
  box.textContent = document.body.dataset.requestFailed;
  document.body.appendChild(box);
  setTimeout(() => box.remove(), 6000);
});
