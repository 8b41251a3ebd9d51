from django.urls import path

from clienthistory.views import accounts, profiles, search, vip

app_name = "clienthistory"

urlpatterns = [
    path("accounts/", accounts.account_list, name="account-list"),
    path("accounts/new/", accounts.account_create, name="account-create"),
    path("accounts/lookup/", search.account_lookup, name="account-lookup"),
    path("accounts/<int:pk>/", accounts.account_detail, name="account-detail"),
    path("accounts/<int:pk>/edit/", accounts.account_edit, name="account-edit"),
    path("accounts/<int:pk>/credit/", accounts.credit_assess, name="credit-assess"),
    path("profiles/", profiles.profile_list, name="profile-list"),
    path("profiles/new/", profiles.profile_create, name="profile-create"),
    path("profiles/lookup/", search.profile_lookup, name="profile-lookup"),
    path("profiles/<int:pk>/", profiles.profile_detail, name="profile-detail"),
    path("profiles/<int:pk>/edit/", profiles.profile_edit, name="profile-edit"),
    path("profiles/<int:pk>/preferences/", profiles.preference_add, name="preference-add"),
    path("preferences/<int:pk>/delete/", profiles.preference_delete, name="preference-delete"),
    path("search/", search.search, name="search"),
    path("vip-levels/", vip.vip_level_list, name="vip-level-list"),
    path("vip-levels/new/", vip.vip_level_create, name="vip-level-create"),
    path("vip-levels/<int:pk>/edit/", vip.vip_level_edit, name="vip-level-edit"),
]
