// The manager's dashboard: its charts, drawn with Chart.js from the data the page carries (#chart-data).
(() => {
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const make = (id, config) => new Chart(document.getElementById(id), config);
  make("chart-occupancy", { type: "bar", data: { labels: data.occupancy.labels, datasets: [{ label: "%", data: data.occupancy.values }] },
    options: { scales: { y: { beginAtZero: true, max: 100 } } } });
  make("chart-pace", { type: "bar", data: { labels: data.pace.labels, datasets: [
    { label: data.pace.series_labels[0], data: data.pace.this_year }, { label: data.pace.series_labels[1], data: data.pace.last_year }] } });
  make("chart-events", { type: "line", data: { labels: data.events.labels, datasets: [{ label: data.events.label, data: data.events.values }] } });
  make("chart-pipeline", { type: "bar", data: { labels: data.pipeline.labels,
    datasets: data.pipeline.series.map((series) => ({ label: series.label, data: series.values })) },
    options: { scales: { x: { stacked: true }, y: { stacked: true } } } });
})();
