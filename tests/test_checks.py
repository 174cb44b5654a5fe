import io
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from peernet.checks import check_email_backend, check_sign_in_protection, check_site_url
from peernet.settings import env_int, env_url

SMTP = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"
PRODUCTION = {
    "DEBUG": False,
    "SITE_URL": "https://peernet.example",
    "ALLOWED_HOSTS": ["peernet.example"],
    "EMAIL_BACKEND": SMTP,
    "TWO_FACTOR_OPTIONAL_FOR_DEMO": False,
    "CACHES": {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "peernet_cache"}
    },
}


def ids(messages) -> list[str]:
    return [m.id for m in messages]


@override_settings(**PRODUCTION)
def test_site_url_https_in_production_passes():
    assert check_site_url() == []


@override_settings(DEBUG=True, SITE_URL="http://127.0.0.1:8000", ALLOWED_HOSTS=["localhost"])
def test_site_url_plain_http_passes_when_debug_is_on():
    assert check_site_url() == []


@pytest.mark.parametrize("url", ["", "peernet.example", "https://", "ftp://peernet.example"])
def test_site_url_not_an_address_in_production_is_e001(url):
    with override_settings(**{**PRODUCTION, "SITE_URL": url}):
        assert ids(check_site_url()) == ["peernet.E001"]


@override_settings(**{**PRODUCTION, "SITE_URL": "http://peernet.example"})
def test_site_url_plain_http_in_production_is_e002():
    assert ids(check_site_url()) == ["peernet.E002"]


@override_settings(**{**PRODUCTION, "SITE_URL": "https://other.example"})
def test_site_url_host_outside_allowed_hosts_is_w001():
    assert ids(check_site_url()) == ["peernet.W001"]


@override_settings(
    **{**PRODUCTION, "SITE_URL": "https://hub.peernet.example", "ALLOWED_HOSTS": [".peernet.example"]}
)
def test_site_url_host_matching_an_allowed_subdomain_pattern_passes():
    assert check_site_url() == []


@pytest.mark.parametrize("url", ["https://peernet.example/", "https://peernet.example/peernet"])
def test_site_url_with_a_path_in_production_is_w002(url):
    with override_settings(**{**PRODUCTION, "SITE_URL": url}):
        assert ids(check_site_url()) == ["peernet.W002"]


@override_settings(**PRODUCTION)
def test_email_backend_smtp_in_production_passes():
    assert check_email_backend() == []


@pytest.mark.parametrize("backend", ["console", "locmem", "filebased", "dummy"])
def test_email_backend_kept_on_the_machine_in_production_is_e003(backend):
    path = f"django.core.mail.backends.{backend}.EmailBackend"

    with override_settings(**{**PRODUCTION, "EMAIL_BACKEND": path}):
        assert ids(check_email_backend()) == ["peernet.E003"]


@override_settings(DEBUG=True, EMAIL_BACKEND=CONSOLE)
def test_email_backend_console_passes_when_debug_is_on():
    assert check_email_backend() == []


@override_settings(**{**PRODUCTION, "SITE_URL": "http://peernet.example", "EMAIL_BACKEND": CONSOLE})
def test_check_deploy_command_reports_each_production_mistake():
    with pytest.raises(SystemCheckError) as failure:
        call_command("check", "--deploy", "--tag", "peernet", stderr=io.StringIO())

    assert sorted(re.findall(r"peernet\.[EW]\d{3}", str(failure.value))) == ["peernet.E002", "peernet.E003"]


@override_settings(**PRODUCTION)
def test_check_deploy_command_passes_with_production_settings():
    out = io.StringIO()

    call_command("check", "--deploy", "--tag", "peernet", "--fail-level", "WARNING", stdout=out)

    assert out.getvalue() == "System check identified no issues (0 silenced).\n"


@override_settings(**{**PRODUCTION, "SITE_URL": "", "EMAIL_BACKEND": CONSOLE})
def test_check_without_deploy_leaves_production_checks_out():
    out = io.StringIO()

    call_command("check", stdout=out)

    assert "peernet." not in out.getvalue()


def test_env_int_reads_a_whole_number(monkeypatch):
    monkeypatch.setenv("CONN_MAX_AGE", " 120 ")

    assert env_int("CONN_MAX_AGE", 60, minimum=0) == 120


def test_env_int_uses_the_default_when_unset_or_empty(monkeypatch):
    monkeypatch.delenv("CONN_MAX_AGE", raising=False)
    assert env_int("CONN_MAX_AGE", 60, minimum=0) == 60

    monkeypatch.setenv("CONN_MAX_AGE", "")
    assert env_int("CONN_MAX_AGE", 60, minimum=0) == 60


@pytest.mark.parametrize("value", ["abc", "1.5", "60s"])
def test_env_int_not_a_whole_number_names_the_variable(monkeypatch, value):
    monkeypatch.setenv("CONN_MAX_AGE", value)

    with pytest.raises(ImproperlyConfigured) as failure:
        env_int("CONN_MAX_AGE", 60, minimum=0)

    assert str(failure.value) == f"CONN_MAX_AGE must be a whole number, like 60, not {value!r}"


def test_env_int_below_the_minimum_names_the_variable(monkeypatch):
    monkeypatch.setenv("CONN_MAX_AGE", "-1")

    with pytest.raises(ImproperlyConfigured) as failure:
        env_int("CONN_MAX_AGE", 60, minimum=0)

    assert str(failure.value) == "CONN_MAX_AGE must be at least 0, not '-1'"


def test_env_url_reads_an_address_with_an_allowed_scheme(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "rediss://redis.internal:6380/1")

    assert env_url("REDIS_URL", "redis://127.0.0.1:6379/0", schemes={"redis", "rediss"}) == (
        "rediss://redis.internal:6380/1"
    )


def test_env_url_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)

    assert env_url("REDIS_URL", "redis://127.0.0.1:6379/0", schemes={"redis"}) == "redis://127.0.0.1:6379/0"


def test_env_url_without_an_allowed_scheme_names_the_variable(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "localhost:6379")

    with pytest.raises(ImproperlyConfigured) as failure:
        env_url("REDIS_URL", "redis://127.0.0.1:6379/0", schemes={"redis", "rediss", "unix"})

    assert str(failure.value) == (
        "REDIS_URL must be a URL starting redis:// or rediss:// or unix://, not 'localhost:6379'"
    )


@override_settings(**PRODUCTION)
def test_sign_in_protection_in_production_passes():
    assert check_sign_in_protection() == []


@override_settings(**{**PRODUCTION, "TWO_FACTOR_OPTIONAL_FOR_DEMO": True})
def test_two_factor_optional_in_production_is_w003():
    assert ids(check_sign_in_protection()) == ["peernet.W003"]


@override_settings(
    **{**PRODUCTION, "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}}
)
def test_a_cache_kept_in_each_process_in_production_is_w004():
    assert ids(check_sign_in_protection()) == ["peernet.W004"]


@override_settings(DEBUG=True, TWO_FACTOR_OPTIONAL_FOR_DEMO=True)
def test_two_factor_optional_passes_when_debug_is_on():
    assert check_sign_in_protection() == []
