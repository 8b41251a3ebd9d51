"""Which roles may do what with function space, bookings and events."""

from hotelsales.roles import Role

READ = (Role.SALES, Role.FRONT_DESK, Role.MANAGER, Role.RECEIVABLES)
SELL = (Role.SALES, Role.MANAGER)
CONFIGURE = (Role.MANAGER,)
# A booking's record of a manager approving it despite its account's credit hold: credit data (clienthistory.access).
CREDIT_FIELDS = ("credit_approved_by", "credit_approved_at")
