"""The personal-data masker: IINs, phones (+7 / 8), e-mails, street addresses in kk/ru/en."""

import pytest

from kenes.core.privacy import contains_personal_data, mask_personal_data


@pytest.mark.parametrize(
    ("text", "hidden", "mask"),
    [
        ("ЖСН 900101300123 бар", "900101300123", "[IIN]"),
        ("ИИН 900101 300123", "900101 300123", "[IIN]"),
        ("тел. +7 701 123 45 67", "701 123 45 67", "[phone]"),
        ("звоните 8 (701) 123-45-67", "123-45-67", "[phone]"),
        ("номер 87011234567", "87011234567", "[phone]"),
        ("whatsapp +77011234567", "7011234567", "[phone]"),
        ("пошта aigerim.test+x@mail.kz", "aigerim.test", "[e-mail]"),
        ("Проживаю: г. Актобе, ул. Абая, д. 5, кв. 12. Прошу помочь.", "Абая", "[address]"),
        ("проспект Назарбаева 12", "Назарбаева", "[address]"),
        ("мкр. Самал-2, дом 10", "Самал-2", "[address]"),
        ("Мекенжайым: Абай көшесі, 15-үй, 32-пәтер.", "Абай көшесі", "[address]"),
        ("Самал шағын ауданы, 3-үй", "Самал", "[address]"),
        ("Республика даңғылы 45", "Республика", "[address]"),
        ("I live at 12 Abay Street, apt 4", "Abay", "[address]"),
        ("д. 5, кв. 12", "кв. 12", "[address]"),
    ],
)
def test_masks_personal_data(text, hidden, mask):
    masked = mask_personal_data(text)
    assert hidden not in masked and mask in masked
    assert contains_personal_data(text)


@pytest.mark.parametrize(
    "text",
    [
        "Жол жөндеу туралы 2024 жылы 15 мамырда өтініш бердім.",
        "Прошу отремонтировать дорогу в 2025 году, решение № 12-3/VIII.",
        "The council met on 21 October 2020 with 17 regions.",
        "Бюджет 1500000 теңге.",
    ],
)
def test_leaves_ordinary_text_alone(text):
    assert mask_personal_data(text) == text
    assert not contains_personal_data(text)


def test_masks_known_names_with_their_case_endings():
    masked = mask_personal_data("Иванов Иван пишет; ответ Ивановқа и Иванову", known=["Иванов Иван"])
    assert "Иванов" not in masked and masked.count("[name]") == 3


def test_empty_text():
    assert mask_personal_data("") == ""
