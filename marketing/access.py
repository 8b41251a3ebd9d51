"""Which roles may do what in marketing (营销): sales build promotions, client segments and campaigns; managers see
everything and approve campaigns; the front desk and receivables see none of it."""

from hotelsales.roles import Role

READ = (Role.SALES, Role.MANAGER)
BUILD = (Role.SALES, Role.MANAGER)
PLAN = (Role.MANAGER,)  # the marketing plan, which sales read (READ), and the approval of campaigns
