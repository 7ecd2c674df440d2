"""Every static file a template names exists in the collected, hashed build that production serves.

Production uses WhiteNoise's manifest storage, which raises (and so answers 500) for any name
missing from the manifest: one wrong favicon path once took every page down. Here the static
files are collected exactly as `goldthread collectstatic` does in production, every
`{% static "..." %}` in every template is resolved, and the layout and error pages are rendered."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.urls import get_resolver

import goldthread

PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
STATIC_TAG = re.compile(r"""\{%\s*static\s+(["'])(?P<name>[^"']+)\1""")
ANY_STATIC_TAG = re.compile(r"\{%\s*static\s")


def _templates() -> list[Path]:
    return sorted(Path(goldthread.__file__).parent.glob("**/templates/**/*.html"))


def _static_names() -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for template in _templates():
        text = template.read_text(encoding="utf-8")
        literal = [m.group("name") for m in STATIC_TAG.finditer(text)]
        # A {% static %} with a variable cannot be checked here: keep every name a literal.
        assert len(literal) == len(ANY_STATIC_TAG.findall(text)), f"{template}: use a literal name in {{% static %}}"
        for name in literal:
            names.setdefault(name, []).append(str(template.relative_to(Path(goldthread.__file__).parent)))
    return names


@pytest.fixture(scope="module")
def manifest_storage(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    with override_settings(STATIC_ROOT=root, STORAGES=storages, WHITENOISE_USE_FINDERS=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


def test_the_templates_name_static_files():
    assert "build/govuk-frontend.min.css" in _static_names()  # the scan finds what base.html uses


def test_every_static_file_a_template_names_is_in_the_manifest(manifest_storage):
    for name, templates in _static_names().items():
        try:
            url = staticfiles_storage.url(name)
        except ValueError as exc:
            pytest.fail(f"{name} (used in {', '.join(templates)}) is not in the collected build: {exc}")
        hashed = url.removeprefix(settings.STATIC_URL)
        assert hashed != name, f"{name} is not hashed"
        assert (manifest_storage / hashed).is_file(), f"{name} was collected as {hashed}, which is missing"


def _render_error_page(status, user):
    request = RequestFactory().get("/no-such-page")
    request.user = user
    request.session = {}
    resolver = get_resolver()
    handler = resolver.resolve_error_handler(status)
    if status == 500:
        return handler(request)
    return handler(request, exception=Exception("Not for you"))


@pytest.mark.parametrize("status", [400, 403, 404, 500])
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_the_error_pages_render_with_hashed_assets(manifest_storage, status, signed_in, make_user):
    user = make_user("performance") if signed_in else AnonymousUser()
    response = _render_error_page(status, user)
    assert response.status_code == status
    html = response.content.decode()
    assert "<html" in html
    assert staticfiles_storage.url("build/govuk-frontend.min.css") in html
    assert re.search(r'/static/build/govuk-frontend\.min\.[0-9a-f]{12}\.css"', html)


def test_a_signed_in_page_renders_with_hashed_assets(manifest_storage, client_for):
    response = client_for("performance").get("/")
    assert response.status_code == 200
    html = response.content.decode()
    # Every asset the layout links (a page's own assets are checked where that page is rendered).
    layout = [name for name, templates in _static_names().items() if "core/templates/base.html" in templates]
    assert len(layout) >= 3  # the stylesheets and scripts every page loads
    for name in layout:
        assert staticfiles_storage.url(name) in html
