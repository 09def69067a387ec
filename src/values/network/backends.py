"""Password sign-in with the throttle in front: every path that authenticates a request passes it."""

import logging
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from values.core.http import client_address
from values.network.enums import AuditAction
from values.network.models import User
from values.network.services import record_audit
from values.network.throttle import account_key, sign_in_wait

logger = logging.getLogger(__name__)


class ThrottledModelBackend(ModelBackend):
    """Django's user-name-and-password check, refused outright past the failure limits."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        if request is None or username is None:
            return super().authenticate(request, username=username, password=password, **kwargs)
        address = client_address(request)
        name = account_key(username)
        if sign_in_wait(username, address):
            record_audit(AuditAction.SIGN_IN_THROTTLED, actor_name=name, address=address)
            logger.warning("Sign-in for %r from %s refused: too many failures", name, address)
            raise PermissionDenied  # authenticate() stops here: the password is not even checked
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_audit(AuditAction.SIGN_IN_FAILED, actor_name=name, address=address)
        return user
