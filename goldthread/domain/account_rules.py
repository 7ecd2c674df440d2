"""Rules for people's accounts: the council must never lose its last performance-team account."""


def leaves_no_performance_team(
    *, other_active_performance_accounts: int, is_performance_now: bool, stays_performance: bool
) -> bool:
    """True if changing this account as proposed would leave no active performance-team account.

    ``stays_performance`` is False when the change demotes, deactivates or removes the account."""
    return is_performance_now and not stays_performance and other_active_performance_accounts == 0
