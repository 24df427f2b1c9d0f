# Environment for the test run is set in pyproject.toml ([tool.pytest.ini_options] env), before Django loads.
pytest_plugins = ["testkit.fixtures"]
