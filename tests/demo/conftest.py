"""The demo tests share one load of the demo, so they run together on one xdist worker."""


def pytest_configure(config):
    # Registered here too so the marker is known when running without xdist (-p no:xdist).
    config.addinivalue_line("markers", "xdist_group(name): run these tests on one xdist worker")
