import io

import pytest

from kenes.core.files import content_matches, extension


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("a.pdf", b"%PDF-1.7 ...", True),
        ("a.pdf", b"MZ\x90\x00 an executable", False),
        ("a.docx", b"PK\x03\x04....", True),
        ("a.png", b"\x89PNG\r\n\x1a\n....", True),
        ("a.png", b"\x89PNX\r\n", False),
        ("a.txt", "Мәтін".encode(), True),
        ("a.txt", b"bin\x00ary", False),
        ("a.unknown", b"anything", True),
    ],
)
def test_content_matches_the_extension(name, content, ok):
    upload = io.BytesIO(content)
    upload.read(3)
    assert content_matches(upload, extension(name)) is ok
    assert upload.tell() == 0  # left at the start for whoever stores it


def test_extension():
    assert extension("Есеп.PDF") == "pdf" and extension("noext") == "" and extension(None) == ""


def test_the_type_comes_from_the_whole_name_however_long():
    """A name cut for the message must not decide the type: "…x.pdf.exe" is an .exe file."""
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kenes.core.files import UploadRules

    rules = UploadRules(("pdf", "txt"))
    with pytest.raises(ValidationError) as refused:
        rules.check([SimpleUploadedFile("x" * 96 + ".pdf.exe", b"%PDF-1.4")])
    assert refused.value.error_list[0].code == "file_type"
    rules.check([SimpleUploadedFile("y" * 200 + ".pdf", b"%PDF-1.4")])  # a long, real PDF is fine
