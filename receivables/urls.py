from django.urls import path

from receivables.views import aging, billing, collections, credit_notes, dunning, invoices, payments, statements

app_name = "receivables"

urlpatterns = [
    path("aging/", aging.aging_report, name="aging"),
    path("aging/accounts/<int:pk>/", aging.aging_account, name="aging-account"),
    path("dunning/", dunning.dunning_policy, name="dunning-policy"),
    path("dunning/levels/new/", dunning.dunning_level_create, name="dunning-level-create"),
    path("dunning/levels/<int:pk>/", dunning.dunning_level_edit, name="dunning-level-edit"),
    path("dunning/preview/", dunning.dunning_preview, name="dunning-preview"),
    path("dunning/run/", dunning.dunning_run_now, name="dunning-run-now"),
    path("dunning/runs/", dunning.dunning_runs, name="dunning-runs"),
    path("dunning/runs/<int:pk>/", dunning.dunning_run_detail, name="dunning-run-detail"),
    path("dunning/letters/<int:pk>/pdf/", dunning.dunning_letter_pdf, name="dunning-letter-pdf"),
    path("dunning/letters/<int:pk>/resolve/", dunning.dunning_letter_resolve, name="dunning-letter-resolve"),
    path("collections/", collections.collections, name="collections"),
    path("collections/<int:pk>/note/", collections.collection_note, name="collection-note"),
]

urlpatterns += [
    path("invoices/", invoices.invoice_list, name="invoice-list"),
    path("invoices/new/", invoices.invoice_create, name="invoice-create"),
    path("invoices/lookup/", invoices.invoice_lookup, name="invoice-lookup"),
    path("invoices/<int:pk>/", invoices.invoice_detail, name="invoice-detail"),
    path("invoices/<int:pk>/edit/", invoices.invoice_edit, name="invoice-edit"),
    path("invoices/<int:pk>/issue/", invoices.invoice_issue, name="invoice-issue"),
    path("invoices/<int:pk>/delete/", invoices.invoice_delete, name="invoice-delete"),
    path("invoices/<int:pk>/void/", invoices.invoice_void, name="invoice-void"),
    path("invoices/<int:pk>/credit/", invoices.invoice_credit, name="invoice-credit"),
    path("invoices/<int:pk>/disputes/", invoices.invoice_dispute, name="invoice-dispute"),
    path("invoices/<int:pk>/promises/", invoices.invoice_promise, name="invoice-promise"),
    path("disputes/<int:pk>/resolve/", invoices.dispute_resolve, name="dispute-resolve"),
    path("bookings/<int:pk>/invoice/", billing.booking_invoice, name="booking-invoice"),
    path("reservations/<int:pk>/invoice/", billing.reservation_invoice_create, name="reservation-invoice"),
    path("payments/", payments.payment_list, name="payment-list"),
    path("payments/new/", payments.payment_create, name="payment-create"),
    path("payments/open-invoices/", payments.payment_open_invoices, name="payment-open-invoices"),
    path("payments/<int:pk>/", payments.payment_detail, name="payment-detail"),
    path("payments/<int:pk>/allocate/", payments.payment_allocate, name="payment-allocate"),
    path("credit-notes/", credit_notes.credit_note_list, name="credit-note-list"),
    path("credit-notes/new/", credit_notes.credit_note_create, name="credit-note-create"),
    path("credit-notes/<int:pk>/", credit_notes.credit_note_detail, name="credit-note-detail"),
    path("credit-notes/<int:pk>/allocate/", credit_notes.credit_note_allocate, name="credit-note-allocate"),
    path("accounts/<int:pk>/statement/", statements.account_statement, name="account-statement"),
]
