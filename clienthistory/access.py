"""Which roles may do what with the guest history files."""

from hotelsales.roles import Role, has_role

READ = (Role.SALES, Role.FRONT_DESK, Role.MANAGER, Role.RECEIVABLES)
EDIT_ACCOUNTS = (Role.SALES, Role.MANAGER, Role.RECEIVABLES)
EDIT_PROFILES = (Role.SALES, Role.FRONT_DESK, Role.MANAGER)
# Credit data (rating, limit, payment terms, assessments): seen by all but the front desk, changed by two roles.
SEE_CREDIT = (Role.SALES, Role.MANAGER, Role.RECEIVABLES)
# The account's fields that hold credit data, left out of what the others see: pages, history, exports, sorts.
CREDIT_FIELDS = ("payment_terms_days", "credit_rating", "credit_limit", "credit_hold", "credit_hold_reason")
EDIT_CREDIT = (Role.MANAGER, Role.RECEIVABLES)
SELL = (Role.SALES, Role.MANAGER)
MANAGE = (Role.MANAGER,)


def sees_credit(user) -> bool:
    return has_role(user, *SEE_CREDIT)
