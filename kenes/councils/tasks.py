from django_tasks import task

from kenes.councils.minutes import minutes_store_pdfs
from kenes.councils.notifications import send_session_announced


@task()
def render_minutes_pdfs(session_id: int) -> int:
    """Render and store the PDF minutes in all three languages after they are published."""
    return len(minutes_store_pdfs(session_id))


@task()
def notify_session_announced(session_id: int) -> int:
    """E-mail the staff of every invited maslikhat, each in their own language."""
    return send_session_announced(session_id)
