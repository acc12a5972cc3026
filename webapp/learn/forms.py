"""The submission form of an exercise page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import TextAreaField

ALLOWED_SUFFIXES = ("py", "ipynb")


class SubmitForm(FlaskForm):
    source = TextAreaField(_l("Source code"), id="source")
    upload = FileField(
        _l("Upload a file:"),
        validators=[FileAllowed(ALLOWED_SUFFIXES, _l("Upload a .py file or a Jupyter notebook."))],
    )

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if not self.upload.data and not (self.source.data or "").strip():
            self.source.errors.append(_l("Write some code in the editor or choose a file first."))
            return False
        return True


__all__ = ["ALLOWED_SUFFIXES", "SubmitForm"]
