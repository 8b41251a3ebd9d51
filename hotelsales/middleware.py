import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connection
from django.utils.cache import patch_cache_control


class ServerTimingMiddleware:
    """Report each response's server time, the part of it spent in SQL, and its query count in headers (switched by
    SERVER_TIMING): `Server-Timing: app;dur=…, sql;dur=…` and `X-Query-Count`."""

    def __init__(self, get_response):
        if not settings.SERVER_TIMING:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        queries = 0
        in_sql = 0.0

        def timed(execute, sql, params, many, context):
            nonlocal queries, in_sql
            queries += 1
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                in_sql += time.perf_counter() - started

        started = time.perf_counter()
        with connection.execute_wrapper(timed):
            response = self.get_response(request)
        elapsed = time.perf_counter() - started
        response["Server-Timing"] = f"app;dur={elapsed * 1000:.2f}, sql;dur={in_sql * 1000:.2f}"
        response["X-Query-Count"] = str(queries)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy (CONTENT_SECURITY_POLICY) on every response but PDFs: Chrome shows a PDF in a viewer that
    the policy's object-src 'none' would block (crbug.com/271452), and a PDF runs no page script to restrict."""

    def process_response(self, request, response):
        if response.get("Content-Type", "").startswith("application/pdf"):
            return response
        return super().process_response(request, response)


class PermissionsPolicyMiddleware:
    """Switch off the browser features the app never uses, so no page (nor a script that got into one) can ask for
    the camera, the microphone, the location, payments or devices on a shared front-desk PC."""

    POLICY = ", ".join(
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "autoplay",
            "camera",
            "display-capture",
            "geolocation",
            "gyroscope",
            "hid",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "serial",
            "usb",
        )
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.POLICY)
        return response


class PrivateResponsesMiddleware:
    """Nothing shown to a signed-in user is kept, by the browser or by a proxy: front-desk PCs are shared, and after
    sign-out the Back button must ask the app again (which asks for a sign-in) instead of showing the last clerk's
    guests from the cache. This covers every page, fragment, export, PDF and the privacy export; static files (served
    by WhiteNoise before this runs) and anonymous answers keep their own headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
