"""Demo accounts, one per role, for `values demo`: known passwords, printed at start-up."""

from dataclasses import dataclass

from django.db import transaction

from values.network.enums import Role
from values.network.models import Organisation, User
from values.network.services import create_account
from values.programme.models import Programme
from values.programme.services import grant_role


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: Role
    organisation_key: str
    first_name: str
    last_name: str


# The coordinator works at the network that coordinates; the city staff at Cesena (the seed's
# city) and at Riga; the expert and the volunteer leader at the European Volunteer Centre.
DEMO_ACCOUNTS = (
    DemoAccount("coordinator", "values-coordinator", Role.COORDINATOR, "eurocities", "Claire", "Dubois"),
    DemoAccount("expert", "values-expert", Role.EXPERT, "evc", "Jonas", "Verhoeven"),
    DemoAccount("cesena", "values-cesena", Role.CITY_STAFF, "cesena", "Giulia", "Bertozzi"),
    DemoAccount("riga", "values-riga", Role.CITY_STAFF, "riga", "Ilze", "Kalniņa"),
    DemoAccount("volunteer-leader", "values-volunteer-leader", Role.VOLUNTEER_LEADER, "evc", "Marta", "Nowak"),
)


@transaction.atomic
def ensure_demo_accounts(programme: Programme) -> list[DemoAccount]:
    """Create the demo accounts that are missing, reset their passwords to the known ones, and give each its role
    in the programme."""
    created = []
    for account in DEMO_ACCOUNTS:
        organisation = Organisation.objects.filter(
            key=account.organisation_key, partnerships__programme=programme
        ).first()
        if organisation is None:
            continue
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = create_account(
                username=account.username,
                email=f"{account.username}@demo.invalid",
                password=account.password,
                first_name=account.first_name,
                last_name=account.last_name,
            )
        else:
            user.set_password(account.password)
            user.first_name, user.last_name = account.first_name, account.last_name
            user.save(update_fields=["password", "first_name", "last_name"])
        grant_role(user, programme=programme, organisation=organisation, role=account.role)
        created.append(account)
    return created
