from django.db import transaction
from django_tasks import task

from kenes.notifications import delivery


@task()
def deliver_emails(notification_ids: list[int]) -> int:
    """E-mail the given notifications that are still pending; each is claimed first, so a task
    that runs twice sends nothing twice."""
    return delivery.deliver(notification_ids)


@task()
def send_daily_digests() -> int:
    """One e-mail per user with everything that waited for the digest."""
    return delivery.send_digests()


@task()
def reset_stale_sending() -> int:
    """E-mails claimed more than an hour ago and never marked sent (the sender died) go back to
    the queue: digest items to the next digest, immediate ones are delivered again now."""
    digests, pending = delivery.reset_stale_sending()
    if pending:
        transaction.on_commit(lambda: deliver_emails.enqueue(pending))
    return digests + len(pending)
