"""Making and removing the sample from nothing: these tests make their own, beside no module-wide sample."""

from datetime import date

import pytest
from django.core.management import call_command

from values.activities.models import Participant, Session, Visit
from values.demo.models import SampleData, SampleRecord
from values.demo.services import generate_sample, remove_sample
from values.programme.models import Programme

from .test_scenario import _counts, _document, _midway

pytestmark = pytest.mark.django_db(transaction=False)

TODAY = date(2026, 12, 1)


def test_removing_the_sample_leaves_what_the_empty_scenario_leaves():
    empty = generate_sample(_document(), scenario_name="empty", seed=1, today=TODAY)
    counts_empty = _counts()
    sample = _midway().sample

    remove_sample(sample)

    assert _counts() == counts_empty
    assert empty.programme.start == Programme.objects.get(pk=empty.programme.pk).start
    assert (SampleData.objects.count(), SampleRecord.objects.count()) == (0, 0)


def test_the_command_sets_up_the_midway_scenario_and_removes_it(capsys):
    call_command("demo", "--setup-only")

    output = capsys.readouterr().out
    assert "month 16" in output
    assert Visit.objects.count() == 16
    assert Participant.objects.exists()
    assert Session.objects.exists()

    call_command("demo", "--remove-sample")

    assert (Visit.objects.count(), SampleData.objects.count()) == (0, 0)
