"""The instructors' forms (Flask-WTF: every one carries a CSRF token)."""

from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    FieldList,
    FloatField,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from webapp.content import module_order

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class CohortForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)], filters=[_strip])


class CohortSettingsForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)], filters=[_strip])
    late_policy = SelectField(
        _l("Late work"),
        choices=[
            SelectChoice("none", _l("No penalty (late work is only marked)")),
            SelectChoice("per_day", _l("A penalty per day")),
        ],
    )
    penalty_percent = FloatField(
        _l("Penalty per day late (percent of the exercise's points)"),
        validators=[
            Optional(),
            NumberRange(min=0, max=100, message=_l("Give a percentage, 0 to 100.")),
        ],
    )
    max_attempts_per_hour = IntegerField(
        _l("Graded attempts per exercise per hour"),
        validators=[
            Optional(),
            NumberRange(
                min=1, max=1000, message=_l("Give a number from 1 to 1000, or leave empty.")
            ),
        ],
    )

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.late_policy.data == "per_day" and not self.penalty_percent.data:
            self.penalty_percent.errors.append(_l("A per-day policy needs a penalty above 0 %."))
            return False
        return True


class DeadlineEntry(Form):
    """One module's deadline (a sub-form: the enclosing form carries the CSRF token)."""

    module = HiddenField()
    due_at = DateTimeLocalField(format=DATETIME_FORMAT, validators=[Optional()])

    def validate_module(self, field) -> None:
        if field.data not in module_order():
            raise ValidationError(
                gettext("%(module)s is not a module of the course.", module=repr(field.data))
            )


class DeadlinesForm(FlaskForm):
    deadlines = FieldList(FormField(DeadlineEntry))


class RegradeForm(FlaskForm):
    """What to regrade: one submission, an exercise, a cohort (or an exercise in a cohort)."""

    submission_id = IntegerField(validators=[Optional()])
    exercise_id = StringField(validators=[Optional(), Length(max=100)], filters=[_strip])
    cohort_id = IntegerField(validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if (
            self.submission_id.data is None
            and not self.exercise_id.data
            and (self.cohort_id.data is None)
        ):
            self.submission_id.errors.append(_l("Choose a submission, an exercise or a cohort."))
            return False
        return True


class ConfirmForm(FlaskForm):
    """A button that only needs the CSRF token."""


class ExtensionForm(FlaskForm):
    """A later due date for one learner on one cohort deadline."""

    deadline_id = IntegerField(validators=[DataRequired(message=_l("Choose a deadline."))])
    due_at = DateTimeLocalField(
        _l("New due date (UTC)"),
        format=DATETIME_FORMAT,
        validators=[DataRequired(message=_l("Give the new due date and time."))],
    )
    reason = StringField(_l("Reason"), validators=[Length(max=500)], filters=[_strip])


class OverrideForm(FlaskForm):
    """A score set by hand; an empty score removes the override."""

    exercise_id = SelectField(_l("Exercise"), validate_choice=True)
    score = FloatField(
        _l("Score (empty: the graded score counts again)"),
        validators=[Optional(), NumberRange(min=0, message=_l("A score cannot be negative."))],
    )
    comment = TextAreaField(
        _l("Why"),
        validators=[
            DataRequired(message=_l("Say why: the learner and other instructors read it.")),
            Length(max=2000),
        ],
        filters=[_strip],
    )


class CommentForm(FlaskForm):
    body = TextAreaField(
        _l("Comment for the learner"),
        validators=[DataRequired(message=_l("Write a comment first.")), Length(max=5000)],
        filters=[_strip],
    )


__all__ = [
    "DATETIME_FORMAT",
    "CohortForm",
    "CohortSettingsForm",
    "CommentForm",
    "ConfirmForm",
    "DeadlineEntry",
    "DeadlinesForm",
    "ExtensionForm",
    "OverrideForm",
    "RegradeForm",
]
