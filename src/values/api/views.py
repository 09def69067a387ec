"""The person's API tokens page and the API's documentation page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from values.api.docs import reference
from values.api.forms import TokenForm
from values.api.models import ApiToken
from values.api.services import revoke_token


@never_cache  # the page shows a new token's secret once: no cache may keep it
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST if request.method == "POST" else None)
    made = None
    if request.method == "POST" and form.is_valid() and (made := form.save(request.user)):
        form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    context = {"form": form, "tokens": tokens, "made": made, "now": timezone.now()}
    status = 400 if request.method == "POST" and made is None else 200
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)  # another's token is nobody's to see
    revoke_token(token, by=request.user)
    messages.success(request, _("The token “%(name)s” is revoked: it opens nothing any more.") % {"name": token.name})
    return redirect("api_tokens")


def docs(request: HttpRequest) -> HttpResponse:
    return render(request, "api/docs.html", reference(request))
