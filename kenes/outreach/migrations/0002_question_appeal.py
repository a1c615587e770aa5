import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("appeals", "0001_initial"),
        ("outreach", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(model_name="meetingquestion", name="appeal_pk"),
        migrations.AddField(
            model_name="meetingquestion",
            name="appeal",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="meeting_question",
                to="appeals.appeal",
                verbose_name="appeal",
            ),
        ),
    ]
