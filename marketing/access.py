"""Which roles may do what in marketing (营销): sales build promotions, client segments and campaigns; managers see
everything and approve campaigns; the front desk and receivables see none of it — except the front-line assistant's
card of the guest in front of them, which everyone who answers the phone or the desk reads."""

from hotelsales.roles import Role

READ = (Role.SALES, Role.MANAGER)
BUILD = (Role.SALES, Role.MANAGER)
PLAN = (Role.MANAGER,)  # the marketing plan, which sales read (READ), and the approval of campaigns
ASSIST = (Role.SALES, Role.FRONT_DESK, Role.MANAGER)  # the guest card and the caller's screen-pop
