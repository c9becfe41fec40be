"""Plain ASGI middleware (cheaper than Starlette's BaseHTTPMiddleware): size limits and security headers."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response

__all__ = ["LimitsMiddleware", "SecurityHeadersMiddleware"]

_COMMON_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]
_NON_HTML_CSP = b"default-src 'none'; frame-ancestors 'none'"


class SecurityHeadersMiddleware:
    """Adds the security headers to every response; HTML responses get the configured CSP."""

    def __init__(self, app: ASGIApp, *, csp: str) -> None:
        self.app = app
        self.csp = csp.encode("latin-1")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                present = {k.lower() for k, _ in headers}
                csp = self.csp if content_type.startswith(b"text/html") else _NON_HTML_CSP
                extra = [*_COMMON_HEADERS, (b"content-security-policy", csp)]
                headers.extend((k, v) for k, v in extra if k not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class LimitsMiddleware:
    """Refuses long query strings (414) and large bodies (413), by declared length or as they stream in."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int, max_query_bytes: int) -> None:
        self.app = app
        self.max_body = max_body_bytes
        self.max_query = max_query_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > self.max_query:
            await self._refuse(
                scope, receive, send, 414, f"The query string is longer than {self.max_query} bytes."
            )
            return
        declared = next((v for k, v in scope.get("headers", []) if k == b"content-length"), None)
        if declared is not None:
            if not declared.isdigit():
                await self._refuse(scope, receive, send, 400, "The Content-Length header is not a number.")
                return
            if int(declared) > self.max_body:
                await self._refuse(scope, receive, send, 413, self._too_large())
                return

        received = 0
        exceeded = False
        responded = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    exceeded = True
                    raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal responded
            if exceeded:  # whatever the app made of the interrupted body, the answer is 413
                if not responded:
                    responded = True
                    await error_response(413, "payload_too_large", self._too_large())(scope, _nothing, send)
                return
            responded = message["type"] == "http.response.start" or responded
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except _BodyTooLarge:
            if not responded:
                await error_response(413, "payload_too_large", self._too_large())(scope, _nothing, send)

    def _too_large(self) -> str:
        return f"The request body is larger than {self.max_body} bytes."

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, message: str) -> None:
        code = {400: "bad_request", 413: "payload_too_large", 414: "uri_too_long"}[status]
        await error_response(status, code, message)(scope, receive, send)


class _BodyTooLarge(Exception):
    pass


async def _nothing() -> Message:
    return {"type": "http.disconnect"}
