"""The routing rules' pages: sales read them, managers set them; bounds the wrong way round are field errors."""

import pytest

from marketing.models import LeadRoute
from tests.factories import LeadRouteFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_manager_sets_a_rule_for_a_team(client_for, cast):
    team = [cast["sales"].pk, cast["manager"].pk]
    data = {"name": "大型婚宴", "position": "1", "active": "on", "kind": "wedding", "measure": "tables",
            "min_size": "30", "max_size": "", "date_from": "", "date_until": "", "team": team}  # fmt: skip
    response = client_for("manager").post("/marketing/leads/routes/new/", data)
    assert response.status_code == 302
    rule = LeadRoute.objects.get()
    assert (rule.kind, rule.measure, rule.min_size, rule.max_size) == ("wedding", "tables", 30, None)
    assert set(rule.team.values_list("pk", flat=True)) == set(team)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"measure": "guests", "min_size": "100", "max_size": "50"}, "max_size"),
        ({"measure": "", "min_size": "10"}, "measure"),
        ({"measure": "rooms"}, "min_size"),
        ({"date_from": "2027-05-31", "date_until": "2027-05-01"}, "date_until"),
        ({"min_size": "999999", "measure": "guests"}, "min_size"),
        ({"team": []}, "team"),
    ],
)
def test_bad_rules_get_field_errors(client_for, cast, changes, field):
    data = {"name": "规则", "position": "1", "team": [cast["sales"].pk], **changes}
    response = client_for("manager").post("/marketing/leads/routes/new/", data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not LeadRoute.objects.exists()


def test_a_manager_edits_a_rule(client_for, cast):
    rule = LeadRouteFactory(team=[cast["sales"]])
    data = {"name": "会议", "position": "3", "kind": "meeting", "team": [cast["manager"].pk]}
    assert client_for("manager").post(f"/marketing/leads/routes/{rule.pk}/edit/", data).status_code == 302
    rule.refresh_from_db()
    assert (rule.name, rule.active, list(rule.team.all())) == ("会议", False, [cast["manager"]])


def test_the_list_takes_a_flat_number_of_queries(client_for, django_assert_max_num_queries):
    for _ in range(10):
        LeadRouteFactory(team=UserFactory.create_batch(3, roles=["sales"]))
    client = client_for("sales")
    with django_assert_max_num_queries(8):
        response = client.get("/marketing/leads/routes/")
    assert len(response.context["routes"]) == 10
    assert b"/marketing/leads/routes/new/" not in response.content  # sales read the rules, managers set them


def test_the_lead_page_says_which_rule_routed_it(client_for):
    from marketing.leads.intake import receive_lead
    from marketing.models import Lead

    LeadRouteFactory(name="婚宴组", team=[UserFactory(roles=["sales"])])
    lead = receive_lead(lead=Lead(kind="wedding", contact_name="李娜", mobile="13912345678"))
    response = client_for("sales").get(f"/marketing/leads/{lead.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "rule “婚宴组”" in response.content.decode()
