"""Lithuanian groups thousands with a (non-breaking) space, not Django's default point:
"530 000". Everything else comes from Django's Lithuanian formats."""

THOUSAND_SEPARATOR = "\xa0"
