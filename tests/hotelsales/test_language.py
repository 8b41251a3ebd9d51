from django.urls import reverse


def test_the_default_language_is_simplified_chinese(client_for):
    response = client_for("sales").get(reverse("overview:home"))
    assert '<html lang="zh-hans">' in response.content.decode()
    assert "退出" in response.content.decode()


def test_the_chosen_language_persists_across_requests(client_for):
    client = client_for("sales")
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("overview:home")})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    assert response.cookies["django_language"]["max-age"] > 60 * 60 * 24 * 365

    page = client.get(reverse("overview:home")).content.decode()
    assert '<html lang="en">' in page
    assert "Sign out" in page

    client.post(reverse("set_language"), {"language": "zh-hans", "next": reverse("overview:home")})
    assert '<html lang="zh-hans">' in client.get(reverse("overview:home")).content.decode()


def test_an_english_browser_gets_english_until_the_user_chooses(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    assert '<html lang="en">' in response.content.decode()
