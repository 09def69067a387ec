import time
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from values.core.http import client_address
from values.core.languages import in_language, interface_language
from values.network.enums import AuditAction
from values.network.forms import SecondFactorForm, SignInForm
from values.network.models import RecoveryCodeDevice, User
from values.network.permissions import can_disable_second_factor, can_read_audit_log, requires_second_factor
from values.network.queries import AUDIT_PAGE_SIZE, AuditFilter, audit_entries
from values.network.services import record_audit, remember_language
from values.network.two_factor import (
    SecondFactorError,
    authenticator_setup,
    confirm_authenticator,
    disable_second_factor,
    has_second_factor,
    qr_code_svg,
    remaining_recovery_codes,
    renew_recovery_codes,
    secret_for_typing,
    verify_second_factor,
)

# A password that was right waits this long in the session for its second factor.
PENDING_SIGN_IN_SECONDS = 300
_PENDING = "pending_sign_in"
_FACTOR_NAMES = {TOTPDevice: "authenticator", RecoveryCodeDevice: "recovery code"}


@login_required
def account(request: HttpRequest) -> HttpResponse:
    context = {
        "has_second_factor": has_second_factor(request.user),
        "can_read_audit_log": can_read_audit_log(request.user),
    }
    return render(request, "network/account.html", context)


class SignInView(auth_views.LoginView):
    """The password step; with a second factor set up or required, the sign-in completes on the next page."""

    form_class = SignInForm
    redirect_authenticated_user = True

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            # "Sign in" followed from the sign-in page itself would redirect to itself.
            target = self.get_success_url()
            return HttpResponseRedirect(target if target != request.path else resolve_url("programmes"))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: SignInForm) -> HttpResponse:
        user = form.get_user()
        if not (has_second_factor(user) or requires_second_factor(user)):
            return _complete_sign_in(self.request, user, None, self.get_success_url())
        self.request.session.cycle_key()
        self.request.session[_PENDING] = {"user": user.pk, "backend": user.backend, "since": time.time()}
        step = "login_verify" if has_second_factor(user) else "two_factor_setup"
        return redirect(_with_next(reverse(step), self.get_redirect_url()))

    def form_invalid(self, form: SignInForm) -> HttpResponse:
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = 429
        return response


@login_not_required
@never_cache
def sign_in_verify(request: HttpRequest) -> HttpResponse:
    """The second step: a code from the authenticator app, or a recovery code."""
    user = _user_to_verify(request)
    if user is None or not has_second_factor(user):
        return redirect("login")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = verify_second_factor(user, form.cleaned_data["code"], address=client_address(request))
        if device is not None:
            return _complete_sign_in(request, user, device, _safe_next(request))
        form.add_error("code", _("That code is not right. Type the code your app shows now, or a recovery code."))
    return render(request, "network/sign_in_verify.html", {"form": form, "next": _safe_next(request)})


@login_not_required
@never_cache
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator: scan, type a code, keep the recovery codes."""
    user = _user_setting_up(request)
    if user is None:
        step = "login_verify" if request.user.is_authenticated else "login"
        return redirect(_with_next(reverse(step), _safe_next(request)))
    device = authenticator_setup(user)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = confirm_authenticator(user, device, form.cleaned_data["code"])
        except SecondFactorError as refusal:
            form.add_error("code", str(refusal))
        else:
            confirmed = TOTPDevice.objects.get(pk=device.pk)
            if not request.user.is_authenticated:
                _complete_sign_in(request, user, confirmed, "")
            else:
                otp_login(request, confirmed)
            return _recovery_codes_page(request, codes)
    context = {
        "form": form,
        "qr_code": qr_code_svg(device),
        "secret": secret_for_typing(device),
        "required": requires_second_factor(user),
        "next": _safe_next(request),
    }
    return render(request, "network/two_factor_setup.html", context)


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """The person's two-factor sign-in: whether it is on, how many recovery codes are left."""
    context = {
        "enabled": has_second_factor(request.user),
        "required": requires_second_factor(request.user),
        "can_disable": can_disable_second_factor(request.user),
        "codes_left": remaining_recovery_codes(request.user),
    }
    return render(request, "network/two_factor.html", context)


@login_required
@require_POST
def recovery_codes_renew(request: HttpRequest) -> HttpResponse:
    try:
        codes = renew_recovery_codes(request.user)
    except SecondFactorError as refusal:
        messages.error(request, str(refusal))
        return redirect("two_factor")
    return _recovery_codes_page(request, codes)


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    if not can_disable_second_factor(request.user):
        messages.error(request, _("Your role requires two-factor sign-in: it cannot be turned off."))
        return redirect("two_factor")
    disable_second_factor(request.user, by=request.user)
    messages.success(request, _("Two-factor sign-in is off."))
    return redirect("two_factor")


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not can_read_audit_log(request.user):
        raise PermissionDenied
    filters = AuditFilter.from_query(request.GET)
    page = Paginator(audit_entries(filters), AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "filters": filters, "actions": AuditAction.choices, "query": filters.as_query()}
    return render(request, "network/audit_log.html", context)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        record_audit(AuditAction.PASSWORD_CHANGED, by=form.user, address=client_address(self.request))
        return response


def _recovery_codes_page(request: HttpRequest, codes: list[str]) -> HttpResponse:
    """Shown once, never stored: only their digests are kept."""
    return render(request, "network/recovery_codes.html", {"codes": codes, "next": _safe_next(request)})


def _user_to_verify(request: HttpRequest) -> User | None:
    """Whoever is between the password and the second factor: a pending sign-in, or an unverified session."""
    if request.user.is_authenticated:
        return None if request.user.is_verified() else request.user
    return _pending_user(request)


def _user_setting_up(request: HttpRequest) -> User | None:
    """Who may set up an authenticator here: never someone who has one but has not typed its code."""
    if request.user.is_authenticated:
        user = request.user
        return user if user.is_verified() or not has_second_factor(user) else None
    user = _pending_user(request)
    return user if user is not None and not has_second_factor(user) else None


def _pending_user(request: HttpRequest) -> User | None:
    pending = request.session.get(_PENDING)
    if not pending or time.time() - pending["since"] > PENDING_SIGN_IN_SECONDS:
        request.session.pop(_PENDING, None)
        return None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    if user is not None:
        user.backend = pending["backend"]
    return user


def _complete_sign_in(request: HttpRequest, user: User, device: Device | None, next_url: str) -> HttpResponse:
    request.session.pop(_PENDING, None)
    if not request.user.is_authenticated:
        auth_login(request, user, backend=getattr(user, "backend", None) or request.session.get(BACKEND_SESSION_KEY))
    if device is not None:
        otp_login(request, device)
    record_audit(
        AuditAction.SIGN_IN,
        by=user,
        address=client_address(request),
        detail={"second_factor": _FACTOR_NAMES.get(type(device), "")},
    )
    # The language the person chose opens; someone who chose none keeps reading in the one they signed in with
    # (their city's language is the default of what is written to them: network.services.language_of).
    language = interface_language(user.language) or get_language()
    response = HttpResponseRedirect(in_language(next_url or resolve_url(settings.LOGIN_REDIRECT_URL), language))
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
    return response


@require_POST
@login_not_required
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, which also remembers the choice of a signed-in person."""
    response = django_set_language(request)
    if request.user.is_authenticated:
        remember_language(request.user, request.POST.get("language"))
    return response


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else ""


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url
