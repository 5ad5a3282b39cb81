from django.core.management.base import BaseCommand

from matchforum.core.i18n_catalogues import messages_make


class Command(BaseCommand):
    help = "Extract the project's strings into the catalogues of every interface language."

    def handle(self, *args, **options):
        messages_make()
        self.stdout.write("Catalogues updated; translate the new strings, then `make i18n-report`.")
