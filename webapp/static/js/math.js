// Render the $...$ and $$...$$ maths that the server left verbatim inside .math elements.
// Loaded with `defer` after KaTeX and its auto-render extension; without JavaScript the
// reader sees the TeX source.
(function () {
  "use strict";
  function render() {
    if (typeof window.renderMathInElement !== "function") return;
    document.querySelectorAll("[data-math]").forEach(function (root) {
      window.renderMathInElement(root, {
        delimiters: [
          { left: "$$", right: "$$", display: true },
          { left: "$", right: "$", display: false },
        ],
        ignoredTags: ["script", "noscript", "style", "textarea", "pre", "code", "option"],
        throwOnError: false,
      });
    });
    // A formula wider than its column scrolls inside itself: let the keyboard reach it.
    document.querySelectorAll(".katex-display").forEach(function (formula) {
      if (formula.scrollWidth > formula.clientWidth + 1) {
        formula.setAttribute("tabindex", "0");
        formula.setAttribute("role", "group");
        formula.setAttribute("aria-label", "formula (scrolls sideways)");
      }
    });
  }
  window.dlgradeRenderMath = render;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", render);
  } else {
    render();
  }
})();
