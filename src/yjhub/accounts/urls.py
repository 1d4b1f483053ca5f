from django.urls import path

from yjhub.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.login, name="login"),
    path("sign-in/second-factor/", views.second_factor, name="second_factor"),
    path("sign-in/set-up-second-factor/", views.second_factor_setup, name="second_factor_setup"),
    path("sign-out/", views.logout, name="logout"),
    path("signed-out/", views.signed_out, name="signed_out"),
    path("account/password/", views.password_change, name="password_change"),
    path("users/", views.users, name="users"),
    path("users/invite/", views.user_invite, name="user_invite"),
    path("users/<int:user_id>/", views.user_detail, name="user_detail"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
