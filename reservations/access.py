"""Which roles may do what with function space, bookings and events."""

from hotelsales.roles import Role

READ = (Role.SALES, Role.FRONT_DESK, Role.MANAGER, Role.RECEIVABLES)
SELL = (Role.SALES, Role.MANAGER)
CONFIGURE = (Role.MANAGER,)
