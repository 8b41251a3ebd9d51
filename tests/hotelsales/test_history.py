import pytest
from django.utils import translation

from hotelsales.history import history_entries
from tests.factories import AccountFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_entries_show_who_changed_which_field_from_what_to_what():
    first, second = UserFactory(first_name="王芳"), UserFactory(first_name="张伟")
    account = AccountFactory(name="旧名称", status="prospect", owner=first)
    account.name, account.status, account.owner = "新名称", "active", second
    account._history_user = second
    account.save()

    with translation.override("en"):
        entries = history_entries(account)

    assert [entry.kind for entry in entries] == ["Changed", "Created"]
    assert entries[0].who == "张伟"
    changes = {change.field: (change.old, change.new) for change in entries[0].changes}
    assert changes == {
        "name": ("旧名称", "新名称"),
        "status": ("Prospect", "Active"),
        "owner": (str(first), str(second)),
    }


@pytest.mark.parametrize("edits", [2, 30])
def test_the_number_of_queries_does_not_grow_with_the_history(edits, django_assert_num_queries):
    owners = UserFactory.create_batch(3)
    account = AccountFactory()
    for number in range(edits):
        account.owner = owners[number % 3]
        account.save()
    with django_assert_num_queries(2):
        history_entries(account)


def test_related_objects_are_read_only_when_a_change_shown_names_them(django_assert_num_queries):
    account = AccountFactory(name="旧名称")
    account.name = "新名称"
    account.save()
    with django_assert_num_queries(1):  # the records and their users: the owner never changed
        history_entries(account)
