from django_tasks import task

from kenes.councils.minutes import minutes_store_pdfs


@task()
def render_minutes_pdfs(session_id: int) -> int:
    """Render and store the PDF minutes in all three languages after they are published."""
    return len(minutes_store_pdfs(session_id))
