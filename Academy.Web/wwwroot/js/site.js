// Progressive enhancement only: every form and page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.requestSubmit());
  }
  for (const button of document.querySelectorAll(".js-hidden")) {
    button.hidden = true;
  }
  const editor = document.querySelector("textarea[data-preview]");
  if (editor) livePreview(editor, document.getElementById("preview"));
  enhancePreview(document);
});

// The editor: check and preview as the trainer types, with the site's own parser on the server.
function livePreview(editor, pane) {
  let timer = 0;
  let sent = 0;
  editor.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const ticket = ++sent;
      const response = await fetch(editor.dataset.preview, { method: "POST", body: new FormData(editor.form) });
      if (!response.ok || ticket !== sent) return;
      pane.innerHTML = await response.text();
      enhancePreview(pane);
    }, 400);
  });
  pane.addEventListener("click", (event) => {
    const link = event.target.closest("[data-line]");
    if (link) goToLine(editor, Number(link.dataset.line));
  });
}

function goToLine(editor, line) {
  const lines = editor.value.split("\n");
  const start = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
  editor.focus();
  editor.setSelectionRange(start, start + (lines[line - 1] || "").length);
  const lineHeight = editor.scrollHeight / Math.max(lines.length, 1);
  editor.scrollTop = Math.max(0, (line - 5) * lineHeight);
}

// A scenario in the preview plays as learners will see it: one step at a time, feedback after a choice.
function enhancePreview(root) {
  for (const player of root.querySelectorAll(".scenario-player")) {
    const steps = new Map([...player.querySelectorAll(".preview-step")].map((step) => [step.dataset.step, step]));
    const show = (id) => {
      for (const [key, step] of steps) step.hidden = key !== id;
      for (const feedback of player.querySelectorAll(".feedback")) feedback.hidden = true;
      for (const next of player.querySelectorAll(".continue")) next.remove();
    };
    player.addEventListener("click", (event) => {
      const choice = event.target.closest("button.choice");
      if (!choice) return;
      const item = choice.closest("li");
      item.querySelector(".feedback").hidden = false;
      const step = choice.closest(".preview-step");
      step.querySelector(".continue")?.remove();
      const next = document.createElement("button");
      next.type = "button";
      next.className = "primary continue";
      next.textContent = choice.dataset.next ? player.dataset.continue : player.dataset.restart;
      next.addEventListener("click", () => show(choice.dataset.next || player.dataset.first));
      step.append(next);
    });
    show(player.dataset.first);
  }
}

// A page that follows a background job (the employee import) names its refresh interval in seconds; the strict CSP
// forbids inline script, so the reload lives here.
(() => {
    const seconds = Number(document.querySelector("[data-refresh]")?.getAttribute("data-refresh"));
    if (seconds > 0) setTimeout(() => location.reload(), seconds * 1000);
})();
