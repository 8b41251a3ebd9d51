from django.contrib.postgres.operations import BtreeGistExtension, TrigramExtension
from django.db import migrations

# Every single character and every pair of characters of a text, lower-cased: the keys of the index that
# serves one- and two-character searches (see hotelsales/search.py).
CREATE_GRAMS = """
CREATE OR REPLACE FUNCTION hs_grams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(lower(value), i, n)), '{}')
  FROM generate_series(1, 2) AS n, generate_series(1, length(value) - n + 1) AS i
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("hotelsales", "0002_role_groups")]

    operations = [
        TrigramExtension(),
        BtreeGistExtension(),
        migrations.RunSQL(CREATE_GRAMS, "DROP FUNCTION IF EXISTS hs_grams(text);"),
    ]
