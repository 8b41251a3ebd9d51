"""Which roles may do what in marketing (营销): sales build promotions, client segments and campaigns; managers see
everything, approve campaigns and set up the offers and the triggers (which sales read, with what they brought); the
front desk reads the offers it makes at the desk and the front-line assistant's card of the guest in front of it
(which everyone who answers the phone or the desk reads), and nothing else of marketing; receivables see none of it
but the offers a guest accepted with a stay or a booking, which they bill."""

from hotelsales.roles import Role

READ = (Role.SALES, Role.MANAGER)
BUILD = (Role.SALES, Role.MANAGER)
PLAN = (Role.MANAGER,)  # the marketing plan, which sales read (READ), and the approval of campaigns
ASSIST = (Role.SALES, Role.FRONT_DESK, Role.MANAGER)  # the guest card and the caller's screen-pop
READ_OFFERS = (Role.SALES, Role.MANAGER, Role.FRONT_DESK)
SEE_EXTRAS = (Role.SALES, Role.FRONT_DESK, Role.MANAGER, Role.RECEIVABLES)  # on a reservation's or booking's page
SET_OFFERS = (Role.MANAGER,)
READ_TRIGGERS = (Role.SALES, Role.MANAGER)  # the triggers, what they brought, and triggered against blanket
SET_TRIGGERS = (Role.MANAGER,)
LEADS = (Role.SALES, Role.MANAGER)  # the leads of the public inquiry form, the phone and imports
ROUTE_LEADS = (Role.MANAGER,)  # the routing rules of new leads, which sales read
