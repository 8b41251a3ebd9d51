"""Which roles may do what in marketing (营销): sales build promotions and client segments (and, later, campaigns);
managers see everything and approve; the front desk and receivables see none of it."""

from hotelsales.roles import Role

READ = (Role.SALES, Role.MANAGER)
BUILD = (Role.SALES, Role.MANAGER)
PLAN = (Role.MANAGER,)  # the marketing plan: managers set it, sales read it (READ)
