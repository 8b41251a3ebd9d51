from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("marketing", "0012_lead_respond_by_filled")]

    operations = [
        migrations.AlterField(
            model_name="lead",
            name="respond_by",
            field=models.DateTimeField(editable=False, verbose_name="answer by"),
        ),
    ]
