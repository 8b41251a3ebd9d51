"""Which roles may do what with invoices, payments and credit notes (DESIGN §6: only receivables and managers
change them; sales look at their clients' invoices without changing them)."""

from hotelsales.roles import Role

READ = (Role.RECEIVABLES, Role.MANAGER, Role.SALES)
EDIT = (Role.RECEIVABLES, Role.MANAGER)
