from django.urls import path

from peernet.accounts import people_views, two_factor_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("sign-in/code/", two_factor_views.code, name="two_factor_code"),
    path("", two_factor_views.account, name="account"),
    path("two-factor/", two_factor_views.set_up, name="two_factor_setup"),
    path("two-factor/recovery-codes/", two_factor_views.new_recovery_codes, name="new_recovery_codes"),
    path("sign-out-other-devices/", two_factor_views.sign_out_other_devices, name="sign_out_other_devices"),
    path(
        "people/<int:user_id>/reset-two-factor/",
        two_factor_views.reset_person_two_factor,
        name="reset_two_factor",
    ),
    path("password-reset/", views.password_reset, name="password_reset"),
    path("password-reset/sent/", views.password_reset_sent, name="password_reset_sent"),
    path("password-reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path("password-reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("invitation/<str:token>/", people_views.accept_invitation, name="invitation"),
    path("invitation/<str:token>/new/", people_views.renew_invitation, name="invitation_renew"),
]
