"""Account views. Log-in and reset requests are rate-limited per client address."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from grader.store import DuplicateError, create_api_token, create_user
from grader.store.models import ApiToken
from webapp.auth import bp
from webapp.auth.accounts import (
    AccountError,
    authenticate,
    change_password,
    cohort_by_code,
    finish_password_reset,
    join_cohort,
    rename,
    start_password_reset,
    valid_reset,
)
from webapp.auth.forms import (
    JoinForm,
    LoginForm,
    PasswordForm,
    ProfileForm,
    ResetForm,
    ResetRequestForm,
    SignupForm,
    TokenForm,
)
from webapp.auth.mail import MailError, SmtpSettings, send_mail
from webapp.extensions import db, limiter
from webapp.i18n import fresh_session
from webapp.queries import cohorts_of


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _client_address() -> str:
    return f"ip:{request.remote_addr or 'unknown'}"


def _safe_next(target: str | None) -> str:
    """Only a path on this site (no scheme, no host, no ``//``) may be a redirect target."""
    if target:
        parts = urlsplit(target)
        if (
            not parts.scheme
            and not parts.netloc
            and target.startswith("/")
            and not (target.startswith("//") or target.startswith("/\\"))
        ):
            return target
    return url_for("learn.curriculum")


def _start_session(user) -> None:
    fresh_session()  # a fresh session (and CSRF token) for the new identity
    login_user(user)


def _register(form: SignupForm):  # -> (User, welcome) | None, form errors set on failure
    cohort = None
    if form.enrolment_code.data:
        try:
            cohort = cohort_by_code(db.session, form.enrolment_code.data)
        except AccountError as exc:
            form.enrolment_code.errors.append(str(exc))
            return None
    try:
        user = create_user(
            db.session,
            email=form.email.data,
            password=form.password.data,
            display_name=form.name.data,
        )
    except DuplicateError:
        db.session.rollback()
        form.email.errors.append(
            _("An account with this e-mail already exists: log in, or reset its password.")
        )
        return None
    except ValueError as exc:  # the store's own checks (address, password length)
        db.session.rollback()
        form.email.errors.append(str(exc))
        return None
    if cohort is not None:
        join_cohort(db.session, user, cohort)
        welcome = _(
            "Welcome, %(name)s! You joined %(cohort)s. Start with the first exercise below.",
            name=user.display_name,
            cohort=cohort.name,
        )
    else:
        welcome = _(
            "Welcome, %(name)s! Start with the first exercise below.", name=user.display_name
        )
    db.session.commit()  # the user and the cohort membership together
    return user, welcome


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_client_address)
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("learn.curriculum"))
    form = SignupForm()
    if form.validate_on_submit():
        registered = _register(form)
        if registered is not None:
            user, welcome = registered
            _start_session(user)  # clears the session: flash afterwards
            flash(welcome, "success")
            return redirect(url_for("learn.curriculum"))
    return render_template("auth/signup.html", form=form), 400 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_client_address)
def login():
    next_url = request.args.get("next")
    if current_user.is_authenticated:
        return redirect(_safe_next(next_url))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(db.session, form.email.data, form.password.data)
        if user is not None:
            _start_session(user)
            return redirect(_safe_next(next_url))
        form.password.errors.append(_("That e-mail and password do not match an account."))
    status = 401 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form, next_url=next_url), status


@bp.post("/logout")
def logout():
    logout_user()
    fresh_session()
    flash(_("You are logged out."), "success")
    return redirect(url_for("learn.index"))


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_client_address)
def reset_request():
    form = ResetRequestForm()
    ttl = current_app.config["PASSWORD_RESET_TTL_S"]
    if form.validate_on_submit():
        token = start_password_reset(db.session, form.email.data, ttl)
        if token is not None:
            _send_reset_link(form.email.data, url_for("auth.reset", token=token, _external=True))
        flash(
            _(
                "If an account has that e-mail address, a reset link is on its way (in the "
                "console where the site runs)."
            )
            if _links_logged()
            else _("If an account has that e-mail address, a reset link is on its way."),
            "success",
        )
        return redirect(url_for("auth.login"))
    return render_template(
        "auth/reset_request.html",
        form=form,
        lifetime_minutes=ttl // 60,
        embedded=_links_logged(),
    )


def _links_logged() -> bool:
    """Reset links go to the log only in the embedded mode without an SMTP server."""
    return current_app.config["EMBEDDED"] and not current_app.config.get("SMTP_HOST")


def _send_reset_link(email: str, link: str) -> None:
    ttl_minutes = current_app.config["PASSWORD_RESET_TTL_S"] // 60
    smtp = SmtpSettings.from_config(current_app.config)
    if smtp is None:
        if _links_logged():  # the operator relays it (the embedded mode's console)
            current_app.logger.warning(
                "Password reset requested for %s; the link (valid %d min): %s",
                email,
                ttl_minutes,
                link,
            )
        else:
            current_app.logger.error(
                "Password reset requested for %s but no SMTP server is configured "
                "(DLGRADE_SMTP_HOST); no link was sent",
                email,
            )
        return
    body = _(
        "Someone, probably you, asked to reset the password of your dlgrade account.\n\n"
        "Open this link within %(minutes)s minutes to choose a new password (it works "
        "once):\n\n%(link)s\n\n"
        "If you did not ask for it, ignore this message: your password stays as it is.\n",
        minutes=ttl_minutes,
        link=link,
    )
    try:
        send_mail(smtp, email, _("Reset your dlgrade password"), body)
    except MailError as exc:  # the learner sees the same answer; the operator reads why
        current_app.logger.error("Password reset mail to %s not sent: %s", email, exc)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_client_address)
def reset(token: str):
    if valid_reset(db.session, token) is None:
        flash(_("This reset link is invalid or has expired; ask for a new one."), "error")
        return redirect(url_for("auth.reset_request"))
    form = ResetForm()
    if form.validate_on_submit():
        try:
            user = finish_password_reset(db.session, token, form.password.data)
        except AccountError as exc:
            flash(str(exc), "error")
            return redirect(url_for("auth.reset_request"))
        _start_session(user)
        flash(
            _("Your password is changed and you are logged in; any other session is logged out."),
            "success",
        )
        return redirect(url_for("learn.curriculum"))
    return render_template("auth/reset.html", form=form)


@bp.route("/join", methods=["GET", "POST"])
@login_required
def join():
    form = JoinForm()
    if form.validate_on_submit():
        try:
            cohort = cohort_by_code(db.session, form.code.data)
        except AccountError as exc:
            form.code.errors.append(str(exc))
        else:
            if join_cohort(db.session, current_user, cohort):
                flash(_("You joined %(cohort)s.", cohort=cohort.name), "success")
            else:
                flash(_("You are already in %(cohort)s.", cohort=cohort.name), "success")
            return redirect(url_for("auth.settings"))
    return render_template("auth/join.html", form=form), 400 if form.errors else 200


def _render_settings(
    new_token: str | None = None,
    token_form: TokenForm | None = None,
    profile_form: ProfileForm | None = None,
    password_form: PasswordForm | None = None,
):
    tokens = (
        db.session.execute(
            select(ApiToken).where(ApiToken.user_id == current_user.id).order_by(ApiToken.id)
        )
        .scalars()
        .all()
    )
    cohorts = db.session.execute(cohorts_of(current_user.id)).scalars().all()
    return render_template(
        "auth/settings.html",
        tokens=tokens,
        cohorts=cohorts,
        new_token=new_token,
        token_form=token_form or TokenForm(formdata=None),
        join_form=JoinForm(formdata=None),
        profile_form=profile_form or ProfileForm(formdata=None, name=current_user.display_name),
        password_form=password_form or PasswordForm(formdata=None),
    )


@bp.get("/settings")
@login_required
def settings():
    return _render_settings()


@bp.post("/settings/tokens")
@login_required
def create_token():
    form = TokenForm()
    if not form.validate_on_submit():
        return _render_settings(token_form=form), 400
    token = create_api_token(db.session, current_user.id, form.name.data)
    db.session.commit()
    return _render_settings(new_token=token)


@bp.post("/settings/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    row = db.session.get(ApiToken, token_id)
    if row is None or row.user_id != current_user.id:
        abort(404, description=_("You have no token with that id."))
    db.session.delete(row)
    db.session.commit()
    flash(_("The token %(name)s is revoked.", name=repr(row.name)), "success")
    return redirect(url_for("auth.settings"))


@bp.post("/settings/profile")
@login_required
def update_profile():
    form = ProfileForm()
    if form.validate_on_submit():
        try:
            rename(db.session, current_user, form.name.data)
        except AccountError as exc:
            form.name.errors.append(str(exc))
        else:
            flash(_("Your name is changed."), "success")
            return redirect(url_for("auth.settings"))
    return _render_settings(profile_form=form), 400


@bp.post("/settings/password")
@login_required
@limiter.limit(_login_limit, key_func=_client_address)
def change_password_view():
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            change_password(db.session, current_user, form.current.data, form.password.data)
        except AccountError as exc:
            form.current.errors.append(str(exc))
        else:
            _start_session(current_user._get_current_object())  # with the new session epoch
            flash(_("Your password is changed; you are logged out everywhere else."), "success")
            return redirect(url_for("auth.settings"))
    return _render_settings(password_form=form), 400
