"""Likely duplicates are kept as pairs instead of being looked for on every view of the list: comparing every
profile's mobile, email and name with the others' grows with the files, reading one profile's matches through
the indexes does not.

PostgreSQL keeps the pairs right, as it keeps the VIP rank (0004): whenever a profile is inserted or its name,
mobile, email, account, merge or anonymisation changes, its pairs are found again, so every way a profile is
written (forms, imports and the demo's bulk inserts, merges, erasure, the admin) is covered. A deleted profile's
pairs go with it (Django's cascade). Two people saving the same new person at the same moment may each miss the
other's uncommitted row; the pair appears with the next change to either profile.
"""

import django.db.models.deletion
from django.db import migrations, models

FUNCTIONS = """
CREATE FUNCTION clienthistory_find_duplicates(profile_id bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    profile clienthistory_profile;
BEGIN
    DELETE FROM clienthistory_duplicatecandidate WHERE profile_a_id = profile_id OR profile_b_id = profile_id;
    SELECT * INTO profile FROM clienthistory_profile WHERE id = profile_id;
    -- Merged profiles are history; anonymised ones share a made-up name and nothing else.
    IF NOT FOUND OR profile.merged_into_id IS NOT NULL OR profile.anonymised_at IS NOT NULL THEN
        RETURN;
    END IF;
    -- Each kind of match reads through its own index only, the other conditions applied to the rows found: the
    -- planner, with statistics older than a bulk insert under way, could otherwise walk every profile per row.
    INSERT INTO clienthistory_duplicatecandidate (profile_a_id, profile_b_id, reason)
    WITH matched AS MATERIALIZED (
        SELECT id, merged_into_id, anonymised_at, 1 AS reason FROM clienthistory_profile
            WHERE mobile <> '' AND mobile = profile.mobile
        UNION ALL
        SELECT id, merged_into_id, anonymised_at, 2 FROM clienthistory_profile
            WHERE email <> '' AND email = profile.email
        UNION ALL
        SELECT id, merged_into_id, anonymised_at, 3 FROM clienthistory_profile
            WHERE account_id = profile.account_id
                AND (replace(lower(name), ' ', '') = replace(lower(profile.name), ' ', '')
                     OR similarity(name, profile.name) > 0.7)
    )
    SELECT least(profile.id, id), greatest(profile.id, id), min(reason) FROM matched
    WHERE id <> profile.id AND merged_into_id IS NULL AND anonymised_at IS NULL
    GROUP BY id
    ON CONFLICT (profile_a_id, profile_b_id) DO UPDATE SET reason = excluded.reason;
END $$;

CREATE FUNCTION clienthistory_profile_duplicates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR (OLD.name, OLD.mobile, OLD.email, OLD.account_id, OLD.merged_into_id, OLD.anonymised_at)
            IS DISTINCT FROM (NEW.name, NEW.mobile, NEW.email, NEW.account_id, NEW.merged_into_id, NEW.anonymised_at)
    THEN
        PERFORM clienthistory_find_duplicates(NEW.id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER profile_duplicates AFTER INSERT OR UPDATE ON clienthistory_profile
    FOR EACH ROW EXECUTE FUNCTION clienthistory_profile_duplicates();

SELECT count(clienthistory_find_duplicates(id)) FROM clienthistory_profile;
"""

DROP_FUNCTIONS = """
DROP TRIGGER profile_duplicates ON clienthistory_profile;
DROP FUNCTION clienthistory_profile_duplicates();
DROP FUNCTION clienthistory_find_duplicates(bigint);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("clienthistory", "0005_profile_month_day"),
    ]

    operations = [
        migrations.CreateModel(
            name="DuplicateCandidate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "reason",
                    models.PositiveSmallIntegerField(
                        choices=[(1, "Same mobile"), (2, "Same email"), (3, "Near-identical name under one account")]
                    ),
                ),
                (
                    "profile_a",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="clienthistory.profile"
                    ),
                ),
                (
                    "profile_b",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="clienthistory.profile"
                    ),
                ),
            ],
            options={
                "ordering": ["reason", "profile_a_id", "profile_b_id"],
                "indexes": [
                    models.Index(fields=["reason", "profile_a", "profile_b"], name="duplicate_candidate_order")
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("profile_a", "profile_b"), name="duplicate_candidate_pair"),
                    models.CheckConstraint(
                        condition=models.Q(("profile_a__lt", models.F("profile_b"))),
                        name="duplicate_candidate_order_ab",
                    ),
                ],
            },
        ),
        migrations.RunSQL(FUNCTIONS, DROP_FUNCTIONS),
    ]
