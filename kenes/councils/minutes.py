"""Minutes of a session, generated from the session record in kk, ru or en, as HTML and PDF."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import translation

from kenes.councils.models import MinutesFile, Session
from kenes.councils.selectors import session_detail_queryset


def minutes_html(session: Session, lang: str, *, web: bool = False) -> str:
    """The minutes as one HTML document; on the web (`web`) with a way back to the session and the
    portal, in print and PDF without it."""
    with translation.override(lang):
        return render_to_string(
            "councils/minutes.html", {"session": session, "lang": lang, "standalone": True, "web": web}
        )


def minutes_pdf(session: Session, lang: str) -> bytes:
    from weasyprint import HTML  # imported lazily: it loads system libraries

    return HTML(string=minutes_html(session, lang)).write_pdf()


def minutes_store_pdfs(session_id: int, languages: tuple[str, ...] = ("kk", "ru", "en")) -> list[MinutesFile]:
    session = session_detail_queryset().get(pk=session_id)
    stored = []
    for lang in languages:
        content = minutes_pdf(session, lang)
        record, _created = MinutesFile.objects.get_or_create(session=session, language=lang)
        if record.pdf:
            record.pdf.delete(save=False)
        record.pdf.save(f"minutes-{session.pk}-{lang}.pdf", ContentFile(content), save=True)
        stored.append(record)
    return stored
