from store_fixture import store_factory  # noqa: F401  (shared fixture)
