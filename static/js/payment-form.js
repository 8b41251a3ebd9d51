// Record a payment: "Fill the oldest first" shares the payment out over the open invoices in the order shown
// (oldest due first).
document.getElementById("fill-oldest").addEventListener("click", () => {
  let left = Math.round(parseFloat(document.getElementById("id_amount").value || "0") * 100);
  document.querySelectorAll("[data-allocation]").forEach((input) => {
    const share = Math.max(0, Math.min(left, Math.round(parseFloat(input.dataset.open) * 100)));
    input.value = share ? (share / 100).toFixed(2) : "";
    left -= share;
  });
});
