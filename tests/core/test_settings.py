import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load_settings(env_overrides: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(env_overrides)
    env["PYTHONPATH"] = str(ROOT / "src")
    code = "import django; import os; os.environ['DJANGO_SETTINGS_MODULE']='matchforum.settings'; "
    code += "from django.conf import settings; print(settings.SECRET_KEY[:4])"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _load_settings({"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_known_insecure_key():
    result = _load_settings({"DEBUG": "false", "SECRET_KEY": "django-insecure-abc"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_real_key():
    result = _load_settings({"DEBUG": "false", "SECRET_KEY": "x" * 60})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "xxxx"


def test_argon2_is_the_first_password_hasher(settings):
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def _cache_backend(env_overrides: dict[str, str]) -> str:
    env = {k: v for k, v in os.environ.items() if k != "CACHE_URL"}
    env.update(env_overrides)
    env.update({"PYTHONPATH": str(ROOT / "src"), "DEBUG": "true"})
    code = "import os; os.environ['DJANGO_SETTINGS_MODULE']='matchforum.settings'; "
    code += "from django.conf import settings; c = settings.CACHES['default']; "
    code += "print(c['BACKEND'], c.get('LOCATION', ''))"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_cache_is_per_process_unless_a_shared_one_is_configured():
    assert _cache_backend({}).startswith("django.core.cache.backends.locmem.LocMemCache")
    shared = _cache_backend({"CACHE_URL": "dbcache://matchforum_cache"})
    assert shared == "django.core.cache.backends.db.DatabaseCache matchforum_cache"
