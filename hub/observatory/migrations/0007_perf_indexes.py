from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("observatory", "0006_units_history_faults"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="observation",
            index=models.Index(fields=["indicator", "dimension", "period"], name="obs_indicator_dim_period"),
        ),
    ]
