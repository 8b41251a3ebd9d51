// New reservation: nights and departure follow each other, so either can be typed.
(() => {
  const arrival = document.getElementById("id_arrival");
  const nights = document.getElementById("id_nights");
  const departure = document.getElementById("id_departure");
  const day = 86400000;
  const fromNights = () => {
    if (arrival.value && nights.value > 0) {
      departure.value = new Date(Date.parse(arrival.value) + nights.value * day).toISOString().slice(0, 10);
    }
  };
  arrival.addEventListener("change", fromNights);
  nights.addEventListener("input", fromNights);
  departure.addEventListener("change", () => {
    if (arrival.value && departure.value) {
      const count = Math.round((Date.parse(departure.value) - Date.parse(arrival.value)) / day);
      if (count > 0) nights.value = count;
    }
  });
  if (!departure.value) fromNights();
  // Fresh availability must not undo a room type the clerk picked while it was loading.
  const roomType = document.getElementById("id_room_type");
  let picked = "";
  roomType.addEventListener("htmx:beforeSwap", () => { picked = roomType.value; });
  roomType.addEventListener("htmx:afterSwap", () => {
    if (picked && roomType.querySelector(`option[value="${picked}"]`)) roomType.value = picked;
  });
  document.getElementById("id_guest").focus();
})();
