"""The site's languages (Flask-Babel): which one a request is served in, and the switcher.

The language of a request is, in order: the signed-in user's setting (``users.locale``), the
choice made with the switcher (kept in the session, so it works signed out too), the browser's
``Accept-Language``, else the instance default ``DLGRADE_DEFAULT_LOCALE``. The JSON API
(``/api/v1``, used by the command line, which sends its ``--lang`` as ``Accept-Language``)
puts the request's ``Accept-Language`` first, then the token owner's setting. The catalogues live
in ``webapp/translations/`` (``pybabel extract/update/compile``, see ``babel.cfg``); the
compiled ``.mo`` files are committed and ``tests/webapp/test_i18n_catalogue.py`` proves they
match their ``.po``.
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale
from babel.support import NullTranslations
from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    g,
    has_app_context,
    has_request_context,
    redirect,
    request,
    session,
    url_for,
)
from flask_babel import Babel, get_locale, get_translations, gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from grader.settings import LOCALES

SESSION_KEY = "locale"
LANGUAGE_NAMES = {"en": "English", "ko": "한국어"}
TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"

ROLE_LABELS = {"learner": _l("learner"), "instructor": _l("instructor"), "admin": _l("admin")}


def N_(message: str) -> str:  # noqa: N802 (the name gettext tools look for)
    """Mark ``message`` for extraction only; it is translated where it is shown."""
    return message


STATUS_LABELS = {
    "not_started": N_("not started"),
    "attempted": N_("attempted"),
    "passed": N_("passed"),
    "failed": N_("failed"),
    "partial": N_("partial"),
    "queued": N_("queued"),
    "running": N_("running"),
    "graded": N_("graded"),
    "error": N_("error"),
    "rejected": N_("rejected"),
    "memory": N_("out of memory"),
    "timeout": N_("timed out"),
}

bp = Blueprint("i18n", __name__)
babel = Babel()


def _default_locale() -> str:
    settings = current_app.config.get("DLGRADE_SETTINGS")
    return getattr(settings, "default_locale", None) or "en"


def select_locale() -> str:
    """The language of the current request (see the module's docstring for the order)."""
    if not has_request_context():
        return _default_locale()
    if request.blueprint == "api":
        asked = request.accept_languages.best_match(LOCALES)
        owner = getattr(g.get("api_user"), "locale", None)
        return asked or (owner if owner in LOCALES else None) or _default_locale()
    user_locale = getattr(current_user, "locale", None) if current_user else None
    if user_locale in LOCALES:
        return user_locale
    chosen = session.get(SESSION_KEY)
    if chosen in LOCALES:
        return chosen
    return request.accept_languages.best_match(LOCALES) or _default_locale()


def current_language() -> str:
    """``"en"`` or ``"ko"``: the language the current request is served in."""
    locale = request_locale()
    return locale.language if locale is not None else "en"


def request_locale() -> Locale | None:
    """The request's locale (Flask-Babel's), looked up once per request and kept on ``g``;
    the site never switches locale within a request, so a ``force_locale`` is not followed."""
    if not has_app_context():
        return get_locale()
    locale = g.get("_dlgrade_locale")
    if locale is None:
        locale = g._dlgrade_locale = get_locale()
    return locale


def fresh_session() -> None:
    """Clear the session (log-in, log-out) but keep the language chosen with the switcher."""
    language = session.get(SESSION_KEY)
    session.clear()
    if language in LOCALES:
        session[SESSION_KEY] = language


@bp.post("/language")
def switch_language():
    """The switcher: remember ``language`` (session, and the user's setting when signed in)
    and go back to ``next`` (a path on this site) or the home page."""
    from webapp.extensions import db

    language = request.form.get("language", "")
    if language in LOCALES:
        session[SESSION_KEY] = language
        if current_user.is_authenticated:
            current_user.locale = language
            db.session.commit()
    target = request.form.get("next", "")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = url_for("learn.index")
    return redirect(target)


def role_label(role: str) -> str:
    """A user role's name in the current language."""
    return str(ROLE_LABELS.get(role, role))


def status_label(status: str) -> str:
    """A progress or submission status ("passed", "queued", ...) in the current language."""
    message = STATUS_LABELS.get(status)
    return request_translations().ugettext(message) if message else status.replace("_", " ")


def _exercise_title(exercise_id: str, default: str) -> str:
    from webapp.content import exercise_title

    return exercise_title(exercise_id, default, current_language())


def _module_title(slug: str, default: str) -> str:
    from webapp.content import module_title

    return module_title(slug, default, current_language())


@bp.post("/settings/language")
def set_user_language():
    """The account settings' choice: a language, or "" for the browser's (Accept-Language)."""
    from webapp.extensions import db

    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=url_for("auth.settings")))
    language = request.form.get("language", "")
    current_user.locale = language if language in LOCALES else None
    if language in LOCALES:
        session[SESSION_KEY] = language
    else:
        session.pop(SESSION_KEY, None)
    db.session.commit()
    flash(gettext("Your language is saved."), "success")
    return redirect(url_for("auth.settings", _anchor="language"))


def validation_text(message: str | None) -> str | None:
    """An exercise's stored validation status in the current language (fixed catalogue
    texts translate; an instructor's validation report is shown as written)."""
    from grader.core.messages import localize_fixed

    return localize_fixed(message, current_language())


def describe_policy(policy) -> str:
    """A learner's late policy (``grader.store.late_policy.LatePolicy``) in words, in the
    current language: "10 % of the maximum score per day late"."""
    if not policy.penalises:
        return gettext("no penalty for late work")
    percent = format(policy.penalty_per_day * 100, "g")
    return gettext("%(percent)s %% of the maximum score per day late", percent=percent)


def request_translations() -> NullTranslations:
    """The request's catalogue, looked up once per request and kept on ``g``.

    Flask-Babel's own template callables look the catalogue up again for every string, through
    several context lookups each; a page of 58 exercises renders some 800 strings. The locale
    of a request is chosen once (``select_locale``) and never changes within it, so the cached
    catalogue is the one Flask-Babel would return."""
    if not has_app_context():
        return get_translations()
    translations = g.get("_dlgrade_translations")
    if translations is None:
        translations = g._dlgrade_translations = get_translations()
    return translations


def init_app(app: Flask) -> None:
    """Wire Flask-Babel and the switcher into ``app``."""
    babel.init_app(
        app,
        default_locale=app.config.get("DLGRADE_SETTINGS").default_locale
        if app.config.get("DLGRADE_SETTINGS") is not None
        else "en",
        default_translation_directories=str(TRANSLATIONS),
        locale_selector=select_locale,
    )
    app.register_blueprint(bp)
    app.jinja_env.install_gettext_callables(
        gettext=lambda text: request_translations().ugettext(text),
        ngettext=lambda singular, plural, n: request_translations().ungettext(singular, plural, n),
        pgettext=lambda context, text: request_translations().upgettext(context, text),
        npgettext=lambda context, singular, plural, n: request_translations().unpgettext(
            context, singular, plural, n
        ),
        newstyle=True,
    )
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["language_names"] = LANGUAGE_NAMES
    app.jinja_env.globals["role_label"] = role_label
    app.jinja_env.globals["describe_policy"] = describe_policy
    app.jinja_env.globals["status_label"] = status_label
    app.jinja_env.globals["validation_text"] = validation_text
    app.jinja_env.globals["exercise_title"] = _exercise_title
    app.jinja_env.globals["module_title"] = _module_title


__all__ = [
    "LANGUAGE_NAMES",
    "bp",
    "current_language",
    "fresh_session",
    "init_app",
    "request_locale",
    "request_translations",
    "select_locale",
    "status_label",
]
