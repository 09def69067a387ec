from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from values.network.queries import memberships_of


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "network/account.html", {"memberships": memberships_of(request.user)})
