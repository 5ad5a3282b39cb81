from django.db import migrations


def seed(apps, schema_editor):
    from matchforum.forums.taxonomy import TRACKS

    Track = apps.get_model("forums", "CapabilityTrack")
    for position, (slug, name, description, lead) in enumerate(TRACKS):
        Track.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "is_coalition": bool(lead),
                "lead_country": lead,
                "position": position,
            },
        )


def unseed(apps, schema_editor):
    from matchforum.forums.taxonomy import TRACKS

    Track = apps.get_model("forums", "CapabilityTrack")
    Track.objects.filter(slug__in=[slug for slug, *_ in TRACKS]).delete()


class Migration(migrations.Migration):
    dependencies = [("forums", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
