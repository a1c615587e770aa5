from django.contrib.auth.decorators import login_required
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
