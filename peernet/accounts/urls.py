from django.urls import path

from peernet.accounts import people_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("invitation/<str:token>/", people_views.accept_invitation, name="invitation"),
    path("invitation/<str:token>/new/", people_views.renew_invitation, name="invitation_renew"),
]
