from tests.appeals.conftest import MONDAY, at, submit


def test_submit(masl, mailoutbox):
    appeal = submit(masl, now=at(MONDAY))
    assert appeal.status == "registered"
    assert appeal.registered_on == MONDAY
    assert len(mailoutbox) == 1
