"""Who may do what. Every view and API endpoint asks here; nothing decides elsewhere.

Roles: the performance team administers everything; a directorate editor enters values,
commentary, risks, actions and budget lines for their own directorate; members (Cabinet
and Scrutiny) read approved figures; auditors read everything including history; HR
manages people records; officers see their own actions and appraisals.
"""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied

from .models import Role

READ_ALL_ROLES = {Role.PERFORMANCE, Role.EDITOR, Role.MEMBER, Role.AUDITOR, Role.HR, Role.OFFICER}


def role_of(user) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Role.PERFORMANCE if user.is_superuser else user.role


def is_performance_team(user) -> bool:
    return role_of(user) == Role.PERFORMANCE


def can_administer(user) -> bool:
    """Set up priorities, measures, targets, users, reviews: the performance team only."""
    return is_performance_team(user)


def can_read(user) -> bool:
    return role_of(user) in READ_ALL_ROLES


def can_see_history(user) -> bool:
    """The full audit trail: performance team, auditors, and editors (for what they edit)."""
    return role_of(user) in {Role.PERFORMANCE, Role.AUDITOR, Role.EDITOR}


def can_see_unapproved(user) -> bool:
    """Members see only approved figures; officers who enter or check them see drafts too."""
    return role_of(user) in {Role.PERFORMANCE, Role.EDITOR, Role.AUDITOR}


def can_edit_directorate(user, directorate) -> bool:
    """Enter values, commentary, risks, actions or budget lines belonging to ``directorate``."""
    role = role_of(user)
    if role == Role.PERFORMANCE:
        return True
    return role == Role.EDITOR and directorate is not None and user.directorate_id == directorate.pk


def can_edit_measure(user, measure) -> bool:
    return can_edit_directorate(user, measure.directorate)


def can_approve(user) -> bool:
    return is_performance_team(user)


def can_unlock_sign_ins(user) -> bool:
    """See who is locked out of signing in after failed attempts, and unlock them: the performance team."""
    return is_performance_team(user)


def can_manage_accounts(user) -> bool:
    """Invite people, give and change roles and directorates, deactivate accounts: the performance team."""
    return is_performance_team(user)


CANNOT_DO = "You do not have permission to do that."
CANNOT_SEE = "You do not have permission to see this."  # what the read-only API routers have always said


def require(check, *args, message: str = CANNOT_DO) -> None:
    """Raise PermissionDenied (403, on a page or in the API) unless ``check(*args)`` holds."""
    if not check(*args):
        raise PermissionDenied(message)


def role_required(*roles: str):
    """View decorator: only these roles (the performance team always passes)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            role = role_of(request.user)
            if role != Role.PERFORMANCE and role not in roles:
                raise PermissionDenied("You do not have permission to see this page.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# --- People (appraisals, surveys, meetings review) -------------------------------------
# Individual staff records and appraisals are personal data: HR and the performance team see
# everyone, a member of staff sees their own, a manager sees the people beneath them. Everyone
# else (members, auditors, editors) sees aggregates only.


def can_manage_people(user) -> bool:
    """Import the HR extract, set up appraisal cycles and surveys, see every staff record."""
    return role_of(user) in {Role.PERFORMANCE, Role.HR}


def _employee_of(user):
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.employee
    except Exception:  # no linked staff record (RelatedObjectDoesNotExist)
        return None


def manages(user, employee) -> bool:
    """``user``'s staff record is somewhere above ``employee`` in the management chain."""
    mine = _employee_of(user)
    if mine is None or employee is None:
        return False
    seen = set()
    boss = employee.manager
    while boss is not None and boss.pk not in seen:
        if boss.pk == mine.pk:
            return True
        seen.add(boss.pk)
        boss = boss.manager
    return False


def can_see_staff_record(user, employee) -> bool:
    if can_manage_people(user):
        return True
    mine = _employee_of(user)
    return (mine is not None and mine.pk == employee.pk) or manages(user, employee)


def can_see_appraisal(user, appraisal) -> bool:
    return can_see_staff_record(user, appraisal.employee)


def can_edit_appraisal(user, appraisal) -> bool:
    """Objectives, development needs, wellbeing and the manager's agreement: the manager or HR."""
    return can_manage_people(user) or manages(user, appraisal.employee)


def can_acknowledge_appraisal(user, appraisal) -> bool:
    mine = _employee_of(user)
    return mine is not None and mine.pk == appraisal.employee_id


def can_see_people_aggregates(user) -> bool:
    """Completion rates and suppressed survey results: every signed-in role."""
    return can_read(user)


def can_manage_forums(user) -> bool:
    """The meetings review register: the performance team."""
    return is_performance_team(user)


def can_upload_values(user) -> bool:
    """Upload a spreadsheet of values: the performance team, or an editor for their own directorate."""
    return can_edit_directorate(user, getattr(user, "directorate", None))


def looked_after_directorate_id(user) -> int | None:
    """The directorate whose measures a person looks after as its editor (the performance team's own
    directorate too, as they edit every one); None for anyone else."""
    directorate_id = getattr(user, "directorate_id", None)
    if directorate_id and can_edit_directorate(user, user.directorate):
        return directorate_id
    return None


def can_see_revised_value(user, revision) -> bool:
    """The corrected figure of a revision made after reporting: officers who see drafts always; anyone
    else only once it is the approved figure (a correction awaiting approval is just said to exist)."""
    if can_see_unapproved(user):
        return True
    value = revision.measure_value
    return value.status == "approved" and revision.new_value == value.value


def can_see_value_before_revision(user, revision) -> bool:
    """The figure a revision replaced: officers who see drafts always; anyone else when it is a figure
    they were shown (the first revision's, or the one reported)."""
    if can_see_unapproved(user):
        return True
    reported = revision.reported_figure.value if revision.reported_figure else None
    return revision.number == 1 or revision.previous_value == reported


def can_see_measure_history(user, measure) -> bool:
    """A measure's history (values, targets, definition): the performance team and auditors for every
    measure; an editor only for their own directorate's measures."""
    role = role_of(user)
    if role == Role.EDITOR:
        return can_edit_measure(user, measure)
    return can_see_history(user)


# --- Improvement (review action plans) ----------------------------------------------------
# The performance team runs reviews and recommendations; an editor edits the actions of their
# directorate; the lead officer of an action reports progress on it.


def can_edit_action(user, action) -> bool:
    """Change an action's details, milestones and status: the performance team or its directorate's editor."""
    return can_edit_directorate(user, action.directorate)


def can_update_action_progress(user, action) -> bool:
    """Add a dated progress update, evidence or a done milestone: as above, or the action's lead officer."""
    if can_edit_action(user, action):
        return True
    return getattr(user, "is_authenticated", False) and action.lead_id is not None and action.lead_id == user.pk


# --- Risk (registers, reviews, assurance) ------------------------------------------------------
# The performance team edits every register; an editor edits the risks of their directorate's
# register and its services' registers (corporate risks are the performance team's).


def can_edit_risk(user, risk) -> bool:
    return can_edit_directorate(user, risk.register.owning_directorate)


def can_see_risk_history(user, risk) -> bool:
    """A risk's full history: the performance team and auditors; an editor for the risks they edit."""
    if role_of(user) == Role.EDITOR:
        return can_edit_risk(user, risk)
    return can_see_history(user)


def can_see_job(user, job) -> bool:
    """A background job (a report pack or an import): the person who asked for it, and the performance team."""
    if not getattr(user, "is_authenticated", False):
        return False
    return job.requested_by_id == user.pk or is_performance_team(user)


def can_retry_job(user, job) -> bool:
    """Whoever may see a failed job may run it again; it still runs as the person who asked for it."""
    return can_see_job(user, job)


# --- Reporting timetable and notifications ------------------------------------------------------
# The performance team sets the timetable and the council's reminder settings; every signed-in role
# reads the timetable. Each person sees and manages only their own notifications.


def can_edit_timetable(user) -> bool:
    return is_performance_team(user)


def can_read_timetable(user) -> bool:
    return can_read(user)


def can_set_reminders(user) -> bool:
    """The council's reminder settings (how early, when the director is copied): the performance team."""
    return is_performance_team(user)


def can_see_notification(user, notification) -> bool:
    return getattr(user, "is_authenticated", False) and notification.recipient_id == user.pk


# --- member enquiries ----------------------------------------------------------------------------


def can_raise_enquiry(user) -> bool:
    """Members raise enquiries (their own)."""
    return role_of(user) == Role.MEMBER


def can_route_enquiry(user) -> bool:
    """Triage: the performance team routes an enquiry to a directorate and an officer."""
    return is_performance_team(user)


def can_see_all_enquiries(user) -> bool:
    return role_of(user) in {Role.PERFORMANCE, Role.AUDITOR}


def can_see_enquiry(user, enquiry) -> bool:
    """Members their own; officers those routed to them; editors their directorate's; the performance
    team and auditors all."""
    role = role_of(user)
    if can_see_all_enquiries(user):
        return True
    if role == Role.MEMBER:
        return enquiry.member_id == user.pk
    if role == Role.OFFICER:
        return enquiry.officer_id == user.pk
    if role == Role.EDITOR:
        return enquiry.directorate_id is not None and enquiry.directorate_id == user.directorate_id
    return False


def can_respond_to_enquiry(user, enquiry) -> bool:
    """The officer it is routed to, an editor of its directorate, or the performance team."""
    role = role_of(user)
    if role == Role.PERFORMANCE:
        return True
    if role == Role.OFFICER:
        return enquiry.officer_id == user.pk
    return role == Role.EDITOR and enquiry.directorate_id is not None and enquiry.directorate_id == user.directorate_id


def can_close_enquiry(user, enquiry) -> bool:
    """The member who raised it, or the performance team."""
    return is_performance_team(user) or (role_of(user) == Role.MEMBER and enquiry.member_id == user.pk)


def can_edit_complaints(user) -> bool:
    return is_performance_team(user)


def can_edit_enquiry_settings(user) -> bool:
    """How many working days an enquiry has, and who owns its measures: the performance team."""
    return is_performance_team(user)


# --- Governance (policy register) --------------------------------------------------------------
# Every role that reads may see the register; the performance team keeps it; a policy's owner
# updates the review fields (review date, status, document, notes) of their own policy.


def can_edit_policies(user) -> bool:
    return is_performance_team(user)


def can_review_policy(user, policy) -> bool:
    if can_edit_policies(user):
        return True
    return can_read(user) and policy.owner_id is not None and policy.owner_id == user.pk


def can_assess_best_value(user) -> bool:
    """Rate the Best Value themes, link evidence and decide on proposed flags: the performance team."""
    return is_performance_team(user)


# --- Scrutiny (committees, work programmes, recommendation tracking) ------------------------------
# The performance team (who support scrutiny and policy) keep the committees and their programmes.
# A member sees the committees they sit on; a member of Cabinet, which answers scrutiny, sees every
# committee. Officers, editors, auditors and HR read them all. Respondents record the executive's
# response: the performance team, officers and editors (who draft it), and members of Cabinet.


def can_manage_scrutiny(user) -> bool:
    return is_performance_team(user)


def sits_on(user, committee) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return committee.members.filter(user_id=user.pk).exists()


def sits_on_cabinet(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.committee_seats.filter(committee__kind="cabinet").exists()


def can_see_committee(user, committee) -> bool:
    """A committee's members, meetings, work programme and recommendation tracker."""
    if role_of(user) == Role.MEMBER:
        return sits_on(user, committee) or sits_on_cabinet(user)
    return can_read(user)


def can_respond_to_recommendation(user, recommendation) -> bool:
    """Record the council's response to a review's recommendation: the performance team; for a scrutiny
    review, whoever records the executive's response."""
    if can_administer(user):
        return True
    return recommendation.review.review_type == "scrutiny" and can_respond_to_scrutiny(user)


def can_respond_to_scrutiny(user) -> bool:
    """Record the executive's response to a scrutiny recommendation (and the actions it agrees)."""
    role = role_of(user)
    if role in {Role.PERFORMANCE, Role.EDITOR, Role.OFFICER}:
        return True
    return role == Role.MEMBER and sits_on_cabinet(user)


def can_manage_token(user, owner) -> bool:
    """Make or revoke an API token: each person for themselves only."""
    return getattr(user, "is_authenticated", False) and user.pk == owner.pk and user.is_active


def require_person(check, user, *args) -> None:
    """``require`` in a service the server also calls with no person (``user`` None: the example loader,
    a command): a person must pass ``check``; the server's own call is trusted."""
    if user is not None:
        require(check, user, *args)
