"""Meeting slots (a weekday morning or afternoon), shared by applications, cohorts and the engine."""

DAYS = [
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
]
HALVES = [("am", "morning"), ("pm", "afternoon")]

SLOT_CHOICES = [
    (f"{day}-{half}", f"{day_name} {half_name}") for day, day_name in DAYS for half, half_name in HALVES
]
SLOT_LABELS = dict(SLOT_CHOICES)


def slot_label(slot: str) -> str:
    return SLOT_LABELS.get(slot, slot)
