// storytrace reader: click a highlight to open its record; toggle layers; jump to offsets.
(function () {
  "use strict";
  const text = document.getElementById("doc-text");
  if (!text) return;

  function focusCard(key) {
    const card = document.getElementById(key);
    if (!card) return;
    document.querySelectorAll(".card.focus").forEach((c) => c.classList.remove("focus"));
    card.classList.add("focus");
    card.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  text.addEventListener("click", (ev) => {
    const mark = ev.target.closest("mark");
    if (!mark) return;
    // most specific annotation first; prefer a visible layer
    const keys = (mark.dataset.keys || "").split(" ").filter(Boolean);
    const visible = keys.filter((k) => !text.classList.contains("hide-hl-" + k.split("-")[0]));
    const key = visible[0] || keys[0];
    if (key) {
      focusCard(key);
      history.replaceState(null, "", "#" + key);
    }
  });

  document.querySelectorAll("[data-toggle]").forEach((box) => {
    box.addEventListener("change", () => text.classList.toggle("hide-" + box.dataset.toggle, !box.checked));
  });

  // #quote-3 opens that card; #at-123 scrolls to the highlight at character 123
  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash.startsWith("at-")) {
    const at = parseInt(hash.slice(3), 10);
    const card = Array.from(document.querySelectorAll(".card[data-start]")).find((c) => parseInt(c.dataset.start, 10) === at);
    if (card) focusCard(card.id);
  } else if (hash) {
    focusCard(hash);
  }
})();
