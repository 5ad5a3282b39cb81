"""Every forum gets its chair team; the old global organiser and vetting-officer flags
become seats on it (accounts 0002 then drops the flags). Backwards: the flags come back
from the chair seats."""

from django.db import migrations


def flags_to_chair_seats(apps, schema_editor):
    Forum = apps.get_model("forums", "Forum")
    CommitteeTeam = apps.get_model("forums", "CommitteeTeam")
    CommitteeMembership = apps.get_model("forums", "CommitteeMembership")
    User = apps.get_model("accounts", "User")
    organisers = list(User.objects.filter(is_organiser=True))
    vetting_officers = list(User.objects.filter(is_vetting_officer=True))
    for forum in Forum.objects.all():
        chair, _created = CommitteeTeam.objects.get_or_create(forum=forum, country="")
        for role, users in (("organiser", organisers), ("vetting_officer", vetting_officers)):
            for user in users:
                CommitteeMembership.objects.get_or_create(team=chair, user=user, role=role)


def chair_seats_to_flags(apps, schema_editor):
    CommitteeMembership = apps.get_model("forums", "CommitteeMembership")
    User = apps.get_model("accounts", "User")
    seats = CommitteeMembership.objects.all()
    User.objects.filter(
        pk__in=seats.filter(role="organiser").values("user_id")
    ).update(is_organiser=True)
    User.objects.filter(
        pk__in=seats.filter(role="vetting_officer").values("user_id")
    ).update(is_vetting_officer=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("forums", "0005_joint_committee"),
    ]

    operations = [migrations.RunPython(flags_to_chair_seats, chair_seats_to_flags)]
