// Progressive enhancement of the plain <textarea data-editor="python"> into a CodeMirror
// editor with Python highlighting. CodeMirror.fromTextArea copies the text back into the
// textarea when the form is submitted, so the server sees the same field either way.
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
