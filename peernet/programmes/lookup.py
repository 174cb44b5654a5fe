"""Finding a round from a command's --round SLUG (with --hub and --programme when the slug repeats)."""

from django.core.management.base import CommandError

from peernet.programmes.models import Round


def round_for_command(slug: str, *, hub: str | None = None, programme: str | None = None) -> Round:
    """The one round with this slug, or a CommandError (exit status 2) that says what to add."""
    rounds = Round.objects.filter(slug=slug).select_related("programme__hub")
    if hub:
        rounds = rounds.filter(programme__hub__slug=hub)
    if programme:
        rounds = rounds.filter(programme__slug=programme)
    found = list(rounds[:5])
    if not found:
        raise CommandError(f"No round with the slug {slug!r}", returncode=2)
    if len(found) > 1:
        names = ", ".join(f"{r.programme.hub.slug}/{r.programme.slug}" for r in found)
        raise CommandError(
            f"More than one round is called {slug!r} ({names}); add --hub and --programme", returncode=2
        )
    return found[0]


def add_round_arguments(parser) -> None:
    parser.add_argument("--round", required=True, help="The round's slug, like round-3")
    parser.add_argument("--hub", help="The hub's slug, when more than one hub has a round with that slug")
    parser.add_argument("--programme", help="The programme's slug, when the hub has several")
