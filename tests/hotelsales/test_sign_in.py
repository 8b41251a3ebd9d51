from django.urls import reverse

from tests.factories import TEST_PASSWORD


def sign_in(client, username, password, forwarded_for=None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else None
    return client.post(reverse("login"), {"username": username, "password": password}, headers=headers)


def test_a_user_signs_in_and_lands_on_the_home_page(client, cast):
    response = sign_in(client, "sales-user", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("overview:home")


def test_a_wrong_password_shows_the_form_again_with_an_error(client, cast):
    response = sign_in(
        client,
        "sales-user",
        "wrong",
    )
    assert response.status_code == 200
    assert response.context["form"].errors


def test_sign_in_locks_after_repeated_failures(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "sales-user", "wrong")
    response = sign_in(client, "sales-user", TEST_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_other_users_are_not_locked_by_someone_elses_failures(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "sales-user", "wrong")
    assert sign_in(client, "manager-user", TEST_PASSWORD).status_code == 302


def test_behind_the_proxy_a_lockout_holds_the_attackers_address_and_not_the_user(client, cast, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for attempt in range(settings.AXES_FAILURE_LIMIT):  # whatever the attacker writes in front of the proxy's entry
        sign_in(client, "sales-user", "wrong", forwarded_for=f"10.0.0.{attempt}, 203.0.113.7")
    assert sign_in(client, "sales-user", TEST_PASSWORD, forwarded_for="203.0.113.7").status_code == 429
    assert sign_in(client, "sales-user", TEST_PASSWORD, forwarded_for="198.51.100.2").status_code == 302


def test_behind_the_proxy_a_forwarded_entry_that_is_no_address_counts_as_the_proxys(client, cast, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "sales-user", "wrong", forwarded_for="unknown\x00")
    assert sign_in(client, "sales-user", TEST_PASSWORD).status_code == 429


def test_without_a_proxy_a_forwarded_address_does_not_escape_the_lockout(client, cast, settings):
    assert settings.TRUSTED_PROXY_COUNT == 0
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "sales-user", "wrong", forwarded_for="203.0.113.7")
    assert sign_in(client, "sales-user", TEST_PASSWORD, forwarded_for="198.51.100.2").status_code == 429


def test_sign_out_ends_the_session(client_for):
    client = client_for("sales")
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("overview:home")).status_code == 302


def test_a_user_changes_their_password(client_for, cast):
    client = client_for("sales")
    response = client.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "a-new-long-passphrase",
            "new_password2": "a-new-long-passphrase",
        },
    )
    assert response.status_code == 302
    cast["sales"].refresh_from_db()
    assert cast["sales"].check_password("a-new-long-passphrase")


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from hotelsales import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
