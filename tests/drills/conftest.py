"""Drills: the fast ones run with `make test`; those marked `drill` (slow, they start and kill
real processes) run only when asked for with `-m drill` (`make drill`)."""


def pytest_collection_modifyitems(config, items):
    if "drill" in (config.getoption("markexpr") or ""):
        return
    slow = [item for item in items if item.get_closest_marker("drill")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("drill")]
