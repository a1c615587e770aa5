from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from kenes.accounts.rules import is_council_staff, is_maslikhat_staff


@login_required
def after_login(request: HttpRequest) -> HttpResponse:
    """Send each role where its work is: the secretariat to sessions, maslikhat staff to their
    maslikhat, everyone else to the public portal."""
    if is_council_staff(request.user):
        return redirect("councils-staff:session-list")
    if is_maslikhat_staff(request.user):
        return redirect("registry-staff:my-maslikhat")
    return redirect("portal:home")


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    """/staff/: each staff area lives at /staff/<capability>/; this sends a member of staff to
    their own, and anyone else is refused."""
    if not (is_council_staff(request.user) or is_maslikhat_staff(request.user)):
        raise PermissionDenied
    return after_login(request)
