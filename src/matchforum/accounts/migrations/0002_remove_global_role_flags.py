"""The organiser and vetting-officer flags are now seats on the forum's committee teams
(forums 0005 moved them there); `User.is_organiser` and friends are derived from those."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("forums", "0006_chair_team_from_global_flags"),
    ]

    operations = [
        migrations.RemoveField(model_name="user", name="is_organiser"),
        migrations.RemoveField(model_name="user", name="is_vetting_officer"),
    ]
