from decimal import Decimal

from django.db import migrations, models


def _backfill(table, field, link, money):
    """What allocations leave open of every existing row, as receivables.payments.record_settlement keeps it."""
    return f"""
        UPDATE {table} AS row SET {field} = row.{money} - COALESCE((
            SELECT SUM(amount) FROM receivables_allocation WHERE {link} = row.id
        ), 0)
    """


def _unapplied():
    return models.DecimalField(
        decimal_places=2,
        default=Decimal("0.00"),
        editable=False,
        help_text="The money not yet set against invoices, whatever the dates of the allocations.",
        max_digits=14,
        verbose_name="unapplied",
    )


def _within_amount(name):
    return models.CheckConstraint(
        condition=models.Q(("unapplied__gte", 0), ("unapplied__lte", models.F("amount"))), name=name
    )


class Migration(migrations.Migration):
    dependencies = [
        ("receivables", "0003_discount_lines"),
    ]

    operations = [
        migrations.AddField(
            model_name="invoice",
            name="open_amount",
            field=models.DecimalField(
                decimal_places=2,
                default=Decimal("0.00"),
                editable=False,
                help_text=(
                    "The total less all payments and credits set against it, whatever their dates; zero unless issued."
                ),
                max_digits=14,
                verbose_name="open amount",
            ),
        ),
        migrations.AddField(model_name="payment", name="unapplied", field=_unapplied()),
        migrations.AddField(model_name="creditnote", name="unapplied", field=_unapplied()),
        migrations.RunSQL(
            _backfill("receivables_invoice", "open_amount", "invoice_id", "total") + " WHERE row.state = 'issued'",
            migrations.RunSQL.noop,
        ),
        migrations.RunSQL(
            _backfill("receivables_payment", "unapplied", "payment_id", "amount"), migrations.RunSQL.noop
        ),
        migrations.RunSQL(
            _backfill("receivables_creditnote", "unapplied", "credit_note_id", "amount"), migrations.RunSQL.noop
        ),
        migrations.AddIndex(
            model_name="allocation",
            index=models.Index(fields=["date"], name="allocation_date"),
        ),
        migrations.AddIndex(model_name="payment", index=models.Index(fields=["used_up_on"], name="payment_used_up_on")),
        migrations.AddIndex(
            model_name="creditnote", index=models.Index(fields=["used_up_on"], name="creditnote_used_up_on")
        ),
        migrations.AddConstraint(
            model_name="invoice",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("open_amount__gte", 0), ("open_amount__lte", models.F("total")), ("state", "issued")),
                    models.Q(models.Q(("state", "issued"), _negated=True), ("open_amount", 0)),
                    _connector="OR",
                ),
                name="open_amount_within_issued_total",
            ),
        ),
        migrations.AddConstraint(model_name="payment", constraint=_within_amount("payment_unapplied_within_amount")),
        migrations.AddConstraint(
            model_name="creditnote", constraint=_within_amount("creditnote_unapplied_within_amount")
        ),
    ]
