"""`values check-budget`: the budget consistency report of the loaded programme."""

from django.core.management import BaseCommand, CommandError
from django.utils import timezone, translation

from values.core.database import require_migrated_database
from values.core.templatetags.values_tags import amount, percent
from values.finance.queries import budget_against_actual, budget_report
from values.programme.queries import NoProgramme, named_programme


class Command(BaseCommand):
    help = (
        "Check the budgets: partner budgets against the programme total, EU contribution plus co-financing "
        "against each total, stated rates against the amounts. Exits 2 when the figures contradict each other."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--programme", metavar="CODE", help="the programme's code (default: the loaded one)")
        parser.add_argument("--lang", default="en", help="language of the report and its numbers (en, it)")

    def handle(self, *args, programme: str | None, lang: str, **options) -> None:
        require_migrated_database()
        try:
            loaded = named_programme(programme)
        except NoProgramme as problem:
            raise CommandError(str(problem), returncode=2) from None
        with translation.override(lang):
            report = budget_report(loaded, actuals=budget_against_actual(loaded, today=timezone.localdate()))
            self._print(loaded, report)
        if report.errors:
            raise CommandError(f"{report.errors} error(s) in the budgets", returncode=2)

    def _print(self, programme, report) -> None:
        self.stdout.write(f"{programme.acronym} ({programme.code}): total cost {report.currency} "
                          f"{amount(report.total_cost)}; partner budgets {amount(report.partners_total)}")  # fmt: skip
        self.stdout.write(f"  all partners: {amount(report.partners_total)} = {amount(report.eu_contribution)} + "
                          f"{amount(report.cofinancing)} (EU {percent(report.eu_rate)})")  # fmt: skip
        for line in report.partners:
            shares = line.shares
            holds = "=" if line.identity_holds else "≠"
            stated = f", stated {percent(shares.stated_eu_rate)}" if shares.stated_eu_rate is not None else ""
            self.stdout.write(
                f"  {line.key}: {amount(shares.total)} {holds} {amount(shares.eu_contribution)} + "
                f"{amount(shares.cofinancing)} (EU {percent(shares.eu_rate)}{stated})"
            )
        for finding in report.findings:
            style = self.style.ERROR if finding.level == "error" else self.style.WARNING
            self.stdout.write(style(f"{finding.level}: {finding.message}"))
        if not report.findings:
            self.stdout.write(self.style.SUCCESS("The budgets are consistent."))
