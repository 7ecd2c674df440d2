"""The shared reader refuses hostile files with a clear message, before they can cost the server."""

import tracemalloc

import pytest

from goldthread.core.tabular import ImportRejected, TabularError, check_archive, read_rows
from goldthread.core.tests import hostile_files as hf

HEADER = "measure_reference,period,value"


def refusal(content: bytes, filename: str, **options) -> str:
    with pytest.raises((TabularError, ImportRejected)) as caught:
        read_rows(content, filename, **options)
    if isinstance(caught.value, ImportRejected):
        return "; ".join(str(e) for e in caught.value.errors)
    return str(caught.value)


def test_the_three_million_row_bomb_is_refused_from_its_directory_without_expanding_it():
    bomb = hf.xlsx_bomb()
    assert len(bomb) < 1_300_000
    tracemalloc.start()
    try:
        message = refusal(bomb, "values.xlsx", limit="national")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "would expand to 320 MB" in message and "GOLDTHREAD_UPLOAD_MAX_EXPANDED_BYTES" in message
    assert peak < 32 * 1024 * 1024  # a tenth of the 320 MB the sheet would take, or less


def test_a_part_compressed_too_many_times_is_refused(settings):
    settings.GOLDTHREAD_UPLOAD_MAX_EXPANDED_BYTES = 10**9
    message = refusal(hf.xlsx_with_rows(60_000), "values.xlsx")
    assert "xl/worksheets/sheet1.xml" in message and "GOLDTHREAD_UPLOAD_MAX_COMPRESSION_RATIO" in message


def test_rows_past_the_limit_are_refused_while_streaming(settings):
    settings.GOLDTHREAD_UPLOAD_MAX_ROWS = 100
    assert len(read_rows(hf.xlsx_with_rows(100), "values.xlsx")[1]) == 100
    message = refusal(hf.xlsx_with_rows(101), "values.xlsx")
    assert "more than 100 rows" in message and "GOLDTHREAD_UPLOAD_MAX_ROWS" in message
    csv_file = (HEADER + "\n" + "M1,2023-24 Q1,1\n" * 101).encode()
    assert "more than 100 rows" in refusal(csv_file, "values.csv")
    settings.GOLDTHREAD_IMPORT_MAX_ROWS = 1000
    assert len(read_rows(csv_file, "values.csv", limit="national")[1]) == 101


def test_columns_past_the_limit_are_refused_in_csv_and_xlsx(settings):
    settings.GOLDTHREAD_UPLOAD_MAX_COLUMNS = 5
    wide = ",".join(f"c{i}" for i in range(6)) + "\n" + ",".join("1" * 6) + "\n"
    assert "more than 5 columns" in refusal(wide.encode(), "values.csv")
    cells = "".join(f"<c><v>{i}</v></c>" for i in range(6))
    wide_xlsx = hf.xlsx_with_rows(2, header=f"<row>{cells}</row>", row=f"<row>{cells}</row>")
    assert "more than 5 columns" in refusal(wide_xlsx, "values.xlsx")


def test_a_sheet_that_declares_every_column_is_not_padded_out_to_it(settings):
    """openpyxl pads each row to the sheet's declared size: a lie of 16,384 columns must not cost
    16,384 cells a row."""
    settings.GOLDTHREAD_UPLOAD_MAX_COLUMNS = 10
    narrow = hf.xlsx_with_rows(
        3, header='<row><c t="inlineStr"><is><t>a</t></is></c></row>', row="<row><c><v>1</v></c></row>"
    )
    headers, rows = read_rows(_with_dimension(narrow, "A1:XFD4"), "values.xlsx")
    assert headers[:1] == ["a"] and len(headers) == 10 and len(rows) == 3


def _with_dimension(xlsx: bytes, ref: str) -> bytes:
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", f'<dimension ref="{ref}"/><sheetData>'.encode())
            target.writestr(info.filename, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "filename", "expected"),
    [
        (hf.NOT_A_ZIP, "values.xlsx", "not a zip archive"),
        (hf.BROKEN_ZIP, "values.xlsx", "the zip archive is damaged"),
        (hf.random_binary(), "values.xlsx", "not a zip archive"),
        (hf.invalid_bytes_csv(HEADER), "values.csv", "Line 3: byte 0x81"),
        (hf.random_binary(), "values.csv", "is not text in UTF-8 or Windows-1252"),
        (hf.long_field_csv(HEADER), "values.csv", "Row 2 (line 2 of the file)"),
        (hf.nul_cell_csv(HEADER, "M1,2023-24 Q1,5"), "values.csv", "Row 2, column 'measure_reference': contains a NUL"),
        (b"", "values.csv", "The file is empty"),
    ],
    ids=["csv-named-xlsx", "cut-short-xlsx", "binary-xlsx", "byte-0x81", "binary-csv", "200KB-field", "NUL", "empty"],
)
def test_each_bad_file_gets_a_clear_message(content, filename, expected):
    assert expected in refusal(content, filename)


def test_a_200kb_field_names_the_limit():
    assert "a field is longer than 131,072 characters" in refusal(hf.long_field_csv(HEADER), "values.csv")


def test_windows_1252_csv_is_still_read():
    headers, rows = read_rows("name\nCaf\xe9 \u201cquoted\u201d\n".encode("cp1252"), "values.csv")
    assert rows[0].get("name") == "Caf\xe9 \u201cquoted\u201d"


def test_a_docx_bomb_is_refused_by_the_same_check():
    with pytest.raises(TabularError, match="would expand to 100 MB"):
        check_archive(hf.docx_bomb(100), "a Word (.docx) document")


def test_a_missing_column_is_reported_with_the_columns_that_were_found():
    from goldthread.core.tabular import RowErrors, require_columns

    errors = RowErrors()
    require_columns(["Measure ref", "Quarter", "Value"], ["measure_reference", "period", "value"], errors)
    messages = [e.message for e in errors]
    assert messages and all("the columns found: Measure ref, Quarter, Value" in m for m in messages)
    assert not any("Error" in m or "Exception" in m for m in messages)
