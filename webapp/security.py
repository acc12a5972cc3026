"""Security headers and cookie policy for every response.

The Content-Security-Policy allows scripts, styles, fonts and images from this site only:
no inline script, no ``eval``, no third-party origin. KaTeX and CodeMirror set styles through
the DOM (``element.style``), which a CSP without ``'unsafe-inline'`` still allows.
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


def wants_secure_cookies(app: Flask) -> bool:
    """``Secure`` cookies when configured to, or (``auto``) when the request is HTTPS."""
    setting = str(app.config.get("SECURE_COOKIES", "auto")).lower()
    if setting in ("1", "true"):
        return True
    if setting in ("0", "false"):
        return False
    try:
        return request.is_secure
    except RuntimeError:  # outside a request
        return False


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with ``Secure`` decided per request."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return wants_secure_cookies(app)


def add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if request.endpoint and not request.endpoint.startswith("static"):
        # pages show private code and grades: never keep them in a shared cache
        response.headers.setdefault("Cache-Control", "no-store, private")
    return response


def init_app(app: Flask) -> None:
    app.session_interface = SessionInterface()
    if app.config.get("PROXY_FIX"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["PROXY_FIX"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.after_request(add_security_headers)


__all__ = ["CONTENT_SECURITY_POLICY", "SECURITY_HEADERS", "init_app"]
