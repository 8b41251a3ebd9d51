"""Profiles carry their VIP level's rank, so that a list sorted by VIP level reads an index instead of sorting
every profile. PostgreSQL keeps the copy right: a profile's rank is set whenever its level is written, and a
level's new rank is copied to its profiles."""

from django.db import migrations, models

TRIGGERS = """
CREATE FUNCTION clienthistory_profile_vip_rank() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.vip_rank := (SELECT rank FROM clienthistory_viplevel WHERE id = NEW.vip_level_id);
    RETURN NEW;
END $$;
CREATE TRIGGER profile_vip_rank BEFORE INSERT OR UPDATE OF vip_level_id, vip_rank ON clienthistory_profile
    FOR EACH ROW EXECUTE FUNCTION clienthistory_profile_vip_rank();

CREATE FUNCTION clienthistory_viplevel_rank() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE clienthistory_profile SET vip_rank = NEW.rank WHERE vip_level_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER viplevel_rank AFTER UPDATE OF rank ON clienthistory_viplevel
    FOR EACH ROW WHEN (OLD.rank IS DISTINCT FROM NEW.rank) EXECUTE FUNCTION clienthistory_viplevel_rank();

UPDATE clienthistory_profile AS profile SET vip_rank = level.rank
    FROM clienthistory_viplevel AS level WHERE profile.vip_level_id = level.id;
"""

DROP_TRIGGERS = """
DROP TRIGGER viplevel_rank ON clienthistory_viplevel;
DROP FUNCTION clienthistory_viplevel_rank();
DROP TRIGGER profile_vip_rank ON clienthistory_profile;
DROP FUNCTION clienthistory_profile_vip_rank();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("clienthistory", "0003_import_jobs"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="vip_rank",
            field=models.PositiveSmallIntegerField(editable=False, null=True),
        ),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS),
        migrations.AddIndex(
            model_name="profile",
            index=models.Index(fields=["vip_rank", "name", "id"], name="profile_vip_rank"),
        ),
    ]
