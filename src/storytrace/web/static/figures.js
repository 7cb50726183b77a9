// Tracked figures: each source's reported values over time; ranges as bars, conflicts and revisions marked.
(function () {
  "use strict";
  const holder = document.getElementById("figure-data");
  if (!holder || !window.Chart) return;
  const figures = JSON.parse(holder.textContent || "[]");
  const DAY = 86400000;
  // 12 colours that stay apart; past them, the line is dashed so that no two sources look alike
  const palette = ["#0b5cad", "#c0392b", "#27864a", "#8e44ad", "#d68910", "#16a085", "#7f8c8d", "#2c3e50",
    "#e84393", "#6c5b00", "#00838f", "#a04000"];
  const toDay = (iso) => (iso ? Date.parse(iso.slice(0, 10)) / DAY : null);
  const label = (d) => new Date(d * DAY).toISOString().slice(0, 10);

  function bounds(o) {
    const lo = o.low ?? o.high, hi = o.high ?? o.low;
    return [lo, hi];
  }

  document.querySelectorAll("canvas.figure-chart").forEach((canvas) => {
    const fig = figures[Number(canvas.dataset.index)];
    if (!fig) return;
    const sources = [...new Set(fig.observations.map((o) => o.source))];
    const datasets = [];
    sources.forEach((src, i) => {
      const color = palette[i % palette.length];
      const dash = i < palette.length ? [] : [6, 4];
      const dated = fig.observations.filter((o) => o.source === src && o.date);
      // increments ("3,000 more") add to a count: plotted as "+" marks, never joined to the totals' line
      const obs = dated.filter((o) => !o.increment);
      const more = dated.filter((o) => o.increment);
      if (more.length) {
        datasets.push({
          type: "line", label: obs.length ? "" : src, borderColor: color, backgroundColor: color, showLine: false,
          pointStyle: "cross",
          pointRadius: 9, pointBorderWidth: 3,
          data: more.map((o) => { const [lo, hi] = bounds(o); return { x: toDay(o.date), y: (lo + hi) / 2, o }; }),
        });
      }
      if (obs.length) datasets.push({
        type: "line", label: src, borderColor: color, backgroundColor: color, borderDash: dash, showLine: obs.length > 1,
        data: obs.map((o) => { const [lo, hi] = bounds(o); return { x: toDay(o.date), y: (lo + hi) / 2, o }; }),
        pointStyle: obs.map((o) => (o.flags.includes("conflict") ? "crossRot" : o.flags.includes("revision") ? "triangle" : "circle")),
        pointRadius: obs.map((o) => (o.flags.length ? 9 : 5)),
        pointBorderColor: obs.map((o) => (o.flags.includes("conflict") ? "#b00" : color)),
        pointBorderWidth: obs.map((o) => (o.flags.includes("conflict") ? 3 : 1)),
      });
      dated.forEach((o) => {
        const [lo, hi] = bounds(o);
        if (lo !== hi) {
          datasets.push({ type: "line", label: "", borderColor: color, borderWidth: 6, pointRadius: 0, data: [{ x: toDay(o.date), y: lo }, { x: toDay(o.date), y: hi }] });
        }
      });
    });
    new Chart(canvas, {
      data: { datasets },
      options: {
        animation: false, maintainAspectRatio: false, parsing: false,
        scales: {
          x: { type: "linear", ticks: { callback: (v) => label(v), maxRotation: 0, autoSkipPadding: 20 }, title: { display: true, text: "reported on" } },
          y: { beginAtZero: true, title: { display: true, text: fig.unit || "value" } },
        },
        plugins: {
          legend: { labels: { filter: (item) => item.text !== "" } },
          tooltip: { callbacks: { label: (ctx) => { const o = ctx.raw.o; return o ? `${o.source}: ${o.increment ? "+" : ""}${o.value} (${o.outlet || o.doc_id}, ${o.date})${o.flags.length ? " — " + o.flags.join(", ") : ""}` : ""; } } },
        },
      },
    });
    canvas.dataset.rendered = "1";
  });
})();
