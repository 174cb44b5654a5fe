"""Tenants (Growth Hubs and their districts), people who sign in, their roles, and the audit trail."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.crypto import salted_hmac


class Hub(models.Model):
    """A Growth Hub: the tenant every record belongs to, directly or through its programme."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60)
    slug = models.SlugField(unique=True)
    area_name = models.CharField(max_length=100, help_text="For example, Lancashire")
    contact_email = models.EmailField(blank=True)
    # A database default too, so rows written by code that predates these fields (old migrations) still save.
    contact_phone = models.CharField(max_length=40, blank=True, default="", db_default="")
    contact_address = models.TextField(
        blank=True, default="", db_default="", help_text="The hub's postal address, one line per line"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """A local authority district in a hub's area; eligibility by area is a set of these."""

    class Kind(models.TextChoices):
        UNITARY = "unitary", "Unitary authority"
        DISTRICT = "district", "District council"

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="districts")
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.DISTRICT)
    travel_area = models.CharField(
        max_length=100,
        help_text="The area used to group in-person cohorts, e.g. Central Lancashire",
    )

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["hub", "name"], name="district_unique_name_per_hub")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    HUB_ADMIN = "hub_admin", "Hub administrator"
    PROGRAMME_MANAGER = "programme_manager", "Programme manager"
    PARTNER_MANAGER = "partner_manager", "Delivery partner manager"
    FACILITATOR = "facilitator", "Facilitator"
    PARTICIPANT = "participant", "Participant"
    BOARD_MEMBER = "board_member", "Board member"
    NATIONAL_VIEWER = "national_viewer", "National viewer"


# Roles that may see personal data of a whole hub.
HUB_STAFF_ROLES = frozenset({Role.HUB_ADMIN, Role.PROGRAMME_MANAGER})
# Roles that see aggregates only, never a person.
AGGREGATE_ROLES = frozenset({Role.BOARD_MEMBER, Role.NATIONAL_VIEWER})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("Users need an email address")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        """A platform operator: the Django admin's only user, in no hub and with no hub role."""
        if fields.get("hub") or fields.get("hub_id") or fields.get("role"):
            raise ValueError("Platform operators belong to no hub and have no role")
        fields.update(role="", hub=None, is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractUser):
    """Someone who signs in with their email address. Their role decides what they may see."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=200)
    role = models.CharField(
        max_length=30, choices=Role.choices, blank=True, help_text="Empty only for platform operators"
    )
    hub = models.ForeignKey(
        Hub,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text="Empty only for national viewers, who see every hub's aggregates",
    )
    delivery_partner = models.ForeignKey(
        "programmes.DeliveryPartner",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text="For delivery partner managers and facilitators",
    )
    # Raised by "sign out of other devices": a session signed in before it no longer matches its user.
    sessions_generation = models.PositiveIntegerField(default=0, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]
    objects = UserManager()

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role="national_viewer") | Q(hub__isnull=False) | Q(is_superuser=True),
                name="user_has_hub_unless_national",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=["partner_manager", "facilitator"]) | Q(delivery_partner__isnull=False),
                name="partner_roles_have_partner",
            ),
            # The admin sees every hub, so no one in a hub may be a superuser.
            models.CheckConstraint(
                condition=Q(is_superuser=False) | Q(hub__isnull=True, role=""),
                name="superuser_has_no_hub_or_role",
                violation_error_message=(
                    "A superuser (a platform operator) has no hub and no role; remove both"
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        if not self.role and not self.is_superuser:
            raise ValidationError({"role": "Choose the person's role"})

    def get_full_name(self) -> str:
        return self.full_name

    def _session_hash(self, secret=None) -> str:
        # Django's hash of the password, as it is until someone first signs out their other devices.
        value = f"{self.password}:{self.sessions_generation}" if self.sessions_generation else self.password
        return salted_hmac(
            "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash",
            value,
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def get_session_auth_hash(self) -> str:
        return self._session_hash()

    def get_session_auth_fallback_hash(self):
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret=fallback_secret)

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_hub_staff(self) -> bool:
        return self.role in HUB_STAFF_ROLES

    @property
    def sees_aggregates_only(self) -> bool:
        return self.role in AGGREGATE_ROLES


class AuditEntry(models.Model):
    """Who did what to which record, when and why. Written by every workflow function; never edited."""

    hub = models.ForeignKey(Hub, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=100)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.CharField(max_length=64, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    summary = models.CharField(max_length=300)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_subject_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}: {self.summary}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the API. Only its hash is stored; the token is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8, help_text="The first characters, to tell tokens apart")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, *, user, name: str) -> tuple["ApiToken", str]:
        token = "pn_" + secrets.token_urlsafe(32)
        api_token = cls.objects.create(user=user, name=name, prefix=token[:8], token_hash=hash_token(token))
        return api_token, token


class InvitationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "InvitationQuerySet":
        from peernet.accounts.permissions import invitations_visible_to

        return invitations_visible_to(self, user)


class Invitation(models.Model):
    """An invitation to join a hub in a role: a one-time, expiring link by which the person sets a password.

    Only the token's hash is stored. Resending gives the same invitation a new token and a new expiry, so the
    old link stops working; accepting it creates or reopens the user. Each move is one function of
    peernet.accounts.invitations, which writes the audit entry and queues the email.
    """

    email = models.EmailField()
    full_name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=30, choices=Role.choices)
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="invitations")
    delivery_partner = models.ForeignKey(
        "programmes.DeliveryPartner",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
        help_text="Who accepted it",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One open invitation per address: inviting again resends it.
            models.UniqueConstraint(
                fields=["email"], condition=Q(accepted_at__isnull=True), name="one_open_invitation_per_email"
            ),
            models.CheckConstraint(
                condition=~Q(role__in=["partner_manager", "facilitator"]) | Q(delivery_partner__isnull=False),
                name="partner_invitations_have_partner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} as {self.get_role_display()}"
