"""The account forms (Flask-WTF: every one carries a CSRF token)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp

MIN_PASSWORD_LENGTH = 8
PASSWORD_LENGTH = f"Use at least {MIN_PASSWORD_LENGTH} characters (and at most 200)."
# Deliberately loose, like grader.store.normalize_email: name@domain.tld, no spaces.
EMAIL = Regexp(
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message="Enter an e-mail address like ada@example.org."
)


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _lower(value: str | None) -> str | None:
    return value.strip().lower() if isinstance(value, str) else value


def _new_password(label: str) -> PasswordField:
    return PasswordField(
        label,
        validators=[
            DataRequired(),
            Length(min=MIN_PASSWORD_LENGTH, max=200, message=PASSWORD_LENGTH),
        ],
    )


def _repeat(label: str) -> PasswordField:
    """The same password again (checked against the form's ``password`` field)."""
    return PasswordField(
        label,
        validators=[DataRequired(), EqualTo("password", message="The two passwords differ.")],
    )


class SignupForm(FlaskForm):
    email = EmailField(
        "E-mail", validators=[DataRequired(), EMAIL, Length(max=254)], filters=[_lower]
    )
    name = StringField("Name", validators=[DataRequired(), Length(max=100)], filters=[_strip])
    password = _new_password("Password")
    confirm = _repeat("Repeat the password")
    enrolment_code = StringField(
        "Enrolment code", validators=[Optional(), Length(max=64)], filters=[_strip]
    )


class LoginForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)], filters=[_lower])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])


class ResetRequestForm(FlaskForm):
    email = EmailField(
        "E-mail", validators=[DataRequired(), EMAIL, Length(max=254)], filters=[_lower]
    )


class ResetForm(FlaskForm):
    password = _new_password("New password")
    confirm = _repeat("Repeat the password")


class ProfileForm(FlaskForm):
    name = StringField(
        "Name shown on the site", validators=[DataRequired(), Length(max=100)], filters=[_strip]
    )


class PasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired(), Length(max=200)])
    password = _new_password("New password")
    confirm = _repeat("Repeat the new password")


class JoinForm(FlaskForm):
    code = StringField(
        "Enrolment code", validators=[DataRequired(), Length(max=64)], filters=[_strip]
    )


class TokenForm(FlaskForm):
    name = StringField(
        "Token name", default="cli", validators=[DataRequired(), Length(max=100)], filters=[_strip]
    )
