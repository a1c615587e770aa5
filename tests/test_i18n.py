"""The kk/ru catalogues are complete and real: Kazakh is not copied Russian."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "kenes" / "locale"
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def _entries(lang: str) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po")) if not e.obsolete]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_catalogue_complete(lang):
    entries = _entries(lang)
    assert len(entries) > 100
    missing = [e.msgid for e in entries if not e.translated()]
    assert missing == [], f"{len(missing)} untranslated or fuzzy in {lang}: {missing[:10]}"


def test_catalogues_compiled_and_current():
    for lang in ("kk", "ru", "en"):
        po = LOCALE / lang / "LC_MESSAGES" / "django.po"
        mo = po.with_suffix(".mo")
        assert mo.exists(), f"run make messages: {mo} is missing"
        # Keyed by context too: "mandate" (a deputy's seat) and "mandate" (voter mandate) differ.
        compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(mo))}
        source = {
            (e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(po)) if e.translated() and not e.msgid_plural
        }
        stale = [k for k, v in source.items() if compiled.get(k) != v]
        assert stale == [], f"{lang}: .mo out of date for {stale[:5]} — run make messages"


def test_kazakh_is_kazakh_not_russian():
    kk = {e.msgid: e.msgstr for e in _entries("kk") if e.msgstr}
    ru = {e.msgid: e.msgstr for e in _entries("ru") if e.msgstr}
    long_ones = [k for k in kk if len(kk[k]) > 25]
    copied = [k for k in long_ones if kk[k] == ru.get(k)]
    assert len(copied) <= len(long_ones) * 0.02, copied[:10]
    with_kazakh_letters = [k for k in long_ones if KAZAKH_LETTERS & set(kk[k])]
    assert len(with_kazakh_letters) >= len(long_ones) * 0.6


def test_runtime_translation():
    with translation.override("kk"):
        assert translation.gettext("Kazakh") == "Қазақша"
    with translation.override("ru"):
        assert translation.gettext("Kazakh") == "Казахский"


@pytest.mark.parametrize(("lang", "wrong"), [("kk", "KATO"), ("ru", "KATO"), ("ru", "присутствовал(и)")])
def test_no_latin_abbreviations_or_clumsy_forms_in_translations(lang, wrong):
    """ "KATO" is ҚАТО in Kazakh and КАТО in Russian; a Russian label is not written with "(и)"."""
    offending = [e.msgid for e in _entries(lang) if wrong in e.msgstr]
    assert offending == []
