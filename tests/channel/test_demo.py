import pytest

from kenes.channel.demo import load_demo
from kenes.channel.models import ChannelItem, CouncilRequest
from kenes.channel.selectors import public_figures, response_matrix

pytestmark = pytest.mark.django_db


def test_demo_loads_once_through_the_services(reference, client):
    assert load_demo() == {"channel items": 3, "requests to maslikhats": 1}
    assert load_demo() == {"channel items": 0, "requests to maslikhats": 0}
    items = {i.maslikhat.region.kato: i for i in ChannelItem.objects.select_related("maslikhat__region")}
    assert all(i.is_demo and i.is_public for i in items.values())
    aktobe = items["150000000"]
    assert aktobe.subject["en"] == "Raising the status of the secretary of the maslikhat"
    assert aktobe.status == "answered" and aktobe.answered_on_time
    assert items["270000000"].kind == "explain_law" and items["390000000"].status == "closed"
    assert items["390000000"].answered_on_time is False
    request = CouncilRequest.objects.get()
    assert request.targets.count() == 17
    states = [row.state for row in response_matrix(request)]
    assert states.count("answered") == 11 and states.count("late") == 2 and states.count("overdue") == 4
    assert public_figures().on_time == 2
    page = client.get("/en/channel/").content.decode()
    assert "Raising the status of the secretary" in page and "Demo data." in page


def test_demo_links_the_aktobe_proposal_to_the_recommendation(reference):
    from kenes.channel.selectors import links_to
    from kenes.recommendations.demo import load_demo as load_recommendations
    from kenes.recommendations.models import Recommendation

    load_recommendations()
    load_demo()
    recommendation = Recommendation.objects.get(
        is_demo=True, text__en="Raise the status of the secretary of the maslikhat."
    )
    (item,) = links_to(recommendation)
    assert item.maslikhat.region.kato == "150000000"
    assert [e.action for e in item.events.all()] == ["sent", "assigned", "converted", "answered"]
    assert item.answered_on_time and item.response_working_days < 15
