"""The account forms (Flask-WTF: every one carries a CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp

MIN_PASSWORD_LENGTH = 8
PASSWORD_LENGTH = _l("Use at least %(min)s characters (and at most 200).", min=MIN_PASSWORD_LENGTH)
# Deliberately loose, like grader.store.normalize_email: name@domain.tld, no spaces.
EMAIL = Regexp(
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Enter an e-mail address like ada@example.org.")
)


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _lower(value: str | None) -> str | None:
    return value.strip().lower() if isinstance(value, str) else value


def _new_password(label: str | LazyString) -> PasswordField:
    return PasswordField(
        label,
        validators=[
            DataRequired(),
            Length(min=MIN_PASSWORD_LENGTH, max=200, message=PASSWORD_LENGTH),
        ],
    )


def _repeat(label: str | LazyString) -> PasswordField:
    """The same password again (checked against the form's ``password`` field)."""
    return PasswordField(
        label,
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
    )


class SignupForm(FlaskForm):
    email = EmailField(
        _l("E-mail"), validators=[DataRequired(), EMAIL, Length(max=254)], filters=[_lower]
    )
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=100)], filters=[_strip])
    password = _new_password(_l("Password"))
    confirm = _repeat(_l("Repeat the password"))
    enrolment_code = StringField(
        _l("Enrolment code"), validators=[Optional(), Length(max=64)], filters=[_strip]
    )


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)], filters=[_lower])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


class ResetRequestForm(FlaskForm):
    email = EmailField(
        _l("E-mail"), validators=[DataRequired(), EMAIL, Length(max=254)], filters=[_lower]
    )


class ResetForm(FlaskForm):
    password = _new_password(_l("New password"))
    confirm = _repeat(_l("Repeat the password"))


class ProfileForm(FlaskForm):
    name = StringField(
        _l("Name shown on the site"), validators=[DataRequired(), Length(max=100)], filters=[_strip]
    )


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    password = _new_password(_l("New password"))
    confirm = _repeat(_l("Repeat the new password"))


class JoinForm(FlaskForm):
    code = StringField(
        _l("Enrolment code"), validators=[DataRequired(), Length(max=64)], filters=[_strip]
    )


class TokenForm(FlaskForm):
    name = StringField(
        _l("Token name"),
        default="cli",
        validators=[DataRequired(), Length(max=100)],
        filters=[_strip],
    )
