"""Scores and statuses as HTML, for the templates: the score that counts, with the raw score
and the late penalty or the instructor's hand beside it, and a status badge.

Written in Python rather than as Jinja macros because a learner's pages call them for every
exercise (the curriculum map: some 200 calls), and a macro call costs about ten times a
function call. The texts are the site's catalogue strings, formatted as Jinja's newstyle
gettext formats them: the translation is markup, the values are escaped.
"""

from __future__ import annotations

from markupsafe import Markup

from webapp.i18n import request_translations, status_label
from webapp.i18n.formatting import format_number


def gettext(message: str, **variables: object) -> Markup:
    """``message`` in the request's language, ``%(name)s`` filled with escaped values."""
    return Markup(request_translations().ugettext(message)) % variables


def ngettext(singular: str, plural: str, num: int, **variables: object) -> Markup:
    """The singular or plural of a message for ``num`` (also ``%(num)d``), as :func:`gettext`."""
    variables.setdefault("num", num)
    return Markup(request_translations().ungettext(singular, plural, num)) % variables


def score_text(score: float | None, max_score: float | None) -> str:
    """``"3.5 / 4"`` in the locale's digits; ``"—"`` when there is no score."""
    if score is None:
        return "—"
    return f"{format_number(score)} / {format_number(max_score)}"


def status_badge(status: str) -> Markup:
    """A coloured badge naming a progress or submission status."""
    css = status.replace("_", "-")
    return Markup('<span class="badge {}">{}</span>').format(css, status_label(status))


def counted_score(
    score: float | None,
    raw: float | None,
    max_score: float | None,
    late_days: int | None,
    set_by_hand: bool = False,
    graded: bool = True,
) -> Markup:
    """The score that counts; beside it the graded score when an instructor set it by hand
    (or that nothing was graded), else the raw score and the penalty when lateness took
    points."""
    if score is None:
        return Markup("—")
    if not graded:
        text = score_text(score, max_score) if max_score else format_number(score)
        return Markup(
            '<span data-testid="counted-score">{}</span>'
            ' <span class="penalty" data-testid="set-by-hand">{}</span>'
        ).format(text, gettext("(set by your instructor; not graded)"))
    shown = Markup('<span data-testid="counted-score">{}</span>').format(
        score_text(score, max_score)
    )
    if set_by_hand:
        note = gettext("(set by your instructor; graded %(raw)s)", raw=score_text(raw, max_score))
        return shown + Markup(' <span class="penalty" data-testid="set-by-hand">{}</span>').format(
            note
        )
    if raw is not None and raw - score > 0.00001:
        note = ngettext(
            "(raw %(raw)s, −%(penalty)s late penalty, %(num)d day late)",
            "(raw %(raw)s, −%(penalty)s late penalty, %(num)d days late)",
            late_days or 0,
            raw=score_text(raw, max_score),
            penalty=format_number(raw - score),
        )
        return shown + Markup(' <span class="penalty" data-testid="late-penalty">{}</span>').format(
            note
        )
    return shown


def register(env) -> None:
    """Make the helpers template globals."""
    env.globals.update(
        score_text=score_text, status_badge=status_badge, counted_score=counted_score
    )


__all__ = ["counted_score", "register", "score_text", "status_badge"]
