// Complaint analysis: its charts, drawn with Chart.js from the data the page carries (#chart-data).
(() => {
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const bar = (id, chart) => new Chart(document.getElementById(id), {
    type: "bar", data: { labels: chart.labels, datasets: [{ label: "#", data: chart.values }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });
  bar("chart-category", data.category);
  bar("chart-department", data.department);
  bar("chart-severity", data.severity);
  new Chart(document.getElementById("chart-satisfaction"), {
    type: "doughnut", data: { labels: data.satisfaction.labels, datasets: [{ data: data.satisfaction.values,
      backgroundColor: ["#198754", "#20c997", "#ffc107", "#dc3545"] }] } });
})();
