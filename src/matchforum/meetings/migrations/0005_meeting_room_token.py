"""Give every meeting an unguessable room token: added empty, filled row by row (a
callable default is evaluated once per migration), then made unique."""

import secrets

from django.db import migrations, models

import matchforum.meetings.models


def fill_room_tokens(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    for meeting in Meeting.objects.only("pk").iterator():  # every row is new to it
        Meeting.objects.filter(pk=meeting.pk).update(room_token=secrets.token_urlsafe(18))


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0004_meeting_move_proposals"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="room_token",
            field=models.CharField(default="", editable=False, max_length=32),
            preserve_default=False,
        ),
        migrations.RunPython(fill_room_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="meeting",
            name="room_token",
            field=models.CharField(
                default=matchforum.meetings.models.room_token_new,
                editable=False,
                max_length=32,
                unique=True,
            ),
        ),
    ]
