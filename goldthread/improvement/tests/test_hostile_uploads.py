"""Hostile review documents on the import page and `import_recommendations`."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from goldthread.core.tests import hostile_files as hf
from goldthread.improvement.models import Recommendation

CASES = [
    hf.Case("docx-bomb", "review.docx", hf.docx_bomb(100), "would expand to 100 MB"),
    hf.Case("not-a-zip", "review.docx", hf.NOT_A_ZIP, "is not a zip archive"),
    hf.Case("byte-0x81", "review.txt", b"Recommendations\n1. Do better\n2. Caf\x81\n", "Line 3: byte 0x81"),
    hf.Case("random-binary", "review.txt", hf.random_binary(), "is not text in UTF-8 or Windows-1252"),
    hf.Case("nul", "review.txt", b"Recommendations\n\n1. Do\x00 better\n", "line 3 contains a NUL character"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_hostile_document_is_refused_clearly_and_changes_nothing(client_for, review, case):
    client = client_for("performance")
    before = hf.table_counts()
    response = client.post(
        reverse("improvement:import", args=["cpc-2023"]), {"document": SimpleUploadedFile(case.filename, case.content)}
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "govuk-error-summary" in page and case.expected in page
    assert hf.table_counts() == before and not Recommendation.objects.exists()
    assert client.get(reverse("health")).status_code == 200


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_import_recommendations_refuses_a_hostile_document(review, tmp_path, case):
    path = tmp_path / case.filename
    path.write_bytes(case.content)
    before = hf.table_counts()
    with pytest.raises(CommandError) as caught:
        call_command("import_recommendations", str(path), "--review", "cpc-2023")
    assert case.expected in str(caught.value)
    assert hf.table_counts() == before
