import django.core.validators
from django.db import migrations, models

import matchforum.forums.validators


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0006_chair_team_from_global_flags"),
    ]

    operations = [
        migrations.AlterField(
            model_name="forum",
            name="online_meeting_url_template",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Used when no video system is set below. {meeting} becomes the meeting's "
                    "unguessable room name."
                ),
                max_length=300,
                validators=[matchforum.forums.validators.validate_online_meeting_url_template],
                verbose_name="online meeting link template",
            ),
        ),
        migrations.AddField(
            model_name="forum",
            name="video_url",
            field=models.CharField(
                blank=True,
                max_length=200,
                help_text="The video system the organisers run, e.g. https://meet.example.org",
                validators=[
                    django.core.validators.URLValidator(
                        message="Give an https:// address.", schemes=["https"]
                    )
                ],
                verbose_name="Jitsi Meet address",
            ),
        ),
        migrations.AddField(
            model_name="forum",
            name="video_app_id",
            field=models.CharField(blank=True, max_length=100, verbose_name="Jitsi Meet app id"),
        ),
        migrations.AddField(
            model_name="forum",
            name="video_secret",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="Jitsi Meet app secret"
            ),
        ),
    ]
