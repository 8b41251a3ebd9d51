// The campaigns overview: per campaign, the conversion rates of the contacted and of the control group as grouped
// bars, and the incremental revenue beside the cost, drawn with Chart.js from the data the page carries
// (#chart-data). A campaign without a comparison has no incremental revenue: its bar is left out, as in the table.
(() => {
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const grouped = (id, sets, colours, unit) => new Chart(document.getElementById(id), {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: sets.map((set, index) => ({ label: set.label, data: set.values, backgroundColor: colours[index] })),
    },
    options: {
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      scales: { y: { beginAtZero: true, ticks: { callback: (value) => `${value}${unit}` } } },
    },
  });
  grouped("chart-rates", data.rates, ["#0b5ed7", "#adb5bd"], " %");
  grouped("chart-money", data.money, ["#146c43", "#c2255c"], "");
})();
