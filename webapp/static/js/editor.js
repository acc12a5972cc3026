// Progressive enhancement of the plain <textarea data-editor="python"> into a CodeMirror
// editor with Python highlighting. CodeMirror.fromTextArea copies the text back into the
// textarea when the form is submitted, so the server sees the same field either way.
// Tab indents inside the editor; CodeMirror's own convention lets the keyboard out: Esc then
// Tab (or Shift+Tab) moves the focus to the next (previous) control, as the page says.
(function () {
  "use strict";
  function enhance() {
    if (typeof window.CodeMirror !== "function") return;
    document.querySelectorAll("textarea[data-editor='python']").forEach(function (area) {
      var editor = window.CodeMirror.fromTextArea(area, {
        mode: "python",
        lineNumbers: true,
        indentUnit: 4,
        tabSize: 4,
        indentWithTabs: false,
        matchBrackets: true,
        viewportMargin: Infinity,
        lineWrapping: true,
        extraKeys: {
          Tab: function (cm) {
            if (cm.somethingSelected()) cm.indentSelection("add");
            else cm.replaceSelection("    ", "end");
          },
          "Shift-Tab": function (cm) { cm.indentSelection("subtract"); },
          "Ctrl-Enter": function (cm) { cm.save(); area.form.requestSubmit(); },
          "Cmd-Enter": function (cm) { cm.save(); area.form.requestSubmit(); },
        },
      });
      area.dlgradeEditor = editor;
      // A refused submission redirects back here with ?kept=1: put back the text it sent.
      var draftKey = "dlgrade-draft:" + window.location.pathname;
      try {
        var params = new URLSearchParams(window.location.search);
        var kept = window.sessionStorage.getItem(draftKey);
        if (params.has("kept") && kept !== null) editor.setValue(kept);
        if (params.has("kept")) {
          params.delete("kept");
          var query = params.toString();
          window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
        }
        if (area.form) {
          area.form.addEventListener("submit", function () {
            window.sessionStorage.setItem(draftKey, editor.getValue());
          });
        }
      } catch (error) { /* storage refused (private mode): the page works without it */ }
      var leaving = false; // Esc was pressed: the next Tab leaves the editor
      editor.on("keydown", function (cm, event) {
        if (event.key === "Escape") {
          leaving = true;
        } else if (event.key === "Tab" && leaving) {
          leaving = false;
          event.codemirrorIgnore = true; // the browser moves the focus
        } else if (["Shift", "Control", "Alt", "Meta"].indexOf(event.key) < 0) {
          leaving = false;
        }
      });
      editor.on("blur", function () { leaving = false; });
      var input = editor.getInputField();
      input.setAttribute("aria-label", "Source code editor");
      var help = area.getAttribute("aria-describedby");
      if (help) input.setAttribute("aria-describedby", help);
      editor.getWrapperElement().setAttribute("data-testid", "code-editor");
      // A chosen file replaces the editor's text as the submission: say so.
      var upload = area.form && area.form.querySelector("input[type='file']");
      var note = area.form && area.form.querySelector("[data-upload-note]");
      if (upload && note) {
        upload.addEventListener("change", function () {
          note.hidden = !(upload.files && upload.files.length);
        });
      }
      // "Reset to starter" button, only meaningful with the editor.
      var reset = document.querySelector("[data-reset-editor]");
      var starter = document.getElementById("starter-source");
      if (reset && starter) {
        reset.hidden = false;
        reset.addEventListener("click", function () {
          if (window.confirm("Replace the editor's text with the starter code?")) {
            editor.setValue(starter.textContent);
          }
        });
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
