"""Deployment checks of the sign-in protection (`values check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, register
from django.core.checks import Warning as CheckWarning

# A day's work without a request is long enough; beyond it a forgotten session stays open.
LONGEST_SENSIBLE_IDLE_MINUTES = 8 * 60


@register(Tags.security, deploy=True)
def check_sign_in_protection(app_configs, **kwargs) -> list[CheckWarning]:
    problems = []
    if not settings.REQUIRE_SECOND_FACTOR:
        problems.append(
            CheckWarning(
                "REQUIRE_SECOND_FACTOR is off: coordinators, who approve money, can sign in with a password alone.",
                hint="Unset REQUIRE_SECOND_FACTOR or set it to 1.",
                id="values.W001",
            )
        )
    if min(settings.SIGN_IN_FAILURES_PER_ACCOUNT, settings.SIGN_IN_FAILURES_PER_ADDRESS) < 1:
        problems.append(
            CheckWarning(
                "A sign-in failure limit is below 1, which refuses every sign-in.",
                hint="Set SIGN_IN_FAILURES_PER_ACCOUNT and SIGN_IN_FAILURES_PER_ADDRESS to 1 or more.",
                id="values.W002",
            )
        )
    if not 1 <= settings.SESSION_IDLE_MINUTES <= LONGEST_SENSIBLE_IDLE_MINUTES:
        problems.append(
            CheckWarning(
                f"SESSION_IDLE_MINUTES is {settings.SESSION_IDLE_MINUTES}: idle sessions should end within "
                f"{LONGEST_SENSIBLE_IDLE_MINUTES} minutes.",
                hint="Set SESSION_IDLE_MINUTES between 1 and 480.",
                id="values.W003",
            )
        )
    return problems
