"""The Lancashire demo programme: Boost's Peer Networks, Rounds 1 and 2 as delivered and Round 3 open.

An app of its own at the top of the layers, beside the API; peernet.demo.seed.seed() is what
`manage.py seed_demo` runs.
"""
