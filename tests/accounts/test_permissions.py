from peernet.accounts.models import Role
from peernet.accounts.permissions import is_staff_of_hub


def test_is_staff_of_hub_for_staff_of_that_hub(hub, make_user):
    assert is_staff_of_hub(make_user(Role.PROGRAMME_MANAGER, hub), hub.pk)
    assert is_staff_of_hub(make_user(Role.HUB_ADMIN, hub), hub.pk)


def test_is_staff_of_hub_not_for_staff_of_another_hub(hub, other_hub, make_user):
    assert not is_staff_of_hub(make_user(Role.PROGRAMME_MANAGER, other_hub), hub.pk)


def test_is_staff_of_hub_not_for_other_roles_at_the_hub(hub, make_user):
    assert not is_staff_of_hub(make_user(Role.BOARD_MEMBER, hub), hub.pk)
    assert not is_staff_of_hub(make_user(Role.PARTICIPANT, hub), hub.pk)
