"""Development tools, never installed in production: the demo data generator (`manage.py generate_demo_data`)
behind the benchmarks. `directory/settings.py` installs this app only in debug mode; `bench/settings.py`
installs it for the benchmark's `generate_demo_data`."""
