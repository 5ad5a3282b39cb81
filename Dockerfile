# The matchforum image: the web server by default; the worker, the scheduler and the
# migrations run from the same image with another command (see compose.yaml).
# Build: docker build -t matchforum .   The build needs the network (pip); running does not.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    MATCHFORUM_VAR_DIR=/var/lib/matchforum \
    PATH=/app/.venv/bin:$PATH

# pg_dump/pg_restore for manage.py backup and restore (Debian 12: PostgreSQL 15 clients);
# ICU with its headers, pkg-config and a compiler to build PyICU (organisations/names.py).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
       libicu-dev pkg-config g++ \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin matchforum

WORKDIR /app
COPY pyproject.toml README.md ./
COPY scripts ./scripts
COPY src ./src
COPY manage.py ./
# The same install path as `make install` (scripts/install.sh), without the dev tools.
RUN PYTHON=python3 VENV=/app/.venv EXTRAS= sh scripts/install.sh \
    && python -m matchforum.core.catalogues compile \
    && mkdir -p /var/lib/matchforum/media /var/lib/matchforum/backups \
    && DEBUG=false SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(60))')" \
       python manage.py collectstatic --noinput --verbosity 0 \
    && chown -R matchforum:matchforum /var/lib/matchforum

USER matchforum
EXPOSE 8000
# One single-threaded gunicorn process per core unless WEB_CONCURRENCY says otherwise.
CMD ["sh", "-c", "exec gunicorn matchforum.wsgi:application --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-$(nproc)} --threads 1 --access-logfile -"]
