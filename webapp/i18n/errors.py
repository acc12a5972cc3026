"""HTTP errors in the request's language: Werkzeug's stock texts translated, the site's own
descriptions (already translated where they are raised) passed through."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

_NAMES = {
    400: _l("Bad Request"),
    401: _l("Unauthorized"),
    403: _l("Forbidden"),
    404: _l("Not Found"),
    405: _l("Method Not Allowed"),
    409: _l("Conflict"),
    413: _l("Request Entity Too Large"),
    415: _l("Unsupported Media Type"),
    429: _l("Too Many Requests"),
    500: _l("Internal Server Error"),
    503: _l("Service Unavailable"),
}

_STOCK = {
    400: _l("The request could not be understood."),
    401: _l("You need to log in (or send a valid API token) to see this."),
    403: _l("You do not have permission to see this."),
    404: _l("There is no such page here. If you typed the address, check its spelling."),
    405: _l("This address does not accept that method."),
    409: _l("The request conflicts with the current state; reload and try again."),
    413: _l("What you sent is larger than this site accepts."),
    415: _l("This kind of content is not accepted here."),
    429: _l("Too many requests; wait a little and try again."),
    500: _l("Something went wrong on the server. Try again in a moment."),
    503: _l("The service is unavailable for a moment. Try again shortly."),
}


def error_description(error: HTTPException, *, name: bool = False) -> str:
    """The error's name (``name=True``) or description for display in the current language.

    A description the site set itself is returned as it is (it was translated where the error
    was raised); Werkzeug's stock English texts are replaced by translated ones."""
    code = error.code or 500
    if name:
        return str(_NAMES.get(code, error.name))
    stock = type(error).description
    if error.description == stock and code in _STOCK:
        return str(_STOCK[code])
    return str(error.description)


__all__ = ["error_description"]
