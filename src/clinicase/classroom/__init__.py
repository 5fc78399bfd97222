"""The live class: learners' kernels send what they do to a service the instructor runs.

records.py   what a learner's progress sends (one record per first answer, pause, stage reached),
             built from the progress file and checked against the case on arrival
store.py     the service's SQLite database (WAL): learners, records, pacing
summary.py   records -> what the dashboard shows (live and static alike)
dashboard.py the dashboard page (Jinja2, English and French) and the CSV/JSON exports
service.py   the tornado service: `python -m clinicase class serve`
hub.py       the same service as a JupyterHub-managed service (hub OAuth)
client.py    the kernel side: join, a background sender with a queue kept in the progress file,
             and the pacing the instructor sets
"""
