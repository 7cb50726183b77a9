// Places on a world outline: Leaflet with a bundled Natural Earth layer, no tiles from the internet.
(function () {
  "use strict";
  const el = document.getElementById("map");
  if (!el || !window.L) return;
  const places = JSON.parse(el.dataset.places || "[]");
  const map = L.map(el, { worldCopyJump: true, attributionControl: true }).setView([40, 30], 2);
  map.attributionControl.addAttribution("Natural Earth (world-atlas)");
  fetch("/static/vendor/world-atlas/countries-110m.json")
    .then((r) => r.json())
    .then((topo) => {
      const land = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(land, { style: { color: "#7a8a99", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(map);
      el.dataset.outline = "ready";
    })
    .catch(() => { el.dataset.outline = "failed"; });
  const max = Math.max(1, ...places.map((p) => p.mentions));
  const bounds = [];
  places.forEach((p) => {
    const r = 4 + 14 * Math.sqrt(p.mentions / max);
    const marker = L.circleMarker([p.lat, p.lon], { radius: r, color: "#0b5cad", weight: 1, fillOpacity: 0.55 });
    const label = document.createElement("span");
    label.textContent = `${p.name} (${p.country || "?"}) · ${p.mentions} mentions in ${p.documents} documents`;
    marker.bindTooltip(label);
    marker.addTo(map);
    bounds.push([p.lat, p.lon]);
  });
  if (bounds.length > 1) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 6 });
  el.dataset.markers = String(places.length);
})();
