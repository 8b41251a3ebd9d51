"""The public inquiry form, at the site's root (/inquiry/) so the hotel's website can link to it plainly."""

from django.urls import path

from marketing.views import inquiry

app_name = "inquiry"

urlpatterns = [
    path("", inquiry.inquiry_form, name="form"),
    path("thanks/", inquiry.inquiry_thanks, name="thanks"),
]
