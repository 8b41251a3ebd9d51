import pytest
from django.urls import reverse

from clienthistory import queries
from tests.factories import AccountFactory, ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guests():
    return {
        "wangfang": ProfileFactory(name="王芳", mobile="13800138000", email="fang.wang@example.cn"),
        "wangfanghua": ProfileFactory(name="王芳华", mobile="13900001111", email="fh@example.cn"),
        "ouyang": ProfileFactory(name="欧阳娜娜", mobile="13612345678", email="nana@example.cn"),
        "smith": ProfileFactory(name="John Smith", mobile="+8613711112222", email="john.smith@acme.com"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("王", ["王芳", "王芳华"]),
        ("芳", ["王芳", "王芳华"]),
        ("王芳", ["王芳", "王芳华"]),
        ("芳华", ["王芳华"]),
        ("娜娜", ["欧阳娜娜"]),
        ("阳娜娜", ["欧阳娜娜"]),
        ("smi", ["John Smith"]),
        ("SMITH", ["John Smith"]),
        ("n s", ["John Smith"]),
        ("0013800", ["王芳"]),
        ("8613711", ["John Smith"]),
        ("acme.com", ["John Smith"]),
        ("fang.wang@", ["王芳"]),
        ("张", []),
    ],
)
def test_profiles_are_found_by_any_part_of_name_mobile_or_email(guests, text, expected):
    assert sorted(p.name for p in queries.find_profiles(text)) == sorted(expected)


def test_names_that_start_with_the_text_come_first():
    ProfileFactory(name="李王")
    ProfileFactory(name="王丽")
    assert [p.name for p in queries.find_profiles("王")] == ["王丽", "李王"]


def test_merged_profiles_are_not_found(guests):
    ProfileFactory(name="王芳", merged_into=guests["wangfang"])
    assert [p.pk for p in queries.find_profiles("王芳") if p.name == "王芳"] == [guests["wangfang"].pk]


def test_accounts_are_found_by_partial_name_and_phone():
    AccountFactory(name="中国国际航空", phone="010-61461234")
    AccountFactory(name="南方航空", phone="020-86124738")
    assert [a.name for a in queries.find_accounts("国航")] == []
    assert [a.name for a in queries.find_accounts("航空")] == ["南方航空", "中国国际航空"]  # by pinyin
    assert [a.name for a in queries.find_accounts("6146")] == ["中国国际航空"]


def test_suggestions_come_as_you_type_within_five_queries(guests, client_for, django_assert_max_num_queries):
    AccountFactory(name="王府井百货")
    client = client_for("front_desk")
    with django_assert_max_num_queries(5):
        response = client.get(reverse("clienthistory:search"), {"q": "王"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "王府井百货" in body
    assert "王芳华" in body
    assert "<html" not in body


def test_pressing_enter_shows_a_page_of_results(guests, client_for):
    response = client_for("sales").get(reverse("clienthistory:search"), {"q": "娜娜"})
    assert "欧阳娜娜" in response.content.decode()
    assert "<html" in response.content.decode()


def test_an_empty_or_odd_query_finds_nothing_without_error(client_for):
    client = client_for("sales")
    for text in ["", "   ", "%", "_", "'; drop table x; --", "\\"]:
        response = client.get(reverse("clienthistory:search"), {"q": text}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200


def test_lookup_options_list_profiles_with_a_hint(guests, client_for):
    response = client_for("front_desk").get(reverse("clienthistory:profile-lookup"), {"q": "王芳"})
    body = response.content.decode()
    assert f'data-lookup-id="{guests["wangfang"].pk}"' in body
    assert "13800138000" in body
