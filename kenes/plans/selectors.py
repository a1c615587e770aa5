"""Reads for plan pages, the matrix, exports and the API. Each reads a whole plan in a fixed number
of queries, whatever the number of items, regions and reports."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kenes.core.i18n import pick
from kenes.plans.models import Milestone, PlanItem, PlanItemAssignee, PlanReport, WorkPlan
from kenes.registry.models import Maslikhat, Organization, Region

S = PlanItem.Status
R = PlanReport.Status

# Cell states of the matrix, from the worst to the best; a region with several assigned maslikhats
# shows its worst.
NOT_REPORTED = "not_reported"
RETURNED = "returned"
REPORTED = "reported"
ACCEPTED = "accepted"
STATE_ORDER = (NOT_REPORTED, RETURNED, REPORTED, ACCEPTED)
STATE_LABELS = {
    NOT_REPORTED: _("Not reported"),
    RETURNED: _("Returned"),
    REPORTED: _("Reported, awaiting review"),
    ACCEPTED: _("Accepted"),
}
OVERDUE_LABEL = _("Overdue")
CO_EXECUTOR_LABEL = _("co-executor")
RESPONSIBLE_SHOWN = 4


def today() -> datetime.date:
    return timezone.localdate()


# --- plans -----------------------------------------------------------------------------------


def plans() -> QuerySet[WorkPlan]:
    return WorkPlan.objects.select_related("council__organization", "adopted_by__session").annotate(
        item_count=Count("items", distinct=True)
    )


def plan_detail_queryset() -> QuerySet[WorkPlan]:
    """A plan with its items and their milestones; plan_view() adds the responsible bodies."""
    return WorkPlan.objects.select_related("council__organization", "adopted_by__session").prefetch_related(
        Prefetch(
            "items",
            queryset=PlanItem.objects.order_by("number").prefetch_related(
                Prefetch("milestones", queryset=Milestone.objects.order_by("due", "id")),
            ),
        )
    )


@dataclass(slots=True)
class Assignee:
    """A responsible body of an item, read as a plain row (a plan may have thousands)."""

    item_id: int
    role: str
    maslikhat: Maslikhat | None = None
    organization: Organization | None = None

    @property
    def maslikhat_id(self) -> int | None:
        return self.maslikhat.pk if self.maslikhat else None

    @property
    def organization_id(self) -> int | None:
        return self.organization.pk if self.organization else None

    @property
    def body(self):
        return self.maslikhat or self.organization

    def get_role_display(self) -> str:
        return str(PlanItemAssignee.Role(self.role).label)


def attach_assignees(items: list[PlanItem]) -> None:
    """Set `item.assignee_list` (executors first, then by region) for every item, in three queries."""
    rows = list(
        PlanItemAssignee.objects.filter(item__in=[i.pk for i in items])
        .order_by("-role", "maslikhat__region__kato", "id")
        .values_list("item_id", "maslikhat_id", "organization_id", "role")
    )
    maslikhat_ids = {r[1] for r in rows if r[1]}
    organization_ids = {r[2] for r in rows if r[2]}
    maslikhats = {m.pk: m for m in Maslikhat.objects.filter(pk__in=maslikhat_ids).select_related("region")}
    organizations = {o.pk: o for o in Organization.objects.filter(pk__in=organization_ids)}
    by_item: dict[int, list[Assignee]] = defaultdict(list)
    for item_id, maslikhat_id, organization_id, role in rows:
        by_item[item_id].append(
            Assignee(item_id, role, maslikhats.get(maslikhat_id), organizations.get(organization_id))
        )
    for item in items:
        item.assignee_list = by_item.get(item.pk, [])


def assignees_of(item: PlanItem) -> list:
    """The responsible bodies, from attach_assignees() or the item's prefetched assignees."""
    if hasattr(item, "assignee_list"):
        return item.assignee_list
    return list(item.assignees.all())


def item_queryset() -> QuerySet[PlanItem]:
    return PlanItem.objects.select_related("plan__council__organization").prefetch_related(
        Prefetch(
            "assignees",
            queryset=PlanItemAssignee.objects.select_related("maslikhat__region", "organization").order_by(
                "-role", "maslikhat__region__kato", "id"
            ),
        ),
        Prefetch("milestones", queryset=Milestone.objects.order_by("due", "id")),
        Prefetch(
            "reports",
            queryset=PlanReport.objects.select_related("maslikhat__region", "submitted_by", "reviewed_by").order_by(
                "submitted_at", "id"
            ),
        ),
    )


def report_rows(plan: WorkPlan, *, with_dates: bool = False) -> list[dict]:
    """The reports of a plan as plain rows, oldest first (no text): enough for states and, with
    dates, for the API."""
    fields = ["id", "item_id", "maslikhat_id", "status"]
    if with_dates:
        fields += ["submitted_at", "reviewed_at"]
    return list(PlanReport.objects.filter(item__plan=plan).order_by("submitted_at", "id").values(*fields))


# --- states ----------------------------------------------------------------------------------


def maslikhat_state(reports: list[dict]) -> str:
    """The state of one maslikhat's reporting on one item, from its reports (oldest first)."""
    if not reports:
        return NOT_REPORTED
    if any(r["status"] == R.ACCEPTED for r in reports):
        return ACCEPTED
    last = reports[-1]["status"]
    return REPORTED if last == R.SUBMITTED else RETURNED


def worst(states: list[str]) -> str:
    return min(states, key=STATE_ORDER.index)


@dataclass
class Cell:
    state: str = ""  # "" = nobody in this region is responsible for the item
    overdue: bool = False

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self.state]) if self.state else ""

    @property
    def css(self) -> str:
        return f"state state-{self.state}" + (" overdue" if self.overdue else "")

    @property
    def data(self) -> str:
        return self.state + (" overdue" if self.overdue else "")

    @property
    def text(self) -> str:
        if not self.state:
            return ""
        return f"{self.label} ({OVERDUE_LABEL})" if self.overdue else self.label


@dataclass
class RegionProgress:
    region: Region
    assigned: int = 0
    accepted: int = 0
    reported: int = 0
    returned: int = 0
    overdue: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.accepted / self.assigned) if self.assigned else 0


@dataclass
class PlanView:
    """Everything a plan page, the matrix or an export shows, computed once."""

    plan: WorkPlan
    items: list[PlanItem]
    regions: list[Region]
    cells: dict[tuple[int, int], Cell]  # (item id, region id) → cell
    states: dict[tuple[int, int], str]  # (item id, maslikhat id) → state
    reports: dict[tuple[int, int], list[dict]]
    region_progress: list[RegionProgress] = field(default_factory=list)

    def rows(self) -> list[tuple[PlanItem, list[Cell]]]:
        return [(item, [self.cells.get((item.pk, r.pk), Cell()) for r in self.regions]) for item in self.items]


def plan_regions(plan: WorkPlan, items: list[PlanItem]) -> list[Region]:
    """The regions that existed during the plan's period, and any region of an assigned maslikhat."""
    assigned = {a.maslikhat.region_id for item in items for a in assignees_of(item) if a.maslikhat_id}
    during = Q(valid_from__lte=plan.period_end) & (Q(valid_to__isnull=True) | Q(valid_to__gte=plan.period_start))
    return list(Region.objects.filter(during | Q(pk__in=assigned)).order_by("kato"))


def plan_view(plan: WorkPlan, *, on: datetime.date | None = None, with_dates: bool = False) -> PlanView:
    """States of every item × region for a plan fetched with plan_detail_queryset()."""
    on = on or today()
    items = list(plan.items.all())
    attach_assignees(items)
    rows = report_rows(plan, with_dates=with_dates)
    names: dict[tuple[str, int], str] = {}
    by_pair: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for row in rows:
        by_pair[(row["item_id"], row["maslikhat_id"])].append(row)
    regions = plan_regions(plan, items)
    progress = {r.pk: RegionProgress(r) for r in regions}
    cells: dict[tuple[int, int], Cell] = {}
    states: dict[tuple[int, int], str] = {}
    for item in items:
        overdue = item.is_overdue(on)
        item.is_late = overdue
        per_region: dict[int, list[str]] = defaultdict(list)
        executors = accepted = 0
        shown = []
        for assignee in item.assignee_list:
            if len(shown) < RESPONSIBLE_SHOWN:
                body = assignee.body
                key = ("m" if assignee.maslikhat else "o", body.pk)
                if key not in names:
                    names[key] = pick(body.name)
                co = assignee.role == PlanItemAssignee.Role.CO_EXECUTOR
                shown.append(names[key] + (f" ({CO_EXECUTOR_LABEL})" if co else ""))
            if not assignee.maslikhat_id:
                continue
            state = maslikhat_state(by_pair.get((item.pk, assignee.maslikhat_id), []))
            states[(item.pk, assignee.maslikhat_id)] = state
            per_region[assignee.maslikhat.region_id].append(state)
            executors += 1
            accepted += state == ACCEPTED
        item.maslikhats_assigned = executors
        item.maslikhats_accepted = accepted
        item.responsible = "; ".join(shown)
        item.responsible_more = max(0, len(item.assignee_list) - RESPONSIBLE_SHOWN)
        for region_id, region_states in per_region.items():
            state = worst(region_states)
            cell = Cell(state, overdue and state != ACCEPTED)
            cells[(item.pk, region_id)] = cell
            counts = progress.get(region_id)
            if counts is None or item.status == S.CANCELLED:
                continue
            counts.assigned += 1
            counts.accepted += state == ACCEPTED
            counts.reported += state == REPORTED
            counts.returned += state == RETURNED
            counts.overdue += cell.overdue
    return PlanView(
        plan=plan,
        items=items,
        regions=regions,
        cells=cells,
        states=states,
        reports=dict(by_pair),
        region_progress=[p for p in progress.values() if p.assigned],
    )


@dataclass
class MatrixFilters:
    status: str = ""
    region: Region | None = None
    overdue: bool = False
    state: str = ""

    def query(self) -> str:
        from urllib.parse import urlencode

        params = {
            "status": self.status,
            "region": self.region.kato if self.region else "",
            "overdue": "1" if self.overdue else "",
            "state": self.state,
        }
        return urlencode({k: v for k, v in params.items() if v})


def filter_view(view: PlanView, filters: MatrixFilters) -> PlanView:
    """Keep the items (and, with a region, the column) the filters ask for."""
    items = view.items
    regions = view.regions
    if filters.status:
        items = [i for i in items if i.status == filters.status]
    if filters.overdue:
        items = [i for i in items if i.is_late]
    if filters.region is not None:
        regions = [r for r in regions if r.pk == filters.region.pk]
        items = [i for i in items if (i.pk, filters.region.pk) in view.cells]
    if filters.state:
        keep = {r.pk for r in regions}
        items = [
            i
            for i in items
            if any(
                c.state == filters.state for (item_id, rid), c in view.cells.items() if item_id == i.pk and rid in keep
            )
        ]
    return PlanView(view.plan, items, regions, view.cells, view.states, view.reports, view.region_progress)


# --- figures ---------------------------------------------------------------------------------


def plan_figures(plan: WorkPlan | None = None) -> dict:
    """Summary figures of one plan (or of all plans):

    items                 — items not cancelled;
    done, done_on_time    — done items, and those completed on or before their deadline;
    share_done_on_time    — done on time ÷ items that are due (done, or past their deadline);
                            None while nothing is due;
    overdue               — past the deadline and neither done nor cancelled;
    reports_on_time_share — reports submitted on or before the item's deadline ÷ all reports
                            (each submission counts, returned ones too); None without reports.
    """
    on = today()
    items = PlanItem.objects.exclude(status=S.CANCELLED)
    reports = PlanReport.objects.all()
    if plan is not None:
        items = items.filter(plan=plan)
        reports = reports.filter(item__plan=plan)
    counts = items.aggregate(
        items=Count("id"),
        done=Count("id", filter=Q(status=S.DONE)),
        done_on_time=Count("id", filter=Q(status=S.DONE, completed_on__lte=F("deadline"))),
        due=Count("id", filter=Q(status=S.DONE) | Q(deadline__lt=on)),
        overdue=Count("id", filter=~Q(status=S.DONE) & Q(deadline__lt=on)),
    )
    report_counts = reports.aggregate(
        total=Count("id"), on_time=Count("id", filter=Q(submitted_at__date__lte=F("item__deadline")))
    )
    due = counts.pop("due")
    counts["share_done_on_time"] = round(counts["done_on_time"] / due, 4) if due else None
    total = report_counts["total"]
    counts["reports_on_time_share"] = round(report_counts["on_time"] / total, 4) if total else None
    return counts


# --- the maslikhat's items -------------------------------------------------------------------


def items_of_maslikhat(maslikhat: Maslikhat) -> list[PlanItem]:
    """Items assigned to a maslikhat, soonest deadline first, each with `my_reports` (its own
    reports, oldest first), `my_role` and `my_state`."""
    items = list(
        PlanItem.objects.filter(assignees__maslikhat=maslikhat)
        .select_related("plan")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=PlanReport.objects.filter(maslikhat=maslikhat).order_by("submitted_at", "id"),
                to_attr="my_reports",
            ),
            Prefetch("assignees", queryset=PlanItemAssignee.objects.filter(maslikhat=maslikhat), to_attr="mine"),
        )
        .order_by("deadline", "plan_id", "number")
        .distinct()
    )
    on = today()
    for item in items:
        item.my_role = item.mine[0].get_role_display() if item.mine else ""
        item.my_state = maslikhat_state([{"status": r.status} for r in item.my_reports])
        item.my_state_label = STATE_LABELS[item.my_state]
        item.is_late = item.is_overdue(on) and item.my_state != ACCEPTED
    return items


def reports_waiting(plan: WorkPlan | None = None) -> QuerySet[PlanReport]:
    qs = PlanReport.objects.filter(status=R.SUBMITTED).select_related("item__plan", "maslikhat__region")
    if plan is not None:
        qs = qs.filter(item__plan=plan)
    return qs.order_by("submitted_at", "id")


# --- for the responsiveness index (kenes.insights) ------------------------------------------


def report_obligations(*, month: datetime.date | None):
    """Each (plan item, assigned maslikhat) that owes a report by the item's deadline, with the
    date of its first report: {"maslikhat_id", "deadline", "first"}. Cancelled items owe nothing."""
    first_report = (
        PlanReport.objects.filter(item=OuterRef("item"), maslikhat=OuterRef("maslikhat"))
        .order_by("submitted_at")
        .values("submitted_at")[:1]
    )
    pairs = (
        PlanItemAssignee.objects.filter(maslikhat__isnull=False)
        .exclude(item__status=PlanItem.Status.CANCELLED)
        .annotate(first=Subquery(first_report), deadline=F("item__deadline"))
        .values("maslikhat_id", "deadline", "first")
    )
    if month is not None:
        following = (month + datetime.timedelta(days=32)).replace(day=1)
        pairs = pairs.filter(item__deadline__gte=month, item__deadline__lt=following)
    return pairs
