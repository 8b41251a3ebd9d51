// The marketing plan: each month's actual revenue as bars stacked by stream, the month's total target as a line
// with its points, drawn with Chart.js from the data the page carries (#chart-data).
(() => {
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const colours = { rooms: "#0b5ed7", banquets: "#c2255c", meetings: "#146c43" };
  new Chart(document.getElementById("chart-plan"), {
    data: {
      labels: data.labels,
      datasets: [
        { type: "line", label: data.target.label, data: data.target.values, borderColor: "#212529", backgroundColor: "#212529",
          borderDash: [6, 4], pointRadius: 4, pointHoverRadius: 6, spanGaps: true, order: 0 },
        ...data.streams.map((stream) => ({ type: "bar", label: stream.label, data: stream.values, stack: "actual",
          backgroundColor: colours[stream.stream], order: 1 })),
      ],
    },
    options: {
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      plugins: { legend: { labels: { usePointStyle: true } } },
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } },
    },
  });
})();
