// Function diary, day view: each event sits on its room's track where the server placed it (data-left and
// data-width, in percent of the day), set here because the Content-Security-Policy allows no style attributes.
document.querySelectorAll(".diary-event[data-left]").forEach((event) => {
  event.style.left = `${event.dataset.left}%`;
  event.style.width = `${event.dataset.width}%`;
});
