from django.urls import path

from peernet.accounts import people_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path("password-reset/sent/", views.password_reset_sent, name="password_reset_sent"),
    path("password-reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path(
        "password-reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"
    ),
    path("invitation/<str:token>/", people_views.accept_invitation, name="invitation"),
    path("invitation/<str:token>/new/", people_views.renew_invitation, name="invitation_renew"),
]
