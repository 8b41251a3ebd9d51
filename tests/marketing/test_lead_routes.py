"""Routing rules: the first active rule matching a lead's kind, size and event date sends it round its team in
turn, after the known client's account owner and before the round of all the sales staff."""

import threading
from datetime import date

import pytest
from django.db import connection

from marketing.leads.intake import receive_lead
from marketing.models import Lead
from tests.factories import AccountFactory, LeadRouteFactory, UserFactory

pytestmark = pytest.mark.django_db


def lead(**fields) -> Lead:
    fields = {"kind": "banquet", "contact_name": "李娜", "mobile": "13912345678", **fields}
    return receive_lead(lead=Lead(**fields))


@pytest.fixture
def sales():
    return UserFactory(roles=["sales"])


def test_a_rule_matches_on_kind():
    weddings = UserFactory(roles=["sales"])
    rule = LeadRouteFactory(kind="wedding", team=[weddings])
    routed = lead(kind="wedding")
    assert (routed.owner, routed.routed_by, routed.route) == (weddings, "rule", rule)
    assert lead(kind="meeting", mobile="13900000001").routed_by == "turn"


def test_a_rule_matches_on_size_between_its_bounds():
    big = UserFactory(roles=["sales"])
    LeadRouteFactory(measure="tables", min_size=30, max_size=80, team=[big])
    assert lead(tables=30).owner == big
    assert lead(tables=81, mobile="13900000001").routed_by == "turn"
    assert lead(tables=None, mobile="13900000002").routed_by == "turn"  # a lead without its size matches no size rule


def test_a_rule_matches_on_the_event_date():
    season = UserFactory(roles=["sales"])
    LeadRouteFactory(date_from=date(2027, 5, 1), date_until=date(2027, 5, 31), team=[season])
    assert lead(preferred_date=date(2027, 5, 20)).owner == season
    assert lead(preferred_date=date(2027, 6, 1), mobile="13900000001").routed_by == "turn"


def test_the_first_matching_active_rule_in_order_decides(sales):
    first, second = UserFactory(roles=["sales"]), UserFactory(roles=["sales"])
    LeadRouteFactory(position=1, kind="banquet", active=False, team=[sales])
    LeadRouteFactory(position=5, kind="banquet", team=[second])
    LeadRouteFactory(position=2, team=[first])
    assert lead().owner == first


def test_the_account_owner_comes_before_any_rule():
    owner, other = UserFactory(roles=["sales"]), UserFactory(roles=["sales"])
    AccountFactory(owner=owner, name="蓝海科技有限公司")
    LeadRouteFactory(team=[other])
    routed = lead(company="蓝海科技有限公司")
    assert (routed.owner, routed.routed_by) == (owner, "account_owner")


def test_a_team_takes_its_leads_in_turn_and_someone_gone_is_skipped(sales):
    first, second = UserFactory(roles=["sales"]), UserFactory(roles=["manager"])
    gone = UserFactory(roles=["sales"], is_active=False)
    LeadRouteFactory(kind="wedding", team=[first, second, gone])
    owners = [lead(kind="wedding", mobile=f"1370000000{n}").owner for n in range(4)]
    assert owners == [first, second, first, second]


def test_a_rule_whose_team_has_left_passes_to_the_general_turn(sales):
    LeadRouteFactory(team=[UserFactory(roles=["sales"], is_active=False)])
    assert lead().routed_by == "turn"


@pytest.mark.django_db(transaction=True)
def test_two_leads_at_once_go_to_the_two_people_of_a_team():
    team = [UserFactory(roles=["sales"]), UserFactory(roles=["sales"])]
    LeadRouteFactory(team=team)
    barrier = threading.Barrier(2)
    errors = []

    def arrive(mobile):
        try:
            barrier.wait()
            lead(mobile=mobile)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=arrive, args=(f"1370000000{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(Lead.objects.values_list("owner", flat=True)) == sorted(user.pk for user in team)


def test_the_rule_refuses_bounds_the_wrong_way_round():
    from django.core.exceptions import ValidationError

    rule = LeadRouteFactory.build(measure="guests", min_size=100, max_size=50, date_from=date(2027, 2, 1),
                                  date_until=date(2027, 1, 1))  # fmt: skip
    with pytest.raises(ValidationError) as refusal:
        rule.full_clean()
    assert set(refusal.value.message_dict) >= {"max_size", "date_until"}
