"""A lead entered by sales or a manager: taken by phone, by email or otherwise, routed as web inquiries are unless
the person takes it, validated as the public form is."""

import pytest
from django.core import mail

from marketing.models import Lead
from tests.factories import LeadRouteFactory, UserFactory

pytestmark = pytest.mark.django_db

FIELDS = {"source": "phone", "kind": "meeting", "guests": "60", "contact_name": "赵磊", "mobile": "13911112222",
          "email": "zhaolei@example.com", "company": "远景咨询", "language": "zh-hans"}  # fmt: skip


def test_a_phone_lead_is_routed_as_web_inquiries_are(client_for, django_capture_on_commit_callbacks):
    meetings = UserFactory(roles=["sales"])
    LeadRouteFactory(kind="meeting", team=[meetings])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("sales").post("/marketing/leads/new/", FIELDS)
    lead = Lead.objects.get()
    assert response.status_code == 302
    assert (lead.source, lead.owner, lead.routed_by) == ("phone", meetings, "rule")
    assert lead.respond_by is not None
    assert [message.to for message in mail.outbox] == [["zhaolei@example.com"]]  # the receipt, with the reference


def test_i_take_it_makes_the_person_entering_it_the_owner(client_for, cast):
    LeadRouteFactory(team=[UserFactory(roles=["sales"])])
    client_for("manager").post("/marketing/leads/new/", {**FIELDS, "take": "on"})
    lead = Lead.objects.get()
    assert (lead.owner, lead.routed_by) == (cast["manager"], "taken")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"mobile": "", "email": ""}, "mobile"),
        ({"mobile": "call me"}, "mobile"),
        ({"source": "web"}, "source"),
        ({"guests": "100000"}, "guests"),
        ({"preferred_date": "2020-01-01"}, "preferred_date"),
        ({"preferred_date": "9999-12-31"}, "preferred_date"),
    ],
)
def test_bad_input_gets_field_errors(client_for, changes, field):
    response = client_for("sales").post("/marketing/leads/new/", {**FIELDS, **changes})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Lead.objects.exists()


def test_the_page_takes_few_queries(client_for, django_assert_max_num_queries):
    client = client_for("sales")
    with django_assert_max_num_queries(8):
        assert client.get("/marketing/leads/new/").status_code == 200


def test_the_front_desk_enters_no_lead(client_for):
    assert client_for("front_desk").post("/marketing/leads/new/", FIELDS).status_code == 403
    assert not Lead.objects.exists()
