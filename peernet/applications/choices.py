"""Answer lists shared by the public form and the import: ownership profiles and equality monitoring."""

OWNERSHIP_CHOICES = [
    ("women-led", "Women-led"),
    ("ethnic-minority-led", "Led by someone from an ethnic minority"),
    ("disabled-led", "Led by someone with a disability"),
    ("family", "Family business"),
    ("employee-owned", "Employee-owned"),
    ("social-enterprise", "Social enterprise"),
    ("veteran-led", "Led by a veteran of the armed forces"),
    ("young-founder", "Founder under 30"),
]
OWNERSHIP_LABELS = dict(OWNERSHIP_CHOICES)

PREFER_NOT = ("prefer_not", "Prefer not to say")

GENDER_CHOICES = [
    ("woman", "Woman"),
    ("man", "Man"),
    ("non-binary", "Non-binary"),
    ("self-described", "I describe myself another way"),
    PREFER_NOT,
]
AGE_BAND_CHOICES = [
    ("16-24", "16 to 24"),
    ("25-34", "25 to 34"),
    ("35-44", "35 to 44"),
    ("45-54", "45 to 54"),
    ("55-64", "55 to 64"),
    ("65+", "65 or over"),
    PREFER_NOT,
]
ETHNICITY_CHOICES = [
    ("asian", "Asian or Asian British"),
    ("black", "Black, Black British, Caribbean or African"),
    ("mixed", "Mixed or multiple ethnic groups"),
    ("white", "White"),
    ("other", "Another ethnic group"),
    PREFER_NOT,
]
DISABILITY_CHOICES = [
    ("yes", "Yes"),
    ("no", "No"),
    PREFER_NOT,
]
