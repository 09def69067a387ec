"""The API's part of the account page: how many tokens are in use, and the way to them."""

from values.api.services import active_tokens


def account_tokens(context, user) -> dict:
    return {"token_count": active_tokens(user).count()}
