"""Scopes and expiry for API tokens.

Tokens made before this migration keep working as they did: read-write, and they expire
API_TOKEN_DEFAULT_DAYS (90) after the migration runs (the default is computed once for
the existing rows).
"""

import matchforum.api.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('api', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='apitoken',
            name='expires_at',
            field=models.DateTimeField(default=matchforum.api.models.token_default_expiry, verbose_name='expires'),
        ),
        migrations.AddField(
            model_name='apitoken',
            name='scope',
            field=models.CharField(choices=[('read', 'Read only'), ('read_write', 'Read and write')], default='read_write', max_length=10, verbose_name='scope'),
        ),
    ]
